#if canImport(Glibc)
import Glibc
#endif

/// Calls on an open file descriptor that the C library leaves to a loop.
public enum FileDescriptor {
    /// Writes all of `bytes` to `fd` (`write(2)` until done, retried on `EINTR` and after short writes).
    /// - Throws: ``SystemCallError`` naming `path`, with `write` and its `errno`.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(SystemCallError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw SystemCallError(path: path, function: "write", errno: errno)
            }
            offset += written
        }
    }
}
