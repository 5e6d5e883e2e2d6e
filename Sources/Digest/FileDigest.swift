import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// Size and digests of a file on disk, read once in large chunks.
public struct FileDigest: Sendable, Hashable {
    public var size: Int64
    public var digests: [DigestAlgorithm: String]

    public subscript(_ algorithm: DigestAlgorithm) -> String? { digests[algorithm] }

    /// Reads `path` (a regular file only: ``SystemCalls/RegularFile``) and computes `algorithms` over it.
    /// - Throws: ``SystemCallError`` naming the path: it cannot be read or is not a regular file (a FIFO would
    ///   block forever); ``DigestError`` when the algorithm is unavailable.
    public static func compute(path: String, algorithms: [DigestAlgorithm] = DigestAlgorithm.allCases) throws -> FileDigest {
        let fd = try RegularFile.open(path)
        defer { close(fd) }
        let hasher = try Hasher(algorithms)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var size: Int64 = 0
        while true {
            let count = try RegularFile.read(fd, into: buffer, path: path)
            if count == 0 { break }
            size += Int64(count)
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return FileDigest(size: size, digests: hasher.finalize())
    }
}

/// A file could not be read for hashing (the path, the system call and `errno`, or why it was refused).
public typealias FileDigestError = SystemCallError
