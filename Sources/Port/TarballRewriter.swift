import LibArchive

/// Copies a source tarball into a new `.tar.xz`, member by member in the original order (modes and mtimes
/// kept, owner root/root as dpkg-source writes), with `debian/changelog` replaced and, for a native
/// tarball, the top directory renamed.
struct TarballRewriter {
    /// The tarball being read (for messages and the reader).
    var input: String
    /// The top directory to strip and the one to put instead (native tarballs); nil keeps paths (debian tarballs).
    var newTop: String?
    /// Tree-relative path → new contents and mtime.
    var replacements: [String: (contents: [UInt8], mtime: Int64)]
    /// `.tar.xz` (3.0 formats) or `.tar.gz` (format 1.0 native).
    var compression: TarXZFile.Compression = .xz

    /// Reads `input` once to find the text of some tree-relative paths (debian/changelog, debian/control),
    /// checking every member path on the way.
    static func texts(of paths: Set<String>, in tarball: String, stripTop: Bool) throws -> [String: String] {
        let reader = try ArchiveReader(path: tarball, formats: .tar)
        var found: [String: String] = [:]
        while let entry = try reader.nextEntry() {
            let path = try MemberPaths.checked(entry.path, tarball: tarball)
            let relative = stripTop ? Self.strippingTop(path) : path
            if let relative, entry.type == .regular, paths.contains(relative) {
                found[relative] = String(decoding: try reader.readAll(maximumSize: 16 << 20), as: UTF8.self)
                if found.count == paths.count { break }
            } else {
                try reader.skipData()
            }
        }
        return found
    }

    /// `top/rest` → `rest`; the top directory itself → nil.
    static func strippingTop(_ path: String) -> String? {
        guard let slash = path.firstIndex(of: "/") else { return nil }
        return String(path[path.index(after: slash)...])
    }

    /// Writes the new tarball to `output`. Throws on hostile member paths, unsupported member types, or
    /// when a replaced path is not in the tarball.
    func write(to output: OutputFile) throws {
        let reader = try ArchiveReader(path: input, formats: .tar)
        let writer = try TarXZFile(file: output, compression: compression)
        var replaced: Set<String> = []
        var top: String?
        while let entry = try reader.nextEntry() {
            let path = try MemberPaths.checked(entry.path, tarball: input)
            var newPath = path
            var relative: String? = path
            if let newTop {
                let first = String(path.prefix { $0 != "/" })
                if top == nil { top = first }
                guard first == top else {
                    throw PortError(file: input, "member '\(entry.path)' is outside the top directory '\(top ?? "")'")
                }
                relative = Self.strippingTop(path)
                newPath = relative.map { newTop + "/" + $0 } ?? newTop
            }
            var linkTarget = entry.linkTarget
            if entry.type == .hardlink {
                try MemberPaths.checkedLink(entry.linkTarget, member: entry.path, tarball: input)
                if let newTop, let target = entry.linkTarget.map({ (try? MemberPaths.checked($0, tarball: input)) ?? $0 }) {
                    linkTarget = Self.strippingTop(target).map { newTop + "/" + $0 }
                }
            }
            switch entry.type {
            case .regular, .directory, .symlink, .hardlink: break
            default:
                throw PortError(file: input, "member '\(entry.path)' is a \(entry.type.rawValue), which a source package cannot hold")
            }
            // dpkg-source writes directories with a trailing slash.
            let writtenPath = entry.type == .directory ? newPath + "/" : newPath
            var member = ArchiveWriter.Member(path: writtenPath, type: entry.type, permissions: entry.permissions,
                                              mtime: entry.mtime, linkTarget: linkTarget)
            if let relative, entry.type == .regular, let replacement = replacements[relative] {
                try reader.skipData()
                member.mtime = replacement.mtime
                try writer.write(member, contents: replacement.contents)
                replaced.insert(relative)
            } else if entry.type == .regular {
                try writer.write(member, contents: try reader.readAll(maximumSize: 1 << 30))
            } else {
                try reader.skipData()
                try writer.write(member)
            }
        }
        try writer.finish()
        for path in replacements.keys where !replaced.contains(path) {
            throw PortError(file: input, "no '\(path)' in the tarball")
        }
    }
}
