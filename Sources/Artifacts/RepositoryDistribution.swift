import DebianFormats

/// One distribution of an APT repository tree (`dists/<name>/`), or one of its reprepro snapshots
/// (`dists/<name>/snapshots/<snapshot>/`), with the membership of every source and binary.
public struct RepositoryDistribution: Sendable {
    public struct SourceMember: Sendable, Hashable {
        public var package: String
        public var version: String
        public var component: String
        /// Pool path of the .dsc relative to the repository root (`Directory` + the .dsc's name).
        public var dscPath: String
        /// The .dsc's size and SHA-256 as the stanza lists them (`Checksums-Sha256`, else the size from `Files`);
        /// nil when it lists no line for the .dsc.
        public var dscSize: Int64? = nil
        public var dscSHA256: String? = nil
        /// The stanza's fields but its file lists and checksums, for `search --where` over index-only packages.
        public var fields = StanzaFields()
    }

    public struct BinaryMember: Sendable, Hashable {
        public var package: String
        public var version: String
        public var architecture: String
        public var component: String
        public var source: String
        public var sourceVersion: String
        /// `Filename`, relative to the repository root.
        public var path: String
        public var size: Int64
        public var sha256: String?
        /// The stanza's fields but `Filename`, `Size` and the checksums, for `search --where` and `--text`
        /// over index-only packages.
        public var fields = StanzaFields()
    }

    /// The repository root (the folder holding `dists/` and `pool/`).
    public var root: String
    /// The distribution's folder name under `dists/`.
    public var name: String
    /// The reprepro snapshot name, when this is `dists/<name>/snapshots/<snapshot>`.
    public var snapshot: String?
    public var release: Deb822Paragraph
    public var releaseText: String
    public var sources: [SourceMember]
    public var binaries: [BinaryMember]
    public var warnings: [String]
    /// The fingerprint of the key whose signature was verified (`index --keyring`); nil when not checked.
    public var signedBy: String? = nil
}
