/// Checks tarball member paths before a port copies them into a new tarball: dpkg-source would unpack an
/// absolute path or a `..` component outside the source tree, so such a tarball is refused.
enum MemberPaths {
    /// The path without leading `./` (and without a trailing `/`), or a ``PortError`` naming the tarball.
    static func checked(_ path: String, tarball: String) throws(PortError) -> String {
        if path.hasPrefix("/") {
            throw PortError(file: tarball, "member '\(path)' has an absolute path")
        }
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." { throw PortError(file: tarball, "member '\(path)' escapes the source tree with '..'") }
            components.append(component)
        }
        if components.isEmpty { throw PortError(file: tarball, "member '\(path)' has an empty path") }
        return components.joined(separator: "/")
    }

    /// A link target inside the tree (hard links name members): the same rules.
    static func checkedLink(_ target: String?, member: String, tarball: String) throws(PortError) {
        guard let target else { return }
        if target.hasPrefix("/") || target.split(separator: "/").contains("..") {
            throw PortError(file: tarball, "hard link '\(member)' points outside the source tree ('\(target)')")
        }
    }
}
