/// The checksum algorithms of Debian's control files. The raw value is the field name used in Release files.
public enum ChecksumAlgorithm: String, Sendable, CaseIterable {
    case md5 = "MD5Sum", sha1 = "SHA1", sha256 = "SHA256", sha512 = "SHA512"

    /// The field holding this algorithm's checksums in a .dsc or .changes: `Files` (MD5),
    /// `Checksums-Sha1`, `Checksums-Sha256`, `Checksums-Sha512`.
    public var dscField: String {
        switch self {
        case .md5: return "Files"
        case .sha1: return "Checksums-Sha1"
        case .sha256: return "Checksums-Sha256"
        case .sha512: return "Checksums-Sha512"
        }
    }

    /// The number of hex digits of a digest.
    public var hexLength: Int {
        switch self {
        case .md5: return 32
        case .sha1: return 40
        case .sha256: return 64
        case .sha512: return 128
        }
    }
}
