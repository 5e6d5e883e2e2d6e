#if canImport(Glibc)
import Glibc
#endif

/// A temporary file for data too large to hold in memory (the sorted runs of a listing of most of an archive):
/// made by `mkstemp(3)` (mode 0600) under ``TemporaryDirectory/base`` and unlinked at once, so it has no name
/// anyone can open or replace, and it is gone when it is closed or the process ends, however it ends.
/// Appends are buffered; reads go to any offset of what was written (``flush()`` first).
public final class SpillFile {
    private let fd: Int32
    /// Where the file was made, for messages (it has no name any more).
    public let directory: String
    private var pending: [UInt8] = []
    /// The bytes appended so far, the pending ones included.
    public private(set) var size = 0

    /// - Throws: ``SystemCallError`` naming the directory (`mkstemp` and its `errno`).
    public init(in directory: String = TemporaryDirectory.base) throws(SystemCallError) {
        var template = Array("\(directory)/debwork-spill-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw SystemCallError(path: directory, function: "mkstemp", errno: errno) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = $0.baseAddress.map(unlink) }
        self.fd = fd
        self.directory = directory
        pending.reserveCapacity(Self.bufferSize)
    }

    deinit {
        close(fd)
    }

    /// Bytes written to the file at a time.
    static let bufferSize = 1 << 20

    /// Appends `bytes` at the end.
    public func append(_ bytes: UnsafeRawBufferPointer) throws(SystemCallError) {
        if pending.count + bytes.count > Self.bufferSize { try flush() }
        pending.append(contentsOf: bytes)
        size += bytes.count
    }

    /// Writes the pending bytes to the file (a full disk is an error here, never a short file).
    public func flush() throws(SystemCallError) {
        var offset = 0
        while offset < pending.count {
            let written = pending.withUnsafeBytes { Glibc.write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw SystemCallError(path: directory, function: "write", errno: written < 0 ? errno : ENOSPC) }
            offset += written
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Reads up to `buffer.count` bytes from `offset` (`pread(2)`, retried on `EINTR`); fewer only at the end of
    /// what was flushed.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int {
        var done = 0
        while done < buffer.count {
            let count = pread(fd, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset + done))
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw SystemCallError(path: directory, function: "pread", errno: errno) }
            if count == 0 { break }
            done += count
        }
        return done
    }
}
