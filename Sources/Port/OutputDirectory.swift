import SystemCalls
#if canImport(Glibc)
import Glibc
#endif
import DebianFormats

/// A directory debwork writes into, held open (`open(O_DIRECTORY)`), so that every file and folder it makes
/// is created relative to that handle (`openat`, `mkdirat`, `renameat`, `unlinkat`) and can only land inside it.
///
/// Every name is one plain path component (``ControlNames/isPlainComponent(_:)``: no `/`, not `.` or `..`,
/// no control bytes), so no field of a package can steer a write elsewhere; files are created with
/// `O_EXCL | O_NOFOLLOW` and folders are opened with `O_NOFOLLOW`, so a symlink planted in the way is refused
/// instead of followed. Closed in `deinit`. Not `Sendable`.
final class OutputDirectory {
    /// The directory's path as given (for messages and for the paths reported to the user).
    let path: String
    let fd: Int32

    /// Opens an existing directory (following symlinks: the user chose this path).
    init(path: String) throws(PortError) {
        self.path = path
        fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw PortError(file: path, "cannot open directory: \(Errno.currentText)") }
    }

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    /// `mkdir -p` of a path the user gave (`--output-dir`), then opens it. Returns the handle and the folders
    /// that did not exist before, deepest last, so a failed run can remove exactly what it made.
    static func make(_ path: String) throws(PortError) -> (directory: OutputDirectory, created: [String]) {
        var created: [String] = []
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") where component != "." {
            current += "/" + component
            if FileStatus.isDirectory(current) { continue }
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                let error = PortError(file: current, "cannot create directory: \(Errno.currentText)")
                removeCreated(created)
                throw error
            }
            created.append(current)
        }
        do {
            return (try OutputDirectory(path: path), created)
        } catch {
            removeCreated(created)
            throw error
        }
    }

    /// Removes folders ``make(_:)`` created, deepest first, each only if it is empty (`rmdir`).
    static func removeCreated(_ created: [String]) {
        for folder in created.reversed() { rmdir(folder) }
    }

    /// The path of `name` inside this directory.
    func path(of name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    /// Throws unless `name` is one plain path component.
    static func check(_ name: String, in directory: String) throws(PortError) {
        guard ControlNames.isPlainComponent(name) else {
            throw PortError(file: directory, "refusing to write '\(Printable.escaped(name))': not a plain file name")
        }
    }

    /// Creates the folder `name` (mode `mode`), failing if anything already has that name, and opens it.
    func makeDirectory(_ name: String, mode: mode_t = 0o755) throws(PortError) -> OutputDirectory {
        try Self.check(name, in: path)
        guard mkdirat(fd, name, mode) == 0 else {
            throw PortError(file: path(of: name), "cannot create directory: \(Errno.currentText)")
        }
        return try openDirectory(name)
    }

    /// Opens the existing folder `name`, refusing a symlink.
    func openDirectory(_ name: String) throws(PortError) -> OutputDirectory {
        try Self.check(name, in: path)
        let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard child >= 0 else {
            throw PortError(file: path(of: name), errno == ELOOP ? "is a symlink; refusing to write through it"
                                                                  : "cannot open directory: \(Errno.currentText)")
        }
        return OutputDirectory(fd: child, path: path(of: name))
    }

    /// Whether anything (a symlink included) has the name `name` here.
    func contains(_ name: String) -> Bool {
        var info = stat()
        return fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0
    }

    /// Creates the new file `name` for writing (`O_CREAT | O_EXCL | O_NOFOLLOW`, mode 0644).
    func createFile(_ name: String) throws(PortError) -> OutputFile {
        try Self.check(name, in: path)
        return try OutputFile(directory: self, name: name)
    }

    /// Writes `bytes` to `<name>.partial`, then renames it to `name`: a reader sees the whole file or none.
    func writeAtomically(_ name: String, _ bytes: [UInt8]) throws(PortError) {
        let temporary = name + ".partial"
        let file = try createFile(temporary)
        do throws(PortError) {
            try file.write(bytes)
            try file.close()
            try rename(temporary, to: name)
        } catch {
            unlinkat(fd, temporary, 0)
            throw error
        }
    }

    /// `renameat` within this directory (replacing a file `to`, as rename(2) does).
    func rename(_ from: String, to: String) throws(PortError) {
        try Self.check(from, in: path)
        try Self.check(to, in: path)
        if renameat(fd, from, fd, to) != 0 {
            throw PortError(file: path(of: to), "cannot rename '\(from)' to it: \(Errno.currentText)")
        }
    }

    /// Puts the file at `source` here as `name`, byte for byte: a hard link when the file system allows
    /// (`linkat`, never following a symlink at `source`), else a copy through a temporary name.
    func linkOrCopy(_ source: String, as name: String) throws(PortError) {
        try Self.check(name, in: path)
        if linkat(AT_FDCWD, source, fd, name, 0) == 0 { return }
        let input = try PortFiles.openRegular(source)
        defer { close(input) }
        let temporary = name + ".partial"
        let output = try createFile(temporary)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        do throws(PortError) {
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw PortError(file: source, "cannot read file: \(Errno.currentText)")
                }
                if count == 0 { break }
                try output.write(Array(buffer[0..<count]))
            }
            try output.close()
            try rename(temporary, to: name)
        } catch {
            unlinkat(fd, temporary, 0)
            throw error
        }
    }

    /// `rm -r name` inside this directory, through handles: symlinks are removed, never followed, and
    /// nothing outside this directory can be reached.
    func removeTree(_ name: String) {
        guard ControlNames.isPlainComponent(name) else { return }
        var info = stat()
        guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR, let child = try? openDirectory(name) {
            for entry in child.entries() { child.removeTree(entry) }
            unlinkat(fd, name, AT_REMOVEDIR)
        } else {
            unlinkat(fd, name, 0)
        }
    }

    /// The names in this directory (without `.` and `..`).
    func entries() -> [String] {
        let copy = dup(fd)
        guard copy >= 0, let dir = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return []
        }
        defer { closedir(dir) }
        rewinddir(dir) // the duplicate shares the handle's position
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
