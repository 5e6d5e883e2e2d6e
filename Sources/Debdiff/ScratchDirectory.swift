#if canImport(Glibc)
import Glibc
#endif

/// A private directory (`mkdtemp`, mode 0700) that the unpacked trees are written into, removed in
/// `deinit`. Files are only ever created below it with `O_NOFOLLOW | O_EXCL`-style checks, and no
/// symlink from an archive is ever created on disk, so nothing is written outside it.
final class ScratchDirectory {
    let path: String

    /// Creates the directory under `$TMPDIR` (or `/tmp`).
    /// - Throws: ``DebdiffError`` naming `mkdtemp` and errno.
    init() throws(DebdiffError) {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/debwork-debdiff.XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw DebdiffError("cannot create a temporary directory in '\(base)': \(Self.errnoText())")
        }
        path = String(cString: made)
    }

    deinit {
        Self.removeTree(path)
    }

    /// Creates `path` and any missing parents (mode 0700).
    static func makeDirectories(_ path: String) throws(DebdiffError) {
        if mkdir(path, 0o700) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex else {
            throw DebdiffError("cannot create directory '\(path)': \(errnoText())")
        }
        try makeDirectories(String(path[..<slash]))
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw DebdiffError("cannot create directory '\(path)': \(errnoText())")
        }
    }

    /// Opens `path` for writing, replacing a regular file there; never follows a symlink.
    static func create(_ path: String) throws(DebdiffError) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DebdiffError("cannot create '\(path)': \(errnoText())") }
        return fd
    }

    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(DebdiffError) {
        var done = 0
        while done < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if written < 0 {
                if errno == EINTR { continue }
                throw DebdiffError("cannot write '\(path)': \(errnoText())")
            }
            done += written
        }
    }

    /// Writes `bytes` as the whole content of `path`.
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let fd = try create(path)
        defer { close(fd) }
        try bytes.withUnsafeBytes { try write(fd, $0, path: path) }
    }

    /// Reads the whole file at `path`; `size` is a hint.
    static func readFile(_ path: String, size: Int64 = 0) throws(DebdiffError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw DebdiffError("cannot open '\(path)': \(errnoText())") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(size))
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw DebdiffError("cannot read '\(path)': \(errnoText())")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Removes a tree this process made (no symlinks are followed: `unlinkat` removes links themselves).
    static func removeTree(_ path: String) {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name == "." || name == ".." { continue }
                let child = path + "/" + name
                if entry.pointee.d_type == UInt8(DT_DIR) {
                    removeTree(child)
                } else {
                    unlink(child)
                }
            }
            closedir(dir)
        }
        rmdir(path)
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

extension ScratchDirectory {
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Removes whatever non-directory is at `path` (so a later member replaces an earlier one).
    static func removeNonDirectory(_ path: String) {
        var info = stat()
        if lstat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR { unlink(path) }
    }

    static func hardLink(_ target: String, _ path: String) throws(DebdiffError) {
        if link(target, path) != 0 { throw DebdiffError("cannot link '\(path)' to '\(target)': \(errnoText())") }
    }

    static func close(_ fd: Int32) { _ = Glibc.close(fd) }
}
