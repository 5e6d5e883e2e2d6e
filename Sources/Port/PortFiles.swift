import Artifacts
import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// The file-system calls a port needs, over the C library (debwork keeps Foundation out of its binary).
/// Every error is a ``PortError`` naming the path and the `errno` text.
enum PortFiles {
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// `mkdir -p`.
    static func makeDirectories(_ path: String) throws(PortError) {
        if FileStatus.isDirectory(path) { return }
        let parent = FileSystem.directory(of: path)
        if parent != path && parent != "." && parent != "/" { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw PortError(file: path, "cannot create directory: \(Errno.currentText)")
        }
    }

    /// Writes `bytes` to `<path>.partial`, then renames it to `path`: a reader sees the whole file or none.
    static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(PortError) {
        let temporary = path + ".partial"
        let file = try OutputFile(path: temporary)
        do throws(PortError) {
            try file.write(bytes)
            try file.close()
        } catch {
            unlink(temporary)
            throw error
        }
        try rename(temporary, to: path)
    }

    static func rename(_ from: String, to: String) throws(PortError) {
        if Glibc.rename(from, to) != 0 {
            throw PortError(file: to, "cannot rename '\(from)' to it: \(Errno.currentText)")
        }
    }

    /// Opens a regular file for reading (``SystemCalls/RegularFile``: a FIFO or a device is refused).
    static func openRegular(_ path: String) throws(PortError) -> Int32 {
        do { return try RegularFile.open(path) } catch { throw PortError(file: path, error.message) }
    }

    /// `mkdtemp` under `TMPDIR` (or `/tmp`): ``SystemCalls/TemporaryDirectory`` with a port's message.
    static func temporaryDirectory(prefix: String) throws(PortError) -> String {
        do { return try TemporaryDirectory.make(prefix: prefix + "-") } catch {
            throw PortError(file: error.path, "cannot create a temporary directory: \(Errno.text(error.errno))")
        }
    }

    /// The absolute form of a relative path (against the working directory), without resolving symlinks.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = buffer.withUnsafeBufferPointer { $0.baseAddress.map { String(cString: $0) } ?? "." }
        let trimmed = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return trimmed == "." ? cwd : cwd + "/" + trimmed
    }
}
