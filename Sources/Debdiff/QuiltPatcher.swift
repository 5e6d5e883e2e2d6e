import Digest

/// Applies `debian/patches/series` to an unpacked 3.0 (quilt) tree in-process, as
/// `dpkg-source -x` without `--skip-patches` does (debdiff then removes `.pc/`, which is never made here).
struct QuiltPatcher {
    /// Applies every patch of the series in order. Patched files get the patch file's mtime.
    /// - Throws: ``DebdiffError`` naming the patch and hunk that fails, or a missing patch file.
    func apply(to tree: inout ExtractedTree, writer: SpoolFile) throws {
        guard let series = tree.entries["debian/patches/series"], series.type == .regular else { return }
        let text = try tree.contents(series, from: writer)
        for rawLine in text.split(separator: 0x0A) {
            let line = rawLine.split(separator: UInt8(ascii: "#"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
            let words = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { String(decoding: $0, as: UTF8.self) }
            guard let name = words.first else { continue }
            var strip = 1
            for option in words.dropFirst() where option.hasPrefix("-p") {
                strip = Int(option.dropFirst(2)) ?? 1
            }
            let patchPath = "debian/patches/" + name
            guard let entry = tree.entries[patchPath], entry.type == .regular else {
                throw DebdiffError("debian/patches/series names '\(name)', which is not in debian/patches")
            }
            let patch = try PatchFile(tree.contents(entry, from: writer), name: patchPath)
            try Self.apply(patch, strip: strip, name: patchPath, mtime: entry.mtime, to: &tree, writer: writer)
        }
    }

    /// Applies every file section of `patch` (`patch -pN` semantics) to the tree, on disk and in its entries.
    static func apply(_ patch: PatchFile, strip: Int, name: String, mtime: Int64, to tree: inout ExtractedTree, writer: SpoolFile) throws {
        for section in patch.sections {
            guard let path = section.path(strip: strip), !path.split(separator: "/").contains("..") else {
                throw DebdiffError("\(name): cannot use the file name '\(section.newName)'")
            }
            let existing = tree.entries[path]
            if let existing, existing.type != .regular {
                throw DebdiffError("\(name): '\(path)' is not a regular file")
            }
            let original = try existing.map { try tree.contents($0, from: writer) } ?? []
            let result = try PatchApplier.apply(section, to: original, patchName: name, path: path)
            if section.deletesFile && result.isEmpty {
                tree.entries[path] = nil
                continue
            }
            tree.entries[path] = ExtractedTree.Entry(
                type: .regular, permissions: existing?.permissions ?? 0o644, size: Int64(result.count), mtime: mtime,
                sha256: try Hasher.hash(result, .sha256), linkTarget: nil, offset: try writer.append(result))
        }
    }
}
