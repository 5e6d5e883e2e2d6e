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
        guard fd >= 0 else { throw DebdiffError("cannot open '\(path)': \(ScratchDirectory.errnoText())") }
    }

    deinit { close(fd) }

    /// Reads `count` bytes at `offset` (`pread`).
    func read(offset: Int64, count: Int64) throws(DebdiffError) -> [UInt8] {
        try SpoolFile.read(fd, path: path, offset: offset, count: count)
    }
}
