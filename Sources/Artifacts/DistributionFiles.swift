import DebianFormats
import SystemCalls

/// Where one distribution's files lie: the folder `dists/<name>/` of a repository tree, or apt's lists
/// directory, where each file's path inside the distribution folder is part of one flattened name
/// (``AptListsName``). Release, Packages, Sources and Contents are found through ``path(_:)`` either way.
public struct DistributionFiles: Sendable, Hashable {
    /// `dists/<name>` (or a snapshot folder), or the lists directory.
    public var directory: String
    /// apt's name prefix of the distribution (`deb.debian.org_debian_dists_bookworm`); nil in a tree.
    public var aptListsPrefix: String?

    /// The distribution a Release or InRelease file stands for: apt's lists when its name is one of apt's
    /// (`…_dists_bookworm_InRelease`), else the folder holding it.
    public init(releasePath: String) {
        directory = FileSystem.directory(of: releasePath)
        let name = AptListsName(FileSystem.baseName(releasePath))
        aptListsPrefix = name.flatMap { ["InRelease", "Release"].contains($0.relative) ? $0.prefix : nil }
    }

    public init(directory: String, aptListsPrefix: String? = nil) {
        self.directory = directory
        self.aptListsPrefix = aptListsPrefix
    }

    /// The file at `relative` inside the distribution folder (`main/binary-amd64/Packages.lz4`).
    public func path(_ relative: String) -> String {
        guard let aptListsPrefix else { return FileSystem.join(directory, relative) }
        return FileSystem.join(directory, AptListsName.fileName(prefix: aptListsPrefix, relative: relative))
    }

    /// Whether `relative` is a folder (apt's lists have none: only what the Release lists says where
    /// indices are).
    func isDirectory(_ relative: String) -> Bool {
        aptListsPrefix == nil && FileSystem.status(path(relative))?.isDirectory == true
    }
}
