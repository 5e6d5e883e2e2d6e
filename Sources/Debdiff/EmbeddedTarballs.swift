import Artifacts
import LibArchive
#if canImport(Glibc)
import Glibc
#endif

/// devscripts' `--unpack-tarballs` (its default for source comparisons): every tarball at the top of an
/// unpacked source tree (`*.tar.gz`, `.bz2`, `.lzma`, `.xz`, dpkg's compressions) is extracted in place, and
/// when that creates a directory named like the tarball without its suffix, the directory is renamed
/// `=unpacked-tarN=`, so that the tarballs' contents are compared file by file (the tarballs themselves stay
/// in the tree and are compared too).
///
/// N counts every top-level name that matches, from 1. devscripts counts in `readdir` order, which on the
/// small directories of a source tree is the order the entries were created in; debwork counts in byte
/// order of the names, the same whenever the tarball was made sorted (`tar --sort=name`, `git archive`,
/// dpkg-source) and always the same from one run to the next. As `tar -xf` does, members with `..` are
/// skipped and a tarball that cannot be read is left as it is: both with a warning.
struct EmbeddedTarballs {
    var limits: ArchiveReader.Limits = .default

    /// The suffixes devscripts recognises (`\.tar\.$compression_re$`).
    static let suffixes = [".tar.gz", ".tar.bz2", ".tar.lzma", ".tar.xz"]

    /// The name without its `.tar.<compression>` suffix, when it has one.
    static func stem(of name: String) -> String? {
        guard let suffix = suffixes.first(where: { name.hasSuffix($0) }) else { return nil }
        return String(name.dropLast(suffix.count))
    }

    /// Unpacks the tarballs at the top of `tree`. `scratch` is a file path the tarball's bytes may be
    /// copied to (libarchive reads from a file).
    func unpack(into tree: inout ExtractedTree, writer: SpoolFile, scratch: String) {
        let topLevel = Set(tree.entries.keys.map { $0.split(separator: "/", maxSplits: 1).first.map(String.init) ?? $0 })
        let matching = topLevel.filter { Self.stem(of: $0) != nil }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (offset, name) in matching.enumerated() {
            let unpacked = "=unpacked-tar\(offset + 1)="
            guard let stem = Self.stem(of: name), let entry = tree.entries[name], entry.type == .regular else { continue }
            do throws(any Error) {
                let bytes = try tree.contents(entry, from: writer)
                _ = try SpoolFile(path: scratch).append(bytes)
                defer { unlink(scratch) }
                try extract(scratch, label: name, into: &tree, writer: writer)
            } catch {
                tree.warnings.append("\(name): cannot unpack the tarball: \(error)")
            }
            let children = tree.children()
            guard tree.isDirectory(stem, children: children) else { continue }
            for key in Array(tree.entries.keys) where key == stem || key.hasPrefix(stem + "/") {
                let moved = unpacked + key.dropFirst(stem.count)
                tree.entries[moved] = tree.entries.removeValue(forKey: key)
            }
        }
    }

    /// `tar -xf` at the top of the tree: members keep their own paths (a leading `./` or `/` dropped).
    private func extract(_ path: String, label: String, into tree: inout ExtractedTree, writer: SpoolFile) throws {
        let reader = try ArchiveReader(path: path, formats: .tar, limits: limits)
        var symlinks = Set(tree.entries.filter { $0.value.type == .symlink }.map(\.key))
        while let member = try reader.nextEntry() {
            // The engine's checker, with tar's leniency: a leading `/` is dropped, a refused member skipped.
            let parts: [Substring]
            do {
                parts = try MemberPathChecker.components(String(member.path.drop { $0 == "/" }), archive: label)
            } catch {
                try reader.skipData()
                tree.warnings.append("\(label): member '\(member.path)' contains '..'; skipped (as tar does)")
                continue
            }
            guard !parts.isEmpty else {
                try reader.skipData()
                continue
            }
            let full = parts.joined(separator: "/")
            do {
                try MemberPathChecker.checkPlacement(parts, raw: member.path, archive: label, isSymlink: symlinks.contains)
            } catch {
                try reader.skipData()
                tree.warnings.append("\(error); skipped")
                continue
            }
            var linked: ExtractedTree.Entry?
            if member.type == .hardlink {
                linked = tree.entries[(member.linkTarget ?? "").split(separator: "/").filter { $0 != "." }.joined(separator: "/")]
            }
            switch try ExtractedTree.member(member, linked: linked, reader: reader, writer: writer) {
            case .entry(let record):
                if member.type == .symlink { symlinks.insert(full) }
                tree.entries[full] = record
            case .unresolvedHardLink:
                tree.warnings.append("\(label): hard link '\(member.path)' names no earlier regular file; skipped")
            case .special:
                tree.warnings.append("\(label): member '\(member.path)' is a special file; not compared")
            }
        }
        tree.warnings += reader.warnings.map { "\(label): \($0)" }
    }
}
