/// Checks the paths of archive members before anything trusts them.
///
/// A package's paths are relative to its root. An absolute path, a `..` component, or a path that
/// passes through an earlier symlink member (the classic symlink escape: `x -> /etc`, then `x/passwd`)
/// would write outside the root when unpacked: those are errors. A relative symlink whose target
/// climbs above the root is only a warning (dpkg resolves it on the installed system).
struct MemberPathChecker {
    private var symlinks: Set<String> = []
    private(set) var warnings: [String] = []
    let archive: String

    init(archive: String) { self.archive = archive }

    /// Returns the normalised path (no leading `./` or `/`, no trailing `/`), or throws.
    mutating func check(_ rawPath: String, type: ArchiveEntryType, linkTarget: String?) throws(ArtifactError) -> String {
        if rawPath.hasPrefix("/") {
            throw ArtifactError(file: archive, reason: "member '\(rawPath)' has an absolute path")
        }
        var components: [Substring] = []
        for component in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                throw ArtifactError(file: archive, reason: "member '\(rawPath)' escapes the package root with '..'")
            }
            components.append(component)
        }
        let path = components.joined(separator: "/")
        // Any proper prefix that is a symlink means this member would be written through the link.
        var prefix = ""
        for component in components.dropLast() {
            prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
            if symlinks.contains(prefix) {
                throw ArtifactError(file: archive,
                                    reason: "member '\(rawPath)' passes through the symlink '\(prefix)' (symlink escape)")
            }
        }
        if type == .symlink, let target = linkTarget {
            symlinks.insert(path)
            if !target.hasPrefix("/") {
                var depth = components.count - 1
                for part in target.split(separator: "/") {
                    if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
                    if depth < 0 {
                        warnings.append("symlink '\(path)' points outside the package root ('\(target)')")
                        break
                    }
                }
            }
        }
        if type == .hardlink, let target = linkTarget {
            if target.hasPrefix("/") || target.split(separator: "/").contains("..") {
                throw ArtifactError(file: archive, reason: "hard link '\(rawPath)' points outside the package root ('\(target)')")
            }
        }
        return path
    }
}

import LibArchive
typealias ArchiveEntryType = ArchiveEntry.FileType
