import Digest
import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// A finished ``SpoolFile`` opened read-only, shared by the threads that diff file pairs.
///
/// `Sendable`: the descriptor never changes and every read is a `pread`, which does not move the
/// file position. Owns the descriptor, closed in `deinit`.
final class SpoolReader: Sendable {
    let path: String
    private let fd: Int32

    /// Opens the spool at `path` read-only (`open` with `O_RDONLY | O_NOFOLLOW`).
    init(path: String) throws(DebdiffError) {
        self.path = path
        fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw DebdiffError("cannot open '\(path)': \(Errno.currentText)") }
    }

    deinit { close(fd) }

    /// Reads `count` bytes at `offset` (`pread`).
    func read(offset: Int64, count: Int64) throws(DebdiffError) -> [UInt8] {
        try SpoolFile.read(fd, path: path, offset: offset, count: count)
    }

    /// Fills `buffer` with the bytes at `offset` (`pread`).
    func read(offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(DebdiffError) {
        try SpoolFile.read(fd, path: path, offset: offset, into: buffer)
    }

    /// The SHA-256 of a regular file's bytes, read a chunk at a time.
    func sha256(of entry: ExtractedTree.Entry) throws(DebdiffError) -> String {
        let hasher: Hasher
        do { hasher = try Hasher([.sha256]) } catch { throw DebdiffError("cannot hash '\(path)'", underlying: error) }
        let chunk = 64 * 1024
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var done: Int64 = 0
        while done < entry.size {
            let part = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<Int(min(Int64(chunk), entry.size - done))])
            try read(offset: entry.offset + done, into: part)
            hasher.update(UnsafeRawBufferPointer(part))
            done += Int64(part.count)
        }
        return hasher.finalize()[.sha256] ?? ""
    }
}
