import DebianFormats

/// A distribution the index knows about: read from its `Release` (exported), or declared in a reprepro tree's
/// `conf/distributions` and not exported yet (then it holds nothing).
public struct KnownDistribution: Sendable, Hashable {
    /// The repository's identity (mini-buildd repo id, else the folder's name) and root.
    public var repository: String
    public var root: String
    /// The folder name under `dists/` (reprepro's `Codename`).
    public var name: String
    /// The reprepro snapshot, for `dists/<name>/snapshots/<snapshot>`.
    public var snapshot: String?
    /// The base codename of a mini-buildd name (`bookworm`), else the Release's `Codename`, else the name.
    public var codename: String
    /// The mini-buildd suite (`unstable`), nil for other names.
    public var suite: String?
    public var rollback: Int?
    public var components: [String]
    /// Binary architectures (no `source`).
    public var architectures: [String]
    public var origin: String?
    /// Whether `dists/<name>/Release` was read (false: only configured).
    public var isExported: Bool
    /// The key fingerprint whose signature `index --keyring` verified; nil when not checked.
    public var signedBy: String?
    public var sourceCount: Int
    public var binaryCount: Int
}
