import Artifacts
import DebianFormats
import LibArchive

/// A source package unpacked the way `dpkg-source -x` unpacks it (with `--skip-patches` unless
/// patches are applied), into a directory of a ``ScratchDirectory``, by libarchive in-process.
struct LoadedSource: Sendable {
    var dscPath: String
    var source: String
    var version: String
    var format: String
    /// The directory dpkg-source would create: `<source>-<upstream version>`.
    var directoryName: String
    /// The `.diff.gz` of a format 1.0 package, and its orig tarball's name.
    var diffPath: String?
    var origName: String?
    var tree: ExtractedTree
}

struct SourceTreeLoader: Sendable {
    var limits: ArchiveReader.Limits = .default
    var applyPatches = false
    /// devscripts' `--unpack-tarballs`: extract the tarballs at the top of the tree (``EmbeddedTarballs``).
    var unpackTarballs = true

    /// Verifies the .dsc and its files (sizes and checksums), then unpacks it into the spool at `spool`.
    /// - Throws: ``ArtifactError`` for a bad .dsc or listed file, ``DebdiffError`` otherwise (corrupt
    ///   tarball, hostile path, a patch that does not apply), each naming the file.
    func load(dsc path: String, into spool: String) throws -> LoadedSource {
        let package = try SourceReader(limits: limits, unpack: false).read(path: path)
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        func file(_ name: String) -> String { directory + "/" + name }
        for listed in package.files where !ScratchDirectory.exists(file(listed.name)) {
            throw DebdiffError("\(path): '\(listed.name)' is listed but not found next to the .dsc")
        }
        let version: DebianVersion
        do { version = try DebianVersion(package.version) } catch { throw DebdiffError("\(path): \(error)") }
        let names = package.files.map(\.name)
        let source = package.package
        var loaded = LoadedSource(
            dscPath: path, source: source, version: package.version, format: package.format,
            directoryName: "\(source)-\(version.upstream)", tree: ExtractedTree(spool: spool))
        let writer = try SpoolFile(path: spool)
        var tree = loaded.tree
        switch package.format {
        case "3.0 (quilt)":
            guard let orig = names.first(where: { SourceFileNames.isOrig($0, source: source) }) else {
                throw DebdiffError("\(path): format 3.0 (quilt) needs an .orig.tar.* file")
            }
            guard let debian = names.first(where: { $0.contains(".debian.tar.") }) else {
                throw DebdiffError("\(path): format 3.0 (quilt) needs a .debian.tar.* file")
            }
            try addTarball(file(orig), strip: true, prefix: "", to: &tree, writer: writer)
            tree.remove(under: "debian")
            for name in names {
                guard let component = SourceFileNames.component(name, source: source) else { continue }
                tree.remove(under: component)
                try addTarball(file(name), strip: true, prefix: component + "/", to: &tree, writer: writer)
            }
            try addTarball(file(debian), strip: false, prefix: "", to: &tree, writer: writer)
            if applyPatches { try QuiltPatcher().apply(to: &tree, writer: writer) }
        case "3.0 (native)":
            guard let tarball = names.first(where: { $0.contains(".tar.") && !$0.hasSuffix(".asc") }) else {
                throw DebdiffError("\(path): format 3.0 (native) needs a .tar.* file")
            }
            try addTarball(file(tarball), strip: true, prefix: "", to: &tree, writer: writer)
        case "1.0":
            if let orig = names.first(where: { $0.hasSuffix(".orig.tar.gz") }) {
                guard let diff = names.first(where: { $0.hasSuffix(".diff.gz") }) else {
                    throw DebdiffError("\(path): format 1.0 with an .orig.tar.gz needs a .diff.gz")
                }
                try addTarball(file(orig), strip: true, prefix: "", to: &tree, writer: writer)
                let patch = try PatchFile(CompressedFile.read(file(diff), limits: limits), name: file(diff))
                // Files the diff creates or changes get the newest time found in the archive: the diff itself has none.
                let newest = tree.entries.values.map(\.mtime).max() ?? 0
                try QuiltPatcher.apply(patch, strip: 1, name: file(diff), mtime: newest, to: &tree, writer: writer)
                if var rules = tree.entries["debian/rules"], rules.type == .regular {
                    rules.permissions = 0o755 // dpkg-source makes debian/rules executable
                    tree.entries["debian/rules"] = rules
                }
                loaded.diffPath = file(diff)
                loaded.origName = orig
            } else if let tarball = names.first(where: { $0.hasSuffix(".tar.gz") }) {
                try addTarball(file(tarball), strip: true, prefix: "", to: &tree, writer: writer)
            } else {
                throw DebdiffError("\(path): format 1.0 needs a .tar.gz file")
            }
        default:
            throw DebdiffError("\(path): unsupported source format '\(package.format)'")
        }
        if unpackTarballs {
            EmbeddedTarballs(limits: limits).unpack(into: &tree, writer: writer, scratch: spool + ".tarball")
        }
        loaded.tree = tree
        return loaded
    }

    /// Streams one tarball into the spool, recording every member in the tree.
    /// `strip` drops the first path component (upstream and native tarballs).
    func addTarball(_ path: String, strip: Bool, prefix: String, to tree: inout ExtractedTree, writer: SpoolFile) throws {
        let reader = try ArchiveReader(path: path, formats: .tar, limits: limits)
        var symlinks: Set<String> = []
        func place(_ raw: String) throws(DebdiffError) -> String? {
            if raw.hasPrefix("/") { throw DebdiffError("\(path): member '\(raw)' has an absolute path") }
            var parts: [Substring] = []
            for part in raw.split(separator: "/") where part != "." {
                if part == ".." { throw DebdiffError("\(path): member '\(raw)' escapes the package root with '..'") }
                parts.append(part)
            }
            if strip { parts = Array(parts.dropFirst()) }
            guard !parts.isEmpty else { return nil }
            return prefix + parts.joined(separator: "/")
        }
        while let entry = try reader.nextEntry() {
            guard let full = try place(entry.path) else {
                try reader.skipData()
                continue
            }
            var parent = Substring(full)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                if symlinks.contains(String(parent)) {
                    throw DebdiffError("\(path): member '\(entry.path)' passes through the symlink '\(parent)' (symlink escape)")
                }
            }
            let linked = entry.type == .hardlink ? try entry.linkTarget.flatMap(place).flatMap { tree.entries[$0] } : nil
            switch try ExtractedTree.member(entry, linked: linked, reader: reader, writer: writer) {
            case .entry(let record):
                if entry.type == .symlink { symlinks.insert(full) }
                tree.entries[full] = record
            case .unresolvedHardLink:
                throw DebdiffError("\(path): hard link '\(entry.path)' names no earlier regular file")
            case .special:
                tree.warnings.append("\(path): member '\(entry.path)' is a special file; not compared")
            }
        }
        tree.warnings += reader.warnings
    }
}
