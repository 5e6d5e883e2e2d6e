#if canImport(Glibc)
import Glibc
#endif

/// Opening files that came from someone else: only regular files are ever read.
///
/// A FIFO named `x.deb` (or `Packages` inside `dists/`) blocks `open(2)` and `read(2)` forever, a character
/// device never ends: either would hang a run and keep the good files of the same run from being committed.
/// So the type is checked before opening (`stat`), the file is opened non-blocking (opening a FIFO for
/// reading then returns at once), checked again on the descriptor (`fstat`, closing the race between the
/// two), and only then switched back to blocking reads.
public enum RegularFile {
    /// Opens `path` for reading and returns the descriptor (the caller closes it).
    /// - Throws: ``SystemCallError`` naming the path: it does not exist, cannot be opened, or is not a
    ///   regular file (`not a regular file (fifo)`).
    public static func open(_ path: String) throws(SystemCallError) -> Int32 {
        var info = stat()
        if stat(path, &info) == 0, let kind = nonRegularKind(info.st_mode) {
            throw SystemCallError(path: path, reason: "not a regular file (\(kind))")
        }
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SystemCallError(path: path, function: "open", errno: errno) }
        guard fstat(fd, &info) == 0 else {
            let error = SystemCallError(path: path, function: "fstat", errno: errno)
            close(fd)
            throw error
        }
        if let kind = nonRegularKind(info.st_mode) {
            close(fd)
            throw SystemCallError(path: path, reason: "not a regular file (\(kind))")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// The kind of a non-regular file (`directory`, `fifo`, `character device`, …), nil for a regular file.
    public static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "directory"
        case S_IFIFO: return "fifo"
        case S_IFCHR: return "character device"
        case S_IFBLK: return "block device"
        case S_IFSOCK: return "socket"
        case S_IFLNK: return "symlink"
        default: return "unknown type"
        }
    }

    /// Reads `count` bytes or up to the end of file into `buffer` (`read(2)`, retried on `EINTR`).
    /// Returns how many bytes were read (0 at the end of the file).
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(SystemCallError) -> Int {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw SystemCallError(path: path, function: "read", errno: errno)
        }
    }
}

/// A system call failed on a path: the path, the function and its `errno` (or a reason of debwork's own).
public struct SystemCallError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var function: String?
    public var errno: Int32
    /// What is wrong, when it is not an `errno` (`not a regular file (fifo)`).
    public var reason: String?

    public init(path: String, function: String, errno: Int32) {
        self.path = path
        self.function = function
        self.errno = errno
        reason = nil
    }

    public init(path: String, reason: String) {
        self.path = path
        function = nil
        errno = 0
        self.reason = reason
    }

    /// The message without the path: `cannot open file: Permission denied`, `not a regular file (fifo)`.
    public var message: String {
        if let reason { return reason }
        let text = Errno.text(errno)
        switch function {
        case "posix_spawnp": return "cannot run: \(text)"
        case "mkstemp", "mkdtemp": return "cannot create a temporary file: \(text)"
        case "open": return "cannot open file: \(text)"
        case "read": return "cannot read file: \(text)"
        default: return "cannot access file: \(text)"
        }
    }

    public var description: String { "\(path): \(message)" }
}
