import Diff
import LibArchive

/// A format 1.0 `.diff.gz`: its file patches, each kept as text, so that one (debian/changelog) can be
/// replaced and the rest written back byte for byte.
struct DiffGzFile {
    /// One file's patch: `---`/`+++` lines and its hunks.
    struct FilePatch {
        var oldLabel: String
        var newLabel: String
        /// The hunks, each `@@` line with its body, as in the file.
        var hunks: [String]
        /// Path inside the package (`debian/changelog`): the new label without its top directory.
        var path: String {
            guard let slash = newLabel.firstIndex(of: "/") else { return newLabel }
            return String(newLabel[newLabel.index(after: slash)...])
        }
        /// The patch creates the file (every hunk `@@ -0,0 …`).
        var creates: Bool { hunks.allSatisfy { $0.hasPrefix("@@ -0,0 ") } }
        /// The created file's text (the `+` lines), for a creating patch.
        var createdText: String {
            var text = ""
            for hunk in hunks {
                for line in hunk.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).dropFirst()
                where line.first == UInt8(ascii: "+") {
                    text += Substring(line.dropFirst()) + "\n"
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
            let reader = try ArchiveReader(path: path, formats: .raw)
            _ = try reader.nextEntry()
            bytes = try reader.readAll(maximumSize: 256 << 20)
        } catch { throw PortError(file: path, "cannot read the .diff.gz: \(error)") }
        return try parse(String(decoding: bytes, as: UTF8.self), file: path)
    }

    /// Parses a unified diff of several files, consuming each hunk by its line counts (so removed lines
    /// starting with `--` are not taken for a new file header).
    static func parse(_ text: String, file: String) throws -> DiffGzFile {
        // Lines and their markers are bytes: the first character of a file's line may be a combining mark
        // (which `Character` comparisons join to the marker) and `"\r\n"` is one `Character` (as fuzzing
        // found in Artifacts.UnifiedDiff).
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
        if lines.last == "" { lines.removeLast() }
        var patches: [FilePatch] = []
        var index = 0
        func fail(_ reason: String) -> PortError { PortError(file: file, "line \(index + 1): \(reason)") }
        while index < lines.count {
            guard lines[index].utf8.starts(with: "--- ".utf8), index + 1 < lines.count,
                  lines[index + 1].utf8.starts(with: "+++ ".utf8) else {
                throw fail("expected a '--- ' and '+++ ' file header")
            }
            var patch = FilePatch(oldLabel: String(Substring(lines[index].utf8.dropFirst(4))),
                                  newLabel: String(Substring(lines[index + 1].utf8.dropFirst(4))), hunks: [])
            index += 2
            while index < lines.count, lines[index].utf8.starts(with: "@@ ".utf8) {
                let header = lines[index]
                guard let counts = Self.counts(header) else { throw fail("malformed hunk header '\(header)'") }
                var hunk = String(header) + "\n"
                var (old, new) = counts
                index += 1
                while old > 0 || new > 0 {
                    guard index < lines.count else { throw fail("hunk '\(header)' is cut short") }
                    // An empty line is a context line whose trailing space was stripped.
                    switch lines[index].utf8.first ?? UInt8(ascii: " ") {
                    case UInt8(ascii: " "): old -= 1; new -= 1
                    case UInt8(ascii: "-"): old -= 1
                    case UInt8(ascii: "+"): new -= 1
                    case UInt8(ascii: "\\"): break
                    default: throw fail("unexpected line in hunk '\(header)'")
                    }
                    hunk += lines[index] + "\n"
                    index += 1
                }
                if index < lines.count, lines[index].utf8.first == UInt8(ascii: "\\") {
                    hunk += lines[index] + "\n"
                    index += 1
                }
                patch.hunks.append(hunk)
            }
            guard !patch.hunks.isEmpty else { throw fail("no hunk for '\(patch.newLabel)'") }
            patches.append(patch)
        }
        return DiffGzFile(patches: patches)
    }

    /// `(old count, new count)` of `@@ -a[,b] +c[,d] @@`.
    private static func counts(_ header: Substring) -> (Int, Int)? {
        let parts = header.split(separator: " ")
        guard parts.count >= 4, parts[0] == "@@", parts[1].hasPrefix("-"), parts[2].hasPrefix("+"), parts[3] == "@@" else { return nil }
        func count(_ range: Substring) -> Int? {
            let pieces = range.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
            // Unsigned numbers only: a count of "-9223372036854775808" overflowed `old -= 1` (reproduced with
            // fuzz/diff-gz).
            guard pieces.count <= 2,
                  pieces.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && Int($0) != nil })
            else { return nil }
            return pieces.count == 2 ? Int(pieces[1]) : 1
        }
        guard let old = count(parts[1]), let new = count(parts[2]) else { return nil }
        return (old, new)
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
