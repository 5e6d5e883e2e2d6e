import Digest
import LibArchive

extension ArchiveReader {
    /// Streams the current entry's data through `algorithm` and returns the hex digest.
    public func digestData(_ algorithm: DigestAlgorithm) throws -> String? {
        let hasher = try Hasher([algorithm])
        try readData { hasher.update($0) }
        return hasher.finalize()[algorithm]
    }
}
