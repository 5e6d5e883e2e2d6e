import LibArchive

/// Checks the paths of archive members before anything trusts them: the one set of rules for .debs,
/// the index's and debdiff's source unpacking, and port's tarball rewriting.
///
/// A package's paths are relative to its root. An absolute path, a `..` component, a path that passes
/// through an earlier symlink member (the classic symlink escape: `x -> /etc`, then `x/passwd`), or a
/// hard link whose target is absolute or climbs with `..` would write outside the root when unpacked:
/// those are errors (GNU tar, which dpkg-source runs, refuses the last three; it strips a leading `/`,
/// debwork refuses it). A relative symlink whose target climbs above the root is only a warning here
/// (dpkg resolves it on the installed system; ``SourceUnpacker`` refuses such links under `debian/` as
/// dpkg-source does). Devices, FIFOs and sockets are ``isSpecial(_:)``: their paths are checked like any
/// other, and each user decides the same way what to do with them (see ``SourceUnpacker``).
public struct MemberPathChecker {
    private var symlinks: Set<String> = []
    public private(set) var warnings: [String] = []
    public let archive: String

    public init(archive: String) { self.archive = archive }

    /// Whether a member type has no contents a source tree can hold as a file (device, FIFO, socket).
    public static func isSpecial(_ type: ArchiveEntry.FileType) -> Bool {
        switch type {
        case .regular, .directory, .symlink, .hardlink: return false
        case .characterDevice, .blockDevice, .fifo, .socket, .unknown: return true
        }
    }

    /// dpkg's and diff's name for a member type (`fifo`, `character special file`, …).
    public static func typeName(_ type: ArchiveEntry.FileType) -> String {
        switch type {
        case .regular: return "regular file"
        case .directory: return "directory"
        case .symlink: return "symbolic link"
        case .hardlink: return "hard link"
        case .characterDevice: return "character special file"
        case .blockDevice: return "block special file"
        case .fifo: return "fifo"
        case .socket: return "socket"
        case .unknown: return "file of unknown type"
        }
    }

    /// Returns the normalised path (no leading `./` or `/`, no trailing `/`), or throws.
    public mutating func check(_ rawPath: String, type: ArchiveEntry.FileType, linkTarget: String?) throws(ArtifactError) -> String {
        try checkComponents(rawPath, type: type, linkTarget: linkTarget).joined(separator: "/")
    }

    /// ``check(_:type:linkTarget:)`` returning the path's components.
    public mutating func checkComponents(_ rawPath: String, type: ArchiveEntry.FileType, linkTarget: String?) throws(ArtifactError) -> [Substring] {
        let components = try Self.components(rawPath, archive: archive)
        // Any proper prefix that is a symlink means this member would be written through the link.
        if !symlinks.isEmpty {
            try Self.checkPlacement(components, raw: rawPath, archive: archive) { symlinks.contains($0) }
        }
        if type == .symlink, let target = linkTarget {
            let path = components.joined(separator: "/")
            symlinks.insert(path)
            if Self.climbsOut(from: path, target: target) {
                warnings.append("symlink '\(path)' points outside the package root ('\(target)')")
            }
        }
        if type == .hardlink {
            try Self.checkHardLink(rawPath, target: linkTarget, archive: archive)
        }
        return components
    }

    /// The path's components, `.` and empty ones dropped.
    /// - Throws: ``ArtifactError`` for an absolute path or a `..` component.
    public static func components(_ rawPath: String, archive: String) throws(ArtifactError) -> [Substring] {
        if rawPath.hasPrefix("/") {
            throw ArtifactError(file: archive, reason: "member '\(rawPath)' has an absolute path")
        }
        var components: [Substring] = []
        for component in rawPath.split(separator: "/", omittingEmptySubsequences: true) where component != "." {
            if component == ".." {
                throw ArtifactError(file: archive, reason: "member '\(rawPath)' escapes the package root with '..'")
            }
            components.append(component)
        }
        return components
    }

    /// Refuses a member placed at `components` when one of its parent directories is a symlink
    /// (`isSymlink` answers for the tree the member lands in, earlier tarballs included).
    public static func checkPlacement(_ components: [Substring], raw: String, archive: String,
                                      isSymlink: (String) -> Bool) throws(ArtifactError) {
        var prefix = ""
        for component in components.dropLast() {
            prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
            if isSymlink(prefix) {
                throw ArtifactError(file: archive, reason: "member '\(raw)' passes through the symlink '\(prefix)' (symlink escape)")
            }
        }
    }

    /// Refuses a hard link whose target is absolute or has a `..` component.
    public static func checkHardLink(_ rawPath: String, target: String?, archive: String) throws(ArtifactError) {
        guard let target else { return }
        if target.hasPrefix("/") || target.split(separator: "/").contains("..") {
            throw ArtifactError(file: archive, reason: "hard link '\(rawPath)' points outside the package root ('\(target)')")
        }
    }

    /// Whether a relative symlink at `path` climbs above the root (an absolute one never does here).
    static func climbsOut(from path: String, target: String) -> Bool {
        guard !target.hasPrefix("/") else { return false }
        var depth = path.split(separator: "/").count - 1
        for part in target.split(separator: "/") {
            if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
            if depth < 0 { return true }
        }
        return false
    }
}
