import DebianFormats

/// A reprepro tree's configuration: the distributions `conf/distributions` declares, whether `dists/` holds
/// them yet or not (mini-buildd configures every suite and rollback up front; reprepro exports a distribution
/// only once something touched it).
public struct RepositoryConfiguration: Sendable {
    /// The repository root (the folder holding `conf/`).
    public var root: String
    public var distributions: [RepreproDistributions.Stanza]
    public var warnings: [String]

    /// Reads `conf/distributions` (a file), or one `conf/distributions/*.conf` (reprepro reads a folder of them).
    /// - Throws: ``ArtifactError`` naming the file when it cannot be read or is not deb822 text.
    public static func read(path: String, root: String) throws(ArtifactError) -> RepositoryConfiguration {
        let bytes = try FileSystem.read(path, maximumSize: 16 << 20)
        let document: Deb822Document
        do {
            document = try Deb822Document.parse(bytes: bytes, file: path)
        } catch {
            throw ArtifactError(file: path, error)
        }
        // A clearsigned file parses (the signature is stripped), but reprepro would refuse it.
        guard !document.isSigned else {
            throw ArtifactError(file: path, reason: "a signed file is not a reprepro configuration")
        }
        let parsed = RepreproDistributions.parse(document, file: path)
        return RepositoryConfiguration(root: root, distributions: parsed.stanzas, warnings: parsed.warnings)
    }
}
