import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// One side's file contents, appended one after another to a single file in the scratch directory.
///
/// Creating thousands of small files costs more than decompressing them (ext4 inode allocation
/// dominated the profile of a 5000-file pair), so each tree is one sequential spool: entries record
/// an offset and a size, a patched file is appended again. Owns one descriptor, closed in `deinit`;
/// not `Sendable` (one thread at a time). Once written, a spool is read from any thread through a
/// ``SpoolReader``.
final class SpoolFile {
    let path: String
    private let fd: Int32
    /// Where the next append lands.
    private(set) var size: Int64 = 0

    /// Creates (or empties) the spool at `path`, open for appending and reading back.
    init(path: String) throws(DebdiffError) {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DebdiffError("cannot open '\(path)': \(Errno.currentText)") }
    }

    deinit { close(fd) }

    /// Appends bytes, returning nothing; use ``size`` before the first chunk as the entry's offset.
    func append(_ bytes: UnsafeRawBufferPointer) throws(DebdiffError) {
        do { try FileDescriptor.writeAll(fd, bytes, path: path) } catch {
            throw DebdiffError("cannot write '\(path)': \(Errno.text(error.errno))")
        }
        size += Int64(bytes.count)
    }

    /// Appends a whole file's bytes and returns their offset.
    func append(_ bytes: [UInt8]) throws -> Int64 {
        let offset = size
        try bytes.withUnsafeBytes { try append($0) }
        return offset
    }

    /// Reads `count` bytes at `offset` (`pread`).
    func read(offset: Int64, count: Int64) throws(DebdiffError) -> [UInt8] {
        try Self.read(fd, path: path, offset: offset, count: count)
    }

    /// Reads `count` bytes at `offset` of `fd` with `pread`, which leaves the file position alone and
    /// so may run on several threads sharing one descriptor.
    static func read(_ fd: Int32, path: String, offset: Int64, count: Int64) throws(DebdiffError) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(count))
        var failure: DebdiffError?
        bytes.withUnsafeMutableBytes { buffer in
            do throws(DebdiffError) { try read(fd, path: path, offset: offset, into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Fills `buffer` with the bytes at `offset` of `fd` (`pread`).
    static func read(_ fd: Int32, path: String, offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(DebdiffError) {
        var done = 0
        while done < buffer.count {
            let got = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw DebdiffError("cannot read '\(path)' at \(offset + Int64(done)): \(got < 0 ? Errno.currentText : "short file")")
            }
            done += got
        }
    }
}
