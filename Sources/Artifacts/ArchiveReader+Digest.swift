import Digest
import LibArchive

extension ArchiveReader {
    /// Streams the current entry's data through `algorithm` and returns the hex digest.
    public func digestData(_ algorithm: DigestAlgorithm) throws -> String? {
        let hasher = try Hasher([algorithm])
        try readData { hasher.update($0) }
        return hasher.finalize()[algorithm]
    }

    /// Streams the current entry's data through `algorithms` in one pass, keeping the bytes too unless they
    /// pass `limit` (a negative limit keeps nothing).
    public func digestData(_ algorithms: [DigestAlgorithm], capturingUpTo limit: Int64) throws -> (digests: [DigestAlgorithm: String], bytes: [UInt8]?) {
        let hasher = try Hasher(algorithms)
        var bytes: [UInt8]? = limit < 0 ? nil : []
        try readData { chunk in
            hasher.update(chunk)
            if let kept = bytes?.count {
                if Int64(kept + chunk.count) > limit { bytes = nil } else { bytes?.append(contentsOf: chunk) }
            }
        }
        return (hasher.finalize(), bytes)
    }
}
