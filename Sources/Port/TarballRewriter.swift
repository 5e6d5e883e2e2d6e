import Artifacts
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
        // The unpacker has checked the package already; the writer checks again what it copies.
        var checker = MemberPathChecker(archive: input)
        while let entry = try reader.nextEntry() {
            let path = try checker.check(entry.path, type: entry.type, linkTarget: entry.linkTarget)
            if path.isEmpty { throw PortError(file: input, "member '\(entry.path)' has an empty path") }
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
            if entry.type == .hardlink, let newTop, let target = entry.linkTarget {
                let components = try MemberPathChecker.components(target, archive: input)
                linkTarget = Self.strippingTop(components.joined(separator: "/")).map { newTop + "/" + $0 }
            }
            if MemberPathChecker.isSpecial(entry.type) {
                throw PortError(file: input, "member '\(entry.path)' is a \(MemberPathChecker.typeName(entry.type)), which port cannot write into a tarball")
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
