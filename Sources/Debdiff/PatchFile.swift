/// A unified diff as `patch` reads it: file sections with `---`/`+++` names and `@@` hunks.
///
/// Used for format 1.0 `.diff.gz` files and quilt patches. Text outside the sections (DEP-3 headers,
/// `diff …`/`Index:` lines) is ignored, as GNU patch does.
struct PatchFile: Sendable {
    /// One line of a hunk.
    struct Line: Sendable, Hashable {
        enum Kind: Sendable, Hashable { case context, deleted, inserted }
        var kind: Kind
        /// The line's bytes without its newline.
        var text: ArraySlice<UInt8>
        /// False when `\ No newline at end of file` followed it.
        var hasNewline: Bool
    }

    struct Hunk: Sendable {
        /// 1-based first line in the old file (0 for an empty old range) and line counts.
        var oldStart: Int
        var oldCount: Int
        var newStart: Int
        var newCount: Int
        var lines: [Line]
        /// The raw text of the hunk, `@@` line included.
        var raw: ArraySlice<UInt8>
    }

    struct Section: Sendable {
        /// The names after `--- ` and `+++ `, up to a tab (the timestamp is dropped).
        var oldName: String
        var newName: String
        var hunks: [Hunk]
        /// The whole section, `---` line included.
        var raw: ArraySlice<UInt8>

        var createsFile: Bool { oldName == "/dev/null" || (hunks.count == 1 && hunks[0].oldStart == 0 && hunks[0].oldCount == 0) }
        var deletesFile: Bool { newName == "/dev/null" }

        /// The path with `strip` leading components removed (`patch -pN`), from the new name unless it
        /// is `/dev/null`.
        func path(strip: Int) -> String? {
            let name = deletesFile ? oldName : newName
            let parts = name.split(separator: "/", omittingEmptySubsequences: true)
            guard parts.count > strip else { return nil }
            return parts.dropFirst(strip).joined(separator: "/")
        }
    }

    var sections: [Section]

    /// Parses `bytes`; `name` is used in messages.
    /// - Throws: ``DebdiffError`` for a hunk whose line counts do not match its header.
    init(_ bytes: [UInt8], name: String) throws(DebdiffError) {
        let lines = Self.splitLines(bytes)
        var sections: [Section] = []
        var index = 0
        while index < lines.count {
            let line = bytes[lines[index]]
            guard line.starts(with: Self.minus3), index + 1 < lines.count,
                  bytes[lines[index + 1]].starts(with: Self.plus3) else {
                index += 1
                continue
            }
            let sectionStart = lines[index].lowerBound
            let oldName = Self.name(line)
            let newName = Self.name(bytes[lines[index + 1]])
            index += 2
            var hunks: [Hunk] = []
            while index < lines.count, bytes[lines[index]].starts(with: Self.atat) {
                let hunkStart = lines[index].lowerBound
                guard let header = Self.hunkHeader(bytes[lines[index]]) else {
                    throw DebdiffError("\(name): malformed hunk header '\(String(decoding: Self.chomp(bytes[lines[index]]), as: UTF8.self))'")
                }
                index += 1
                var oldSeen = 0, newSeen = 0
                var hunkLines: [Line] = []
                while oldSeen < header.oldCount || newSeen < header.newCount {
                    guard index < lines.count else {
                        throw DebdiffError("\(name): hunk for '\(newName)' ends early (patch truncated?)")
                    }
                    let text = bytes[lines[index]]
                    let content = Self.chomp(text)
                    let kind: Line.Kind
                    switch content.first {
                    case UInt8(ascii: " "), nil: kind = .context; oldSeen += 1; newSeen += 1
                    case UInt8(ascii: "-"): kind = .deleted; oldSeen += 1
                    case UInt8(ascii: "+"): kind = .inserted; newSeen += 1
                    default:
                        throw DebdiffError("\(name): unexpected line in hunk for '\(newName)': '\(String(decoding: content, as: UTF8.self))'")
                    }
                    hunkLines.append(Line(kind: kind, text: content.isEmpty ? content : content.dropFirst(), hasNewline: true))
                    index += 1
                    if index < lines.count, bytes[lines[index]].starts(with: Self.noNewline) {
                        hunkLines[hunkLines.count - 1].hasNewline = false
                        index += 1
                    }
                }
                if oldSeen != header.oldCount || newSeen != header.newCount {
                    throw DebdiffError("\(name): hunk for '\(newName)' does not match its line counts")
                }
                let hunkEnd = index < lines.count ? lines[index].lowerBound : bytes.count
                hunks.append(Hunk(oldStart: header.oldStart, oldCount: header.oldCount, newStart: header.newStart,
                                  newCount: header.newCount, lines: hunkLines, raw: bytes[hunkStart..<hunkEnd]))
            }
            let sectionEnd = index < lines.count ? lines[index].lowerBound : bytes.count
            sections.append(Section(oldName: oldName, newName: newName, hunks: hunks, raw: bytes[sectionStart..<sectionEnd]))
        }
        self.sections = sections
    }

    private static let minus3 = Array("--- ".utf8)
    private static let plus3 = Array("+++ ".utf8)
    private static let atat = Array("@@ ".utf8)
    private static let noNewline = Array("\\ ".utf8)

    /// Line ranges, each including its newline.
    static func splitLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            ranges.append(start..<offset + 1)
            start = offset + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    static func chomp(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == 0x0A ? line.dropLast() : line
    }

    private static func name(_ line: ArraySlice<UInt8>) -> String {
        let rest = chomp(line).dropFirst(4)
        let end = rest.firstIndex(of: 0x09) ?? rest.endIndex
        return String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
    }

    /// `@@ -a[,b] +c[,d] @@…`
    private static func hunkHeader(_ line: ArraySlice<UInt8>) -> (oldStart: Int, oldCount: Int, newStart: Int, newCount: Int)? {
        let text = String(decoding: chomp(line), as: UTF8.self)
        let parts = text.split(separator: " ")
        guard parts.count >= 4, parts[0] == "@@", parts[3].hasPrefix("@@"),
              parts[1].hasPrefix("-"), parts[2].hasPrefix("+"),
              let old = range(parts[1].dropFirst()), let new = range(parts[2].dropFirst()) else { return nil }
        return (old.0, old.1, new.0, new.1)
    }

    /// Numbers above `Int32.max` are refused: `PatchApplier` adds offsets to them, and a start of
    /// 9223372036854775807 overflowed (reproduced with fuzz/patch). No file has 2^31 lines.
    private static func range(_ text: Substring) -> (Int, Int)? {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let start = Int(pieces[0]), (0...Int(Int32.max)).contains(start) else { return nil }
        if pieces.count == 1 { return (start, 1) }
        guard pieces.count == 2, let count = Int(pieces[1]), (0...Int(Int32.max)).contains(count) else { return nil }
        return (start, count)
    }
}
