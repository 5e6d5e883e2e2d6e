import DebianFormats
import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// The few file-system calls the readers need, over the C library (no Foundation on these paths).
public enum FileSystem {
    /// Size, modification time and type of a path (`stat`, following symlinks).
    public struct Status: Sendable, Hashable {
        public var size: Int64
        /// Modification time in nanoseconds since the Unix epoch.
        public var mtimeNanoseconds: Int64
        public var isDirectory: Bool
        public var isRegular: Bool
        /// Device and inode: which file this is, whatever path reached it (loops are found by these).
        public var device: UInt64 = 0
        public var inode: UInt64 = 0
        /// Status-change time in nanoseconds: set by the kernel on every write, rename or `chmod`, and not
        /// settable by `touch` or `cp -p` as the modification time is.
        public var ctimeNanoseconds: Int64 = 0
        /// The kind when it is neither a regular file nor a directory (`fifo`, `character device`, …).
        public var otherKind: String?
    }

    /// `stat(2)` of `path`, or nil if it does not exist or cannot be reached.
    public static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        return Status(
            size: Int64(info.st_size),
            mtimeNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            isDirectory: type == S_IFDIR, isRegular: type == S_IFREG,
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
            ctimeNanoseconds: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
            otherKind: type == S_IFDIR ? nil : RegularFile.nonRegularKind(info.st_mode))
    }

    /// Whether `path` itself is a symbolic link (`lstat`).
    public static func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Reads a whole file, refusing files larger than `maximumSize`.
    /// - Throws: ``ArtifactError`` naming the file and the `errno` text.
    /// Only a regular file is read (a FIFO or a device would block or never end).
    public static func read(_ path: String, maximumSize: Int64 = 256 << 20) throws(ArtifactError) -> [UInt8] {
        let fd: Int32
        do { fd = try RegularFile.open(path) } catch { throw ArtifactError(file: path, reason: error.message) }
        defer { close(fd) }
        // The size fstat gives is read straight into the array (a 50 MB Packages file cost a tenth of a
        // migration check when copied through a 64 KiB chunk); the loop below takes whatever follows.
        var status = stat()
        let expected = fstat(fd, &status) == 0 ? Int(status.st_size) : 0
        guard Int64(expected) <= maximumSize else {
            throw ArtifactError(file: path, reason: "file is larger than \(maximumSize) bytes")
        }
        var failure: String?
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            while initialized < buffer.count {
                let count = Glibc.read(fd, base + initialized, buffer.count - initialized)
                if count < 0 && errno == EINTR { continue }
                if count < 0 { failure = Errno.currentText }
                if count <= 0 { return }
                initialized += count
            }
        }
        if let failure { throw ArtifactError(file: path, reason: "cannot read file: \(failure)") }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ArtifactError(file: path, reason: "cannot read file: \(Errno.currentText)")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if Int64(bytes.count) > maximumSize {
                throw ArtifactError(file: path, reason: "file is larger than \(maximumSize) bytes")
            }
        }
        return bytes
    }

    /// The entries of a directory (`opendir`/`readdir`), without `.` and `..`, sorted by bytes. Names that
    /// are not valid UTF-8 cannot be represented (nor opened) faithfully: they are left out of the list.
    public static func list(_ directory: String) throws(ArtifactError) -> [String] {
        try listing(directory).names
    }

    /// The entries of a directory, and the names (escaped, for messages) that are not valid UTF-8.
    public static func listing(_ directory: String) throws(ArtifactError) -> (names: [String], invalid: [String]) {
        guard let dir = opendir(directory) else {
            throw ArtifactError(file: directory, reason: "cannot read directory: \(Errno.currentText)")
        }
        defer { closedir(dir) }
        var names: [String] = []
        var invalid: [String] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                invalid.append(bytes.map { $0 < 0x80 ? Printable.escaped(String(UnicodeScalar($0))) : "\\x" + String($0, radix: 16) }.joined())
                continue
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return (names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, invalid.sorted())
    }

    /// Whether `path` is readable by this process (`access(R_OK)`).
    public static func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }

    /// The absolute, symlink-free form of `path` (`realpath`), or nil if it does not exist.
    public static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` joined to `name` with one slash.
    public static func join(_ path: String, _ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    /// The directory part of `path` (everything before the last slash, or ".").
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last path component.
    public static func baseName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
