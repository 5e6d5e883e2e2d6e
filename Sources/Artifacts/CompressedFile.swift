import LibArchive
import LZMA

/// Reads a possibly compressed text file whole: plain, `.gz`, `.bz2`, `.zst` (libarchive raw format)
/// or `.xz`/`.lzma` (liblzma directly, one copy less).
public enum CompressedFile {
    public static func read(_ path: String, limits: ArchiveReader.Limits = .default) throws -> [UInt8] {
        if path.hasSuffix(".xz") || path.hasSuffix(".lzma") {
            let compressed = try FileSystem.read(path, maximumSize: 1 << 30)
            return try XZDecoder.decode(compressed, source: path,
                                        maximumOutput: limits.maximum(forCompressedSize: Int64(compressed.count)))
        }
        if path.hasSuffix(".gz") || path.hasSuffix(".bz2") || path.hasSuffix(".zst") {
            let reader = try ArchiveReader(path: path, formats: .raw, limits: limits)
            guard try reader.nextEntry() != nil else { return [] }
            return try reader.readAll(maximumSize: 1 << 31)
        }
        return try FileSystem.read(path, maximumSize: 1 << 31)
    }

    public static func readText(_ path: String, limits: ArchiveReader.Limits = .default) throws -> String {
        let bytes = try read(path, limits: limits)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ArtifactError(file: path, reason: "not valid UTF-8 text")
        }
        return text
    }
}
