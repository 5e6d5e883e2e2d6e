#if canImport(Glibc)
import Glibc
#endif

/// Size and digests of a file on disk, read once in large chunks.
public struct FileDigest: Sendable, Hashable {
    public var size: Int64
    public var digests: [DigestAlgorithm: String]

    public subscript(_ algorithm: DigestAlgorithm) -> String? { digests[algorithm] }

    /// Reads `path` (`open`/`read`) and computes `algorithms` over it.
    /// - Throws: ``FileDigestError`` naming the path and the `errno` text when the file cannot be read.
    public static func compute(path: String, algorithms: [DigestAlgorithm] = DigestAlgorithm.allCases) throws -> FileDigest {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileDigestError(path: path, function: "open", errno: errno) }
        defer { close(fd) }
        let hasher = try Hasher(algorithms)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var size: Int64 = 0
        while true {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileDigestError(path: path, function: "read", errno: errno)
            }
            if count == 0 { break }
            size += Int64(count)
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return FileDigest(size: size, digests: hasher.finalize())
    }
}

/// A file could not be read for hashing.
public struct FileDigestError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var function: String
    public var errno: Int32
    public var description: String {
        "\(path): cannot \(function == "open" ? "open" : "read") file: \(String(cString: strerror(errno)))"
    }
}
