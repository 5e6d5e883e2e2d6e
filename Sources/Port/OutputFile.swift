import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// A file opened for writing (`open(O_CREAT|O_TRUNC)`), closed on `close()` or in `deinit`. Not `Sendable`.
final class OutputFile {
    let path: String
    private var fd: Int32

    init(path: String) throws(PortError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PortError(file: path, "cannot create file: \(Errno.currentText)") }
    }

    /// Creates the new file `name` in `directory` (`openat` with `O_CREAT | O_EXCL | O_NOFOLLOW`): an existing
    /// file or a symlink planted under that name is an error, never overwritten or followed.
    init(directory: OutputDirectory, name: String) throws(PortError) {
        path = directory.path(of: name)
        fd = openat(directory.fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PortError(file: path, "cannot create file: \(Errno.currentText)") }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    func write(_ bytes: UnsafeRawBufferPointer) throws(PortError) {
        do { try FileDescriptor.writeAll(fd, bytes, path: path) } catch {
            throw PortError(file: path, "cannot write file: \(Errno.text(error.errno))")
        }
    }

    func write(_ bytes: [UInt8]) throws(PortError) {
        let result: Result<Void, PortError> = bytes.withUnsafeBytes { buffer in
            do throws(PortError) { try write(buffer); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
    }

    func close() throws(PortError) {
        guard fd >= 0 else { return }
        let code = Glibc.close(fd)
        fd = -1
        if code != 0 { throw PortError(file: path, "cannot close file: \(Errno.currentText)") }
    }
}
