import Artifacts
import Diff
import LibArchive

/// A format 1.0 `.diff.gz`: its file patches, each kept as text, so that one (debian/changelog) can be
/// replaced and the rest written back byte for byte.
///
/// Parsed by ``Artifacts/PatchFile`` (the parser the unpacker applies diffs with), and stricter than it
/// only where the rewriting needs it: a hunk cut short, which dpkg-source lets pass with a warning, and a
/// diff with no file patch at all are refused.
struct DiffGzFile {
    /// One file's patch: `---`/`+++` lines and its hunks.
    struct FilePatch {
        var section: PatchFile.Section
        /// The text after `--- ` and `+++ ` (a timestamp included, if any).
        var oldLabel: String
        var newLabel: String
        /// The hunks, each `@@` line with its body, as in the file.
        var hunks: [String]
        /// Path inside the package (`debian/changelog`): the new label without its top directory.
        var path: String { section.path(strip: 1) ?? section.newName }
        /// The patch creates the file (every hunk `@@ -0,0 …`).
        var creates: Bool { section.hunks.allSatisfy { $0.oldStart == 0 && $0.oldCount == 0 } }
        /// The created file's text (the `+` lines), for a creating patch.
        var createdText: String {
            var text = ""
            for hunk in section.hunks {
                for line in hunk.lines where line.kind == .inserted {
                    text += String(decoding: line.text, as: UTF8.self) + "\n"
                }
            }
            return text
        }
        var text: String { "--- \(oldLabel)\n+++ \(newLabel)\n" + hunks.joined() }
    }

    var patches: [FilePatch]

    /// Reads and parses `path` (gzip).
    /// - Throws: ``PortError`` for a stream that is not gzip or a patch whose hunks do not add up.
    static func read(_ path: String) throws -> DiffGzFile {
        let bytes: [UInt8]
        do {
            bytes = try CompressedFile.read(path, limits: .default)
        } catch { throw PortError(file: path, "cannot read the .diff.gz", underlying: error) }
        return try parse(bytes, file: path)
    }

    /// Parses a unified diff of several files.
    static func parse(_ text: String, file: String) throws -> DiffGzFile {
        try parse(Array(text.utf8), file: file)
    }

    static func parse(_ bytes: [UInt8], file: String) throws -> DiffGzFile {
        let parsed: PatchFile
        do { parsed = try PatchFile(bytes, name: file) } catch { throw PortError(underlying: error) }
        if let warning = parsed.warnings.first { throw PortError(warning) }
        let patches = parsed.sections.map { section in
            let lines = PatchFile.splitLines(Array(section.raw))
            func label(_ index: Int) -> String {
                guard index < lines.count else { return "" }
                let line = PatchFile.chomp(Array(section.raw)[lines[index]])
                return String(decoding: line.dropFirst(4), as: UTF8.self)
            }
            return FilePatch(section: section, oldLabel: label(0), newLabel: label(1),
                             hunks: section.hunks.map { String(decoding: $0.raw, as: UTF8.self) })
        }
        // The port writes every other patch back byte for byte: text the sections do not cover (a preamble,
        // a header between files) would be dropped, so such a diff is refused rather than silently changed.
        let diff = DiffGzFile(patches: patches)
        guard Array(diff.patches.map(\.text).joined().utf8) == bytes else {
            throw PortError(file: file, "the .diff.gz holds text outside its file patches, which a port would drop")
        }
        return diff
    }

    /// The diff with `path`'s creating patch replaced by one creating `contents` (labels kept).
    /// - Throws: ``PortError`` when the diff has no such patch or the patch does not create the file.
    func replacingCreatedFile(_ path: String, with contents: String, file: String) throws -> String {
        guard let position = patches.firstIndex(where: { $0.path == path }) else {
            throw PortError(file: file, "no '\(path)' in the .diff.gz")
        }
        guard patches[position].creates else {
            throw PortError(file: file, "'\(path)' is in the orig tarball too: porting such a format 1.0 package is not supported")
        }
        var replaced = patches[position]
        let hunks = UnifiedDiff(old: [], new: Array(contents.utf8)).renderHunks()
        replaced.hunks = [String(decoding: hunks, as: UTF8.self)]
        var all = patches
        all[position] = replaced
        return all.map(\.text).joined()
    }
}
