/// `debian/patches/series` as `Dpkg::Source::Quilt::read_patch_list` reads it.
public enum QuiltSeries {
    /// The patch names in order: white space trimmed, `#` comments (at the start or after white space)
    /// dropped, options after the name ignored (dpkg always applies with `-p1`).
    /// - Throws: ``ArtifactError`` naming `file` for an entry with a `../` component ("insecure path").
    public static func patches(in bytes: [UInt8], file: String) throws(ArtifactError) -> [String] {
        var names: [String] = []
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let words = rawLine.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C })
            guard let first = words.first, first.first != UInt8(ascii: "#") else { continue }
            let name = String(decoding: first, as: UTF8.self)
            if name.hasPrefix("../") || name.contains("/../") {
                throw ArtifactError(file: file, reason: "contains an insecure path: '\(name)'")
            }
            names.append(name)
        }
        return names
    }
}
