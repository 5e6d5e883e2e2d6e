/// The kinds of file debwork indexes, decided from the file name.
public enum ArtifactKind: String, Sendable, Codable, CaseIterable {
    case deb, udeb, ddeb, dsc, changes
    /// An APT repository distribution (its `Release` file and the indices it lists).
    case release
    /// A reprepro tree's `conf/distributions` (or one `conf/distributions/*.conf`): the distributions it is
    /// configured to hold, exported or not.
    case configuration = "conf"
    /// A distribution's `Contents-<arch>` file (which package ships which path), found under `dists/` only.
    case contents

    /// The kind of a package file from its name, or nil for files debwork does not index on their own.
    public init?(fileName: String) {
        if fileName.hasSuffix(".deb") { self = .deb }
        else if fileName.hasSuffix(".udeb") { self = .udeb }
        else if fileName.hasSuffix(".ddeb") { self = .ddeb }
        else if fileName.hasSuffix(".dsc") { self = .dsc }
        else if fileName.hasSuffix(".changes") { self = .changes }
        else { return nil }
    }

    public var isBinary: Bool { self == .deb || self == .udeb || self == .ddeb }
}

/// Where an artifact lives, in mini-buildd's terms (the areas of its `search` call).
public enum Area: String, Sendable, Codable, CaseIterable {
    /// Pool files and indices of APT repository trees.
    case repositories
    /// Build results (loose .deb/.dsc) not in a repository.
    case builds
    /// Uploads: .changes files and the files they name.
    case events
}
