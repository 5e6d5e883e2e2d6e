import Artifacts

/// One Packages index given to a check: a file (plain, `.gz`, `.xz`, `.bz2`, `.zst`) or text already in
/// memory (what `migrate` builds for a distribution as it would be after a migration).
public enum PackagesIndex: Sendable, Hashable {
    case file(String)
    case text([UInt8], name: String)

    /// A name for messages: the path, or the name given with the text.
    public var name: String {
        switch self {
        case .file(let path): path
        case .text(_, let name): name
        }
    }

    /// The uncompressed Packages text.
    func bytes() throws(InstallabilityError) -> [UInt8] {
        switch self {
        case .text(let bytes, _):
            return bytes
        case .file(let path):
            do {
                return try CompressedFile.read(path)
            } catch {
                throw .unreadable(ArtifactError.wrapping(error, file: path))
            }
        }
    }
}
