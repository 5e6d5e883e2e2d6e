/// A unified diff as dpkg-source reads it before handing it to `patch`: file sections with `---`/`+++`
/// names and `@@` hunks.
///
/// Used for format 1.0 `.diff.gz` files and quilt patches, by the index, debdiff and port alike. The
/// grammar is `Dpkg::Source::Patch::analyze` (dpkg 1.21): text before a section (DEP-3 headers,
/// `diff …`/`Index:` lines) is skipped up to a line starting with `--- `, `+++ ` or `@@ -`; that line must
/// be `--- ` and the next `+++ `; a section has at least one hunk; a hunk line starts with ` `, `-` or `+`
/// (an empty line is context, `\ No newline…` marks the line before it); a hunk cut short by the end of
/// the file is a warning only when it lacks fewer than three context lines, as dpkg allows. The checks
/// dpkg makes on the names alone are made here; those that need the tree (symlinks, plain files) are made
/// by ``SourceUnpacker``. Never traps on any input.
public struct PatchFile: Sendable {
    /// One line of a hunk.
    public struct Line: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case context, deleted, inserted }
        public var kind: Kind
        /// The line's bytes without its newline.
        public var text: ArraySlice<UInt8>
        /// False when `\ No newline at end of file` followed it.
        public var hasNewline: Bool
    }

    public struct Hunk: Sendable {
        /// 1-based first line in the old file (0 for an empty old range) and line counts.
        public var oldStart: Int
        public var oldCount: Int
        public var newStart: Int
        public var newCount: Int
        public var lines: [Line]
        /// The raw text of the hunk, `@@` line included.
        public var raw: ArraySlice<UInt8>
    }

    public struct Section: Sendable {
        /// The names after `--- ` and `+++ `, up to a tab (or, without one, the first white space).
        public var oldName: String
        public var newName: String
        public var hunks: [Hunk]
        /// The whole section, `---` line included.
        public var raw: ArraySlice<UInt8>
        /// 1-based line of the `+++` name (dpkg's messages point there).
        public var line: Int

        public var createsFile: Bool { oldName == "/dev/null" || (hunks.count == 1 && hunks[0].oldStart == 0 && hunks[0].oldCount == 0) }
        public var deletesFile: Bool { newName == "/dev/null" }

        /// The old and new names with their first component dropped, as `patch -p1` and dpkg-source
        /// read them (`a/x` → `x`, `/etc/x` → `etc/x`); nil for `/dev/null` or a name without a `/`.
        public var oldPath: String? { Self.stripFirst(oldName) }
        public var newPath: String? { Self.stripFirst(newName) }

        /// The path with `strip` leading components removed (`patch -pN`), from the new name unless it
        /// is `/dev/null`.
        public func path(strip: Int) -> String? {
            let name = deletesFile ? oldName : newName
            if strip == 1 { return Self.stripFirst(name) }
            let parts = name.split(separator: "/", omittingEmptySubsequences: true)
            guard parts.count > strip else { return nil }
            return parts.dropFirst(strip).joined(separator: "/")
        }

        /// dpkg's `s{^[^/]*/+}{}`.
        static func stripFirst(_ name: String) -> String? {
            guard name != "/dev/null", let slash = name.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            let rest = name.utf8[slash...].drop { $0 == UInt8(ascii: "/") }
            return String(decoding: rest, as: UTF8.self)
        }
    }

    public var sections: [Section]
    /// What dpkg-source only warns about (a short final hunk, no section at all).
    public var warnings: [String] = []

    /// Parses `bytes`; `name` is used in messages.
    /// - Throws: ``ArtifactError`` naming `name`, with dpkg-source's reason: a `---` line not followed by
    ///   `+++`, a section without hunks, a hunk line that is not ` `, `-` or `+`, a hunk cut short, a
    ///   C-style quoted name, a name with a `/../` component or ending in `.dpkg-orig`, `/dev/null` on both
    ///   sides.
    public init(_ bytes: [UInt8], name: String) throws(ArtifactError) {
        let lines = Self.splitLines(bytes)
        func text(_ index: Int) -> ArraySlice<UInt8> { Self.chomp(bytes[lines[index]]) }
        func fail(_ reason: String) -> ArtifactError { ArtifactError(file: name, reason: reason) }
        var sections: [Section] = []
        var warnings: [String] = []
        var index = 0
        scan: while index < lines.count {
            // Skip the header up to something that looks like a diff.
            while !(text(index).starts(with: Self.minus3) || text(index).starts(with: Self.plus3)
                    || text(index).starts(with: Self.hunkStart)) {
                index += 1
                if index >= lines.count { break scan }
            }
            guard text(index).starts(with: Self.minus3) else {
                throw fail("expected '--- ' at line \(index + 1) (a diff must name the old file first)")
            }
            let sectionStart = lines[index].lowerBound
            let oldName = try Self.name(text(index).dropFirst(4), file: name)
            guard index + 1 < lines.count else {
                throw fail("the diff finishes in the middle of a ---/+++ header (line \(index + 1))")
            }
            guard text(index + 1).starts(with: Self.plus3) else {
                throw fail("the line after '--- ' is not '+++ ' (line \(index + 2))")
            }
            let newName = try Self.name(text(index + 1).dropFirst(4), file: name)
            index += 2
            try Self.checkNames(old: oldName, new: newName, line: index, file: name)

            var hunks: [Hunk] = []
            while index < lines.count {
                if text(index).starts(with: Self.noNewline) { index += 1; continue }
                guard let header = Self.hunkHeader(text(index)) else { break }
                let hunkStart = lines[index].lowerBound
                index += 1
                var old = header.oldCount, new = header.newCount
                var hunkLines: [Line] = []
                while old > 0 || new > 0 {
                    guard index < lines.count else {
                        if old == new && old < 3 {
                            warnings.append("\(name): unexpected end of diff")
                            break
                        }
                        throw fail("unexpected end of diff in the hunk for '\(newName)'")
                    }
                    let content = text(index)
                    index += 1
                    if content.starts(with: Self.noNewline) {
                        if !hunkLines.isEmpty { hunkLines[hunkLines.count - 1].hasNewline = false }
                        continue
                    }
                    let kind: Line.Kind
                    switch content.first {
                    case UInt8(ascii: " "), nil: kind = .context; old -= 1; new -= 1
                    case UInt8(ascii: "-"): kind = .deleted; old -= 1
                    case UInt8(ascii: "+"): kind = .inserted; new -= 1
                    default:
                        throw fail("expected [ +-] at the start of line \(index) (in the hunk for '\(newName)')")
                    }
                    hunkLines.append(Line(kind: kind, text: content.isEmpty ? content : content.dropFirst(), hasNewline: true))
                }
                if index < lines.count, text(index).starts(with: Self.noNewline), !hunkLines.isEmpty {
                    hunkLines[hunkLines.count - 1].hasNewline = false
                    index += 1
                }
                let hunkEnd = index < lines.count ? lines[index].lowerBound : bytes.count
                hunks.append(Hunk(oldStart: header.oldStart, oldCount: header.oldCount, newStart: header.newStart,
                                  newCount: header.newCount, lines: hunkLines, raw: bytes[hunkStart..<hunkEnd]))
            }
            guard !hunks.isEmpty else {
                throw fail("expected '@@' at line \(min(index, lines.count) + 1) (no hunk for '\(newName)')")
            }
            let sectionEnd = index < lines.count ? lines[index].lowerBound : bytes.count
            sections.append(Section(oldName: oldName, newName: newName, hunks: hunks,
                                    raw: bytes[sectionStart..<sectionEnd], line: index))
        }
        if sections.isEmpty { warnings.append("\(name): the diff does not contain any patch") }
        self.sections = sections
        self.warnings = warnings
    }

    /// dpkg-source's checks on the two names of a section.
    private static func checkNames(old: String, new: String, line: Int, file: String) throws(ArtifactError) {
        if old.hasSuffix(".dpkg-orig") {
            throw ArtifactError(file: file, reason: "the diff patches a file whose name ends in .dpkg-orig ('\(old)')")
        }
        let oldPath = Section.stripFirst(old), newPath = Section.stripFirst(new)
        guard oldPath != nil || newPath != nil else {
            throw ArtifactError(file: file, reason: "none of the file names in ---/+++ is valid (line \(line)): '\(old)', '\(new)'")
        }
        for (name, path) in [(old, oldPath), (new, newPath)] {
            guard let path else { continue }
            // dpkg refuses `/../` anywhere; `..` as the first component is what -p1 strips.
            if name.contains("/../") || path.split(separator: "/").contains("..") {
                throw ArtifactError(file: file, reason: "contains an insecure path: '\(name)'")
            }
        }
        if new == "/dev/null" && oldPath == nil {
            throw ArtifactError(file: file, reason: "file removal without a proper file name (line \(line - 1))")
        }
    }

    private static let minus3 = Array("--- ".utf8)
    private static let plus3 = Array("+++ ".utf8)
    private static let hunkStart = Array("@@ -".utf8)
    private static let noNewline = Array("\\ ".utf8)

    /// Line ranges, each including its newline.
    public static func splitLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            ranges.append(start..<offset + 1)
            start = offset + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// The line without its newline.
    public static func chomp(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == 0x0A ? line.dropLast() : line
    }

    /// dpkg's `_fetch_filename`: leading white space dropped, cut at the first tab or else the first
    /// white space; a C-style quoted name is refused.
    private static func name(_ field: ArraySlice<UInt8>, file: String) throws(ArtifactError) -> String {
        let rest = field.drop { $0 == 0x20 || $0 == 0x09 }
        if rest.first == UInt8(ascii: "\"") {
            throw ArtifactError(file: file, reason: "the diff patches a file with a C-style encoded file name")
        }
        let end = rest.firstIndex(of: 0x09) ?? rest.firstIndex { $0 == 0x20 || $0 == 0x0D } ?? rest.endIndex
        return String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
    }

    /// `@@ -a[,b] +c[,d] @@[ …]`, exactly as dpkg's pattern.
    private static func hunkHeader(_ line: ArraySlice<UInt8>) -> (oldStart: Int, oldCount: Int, newStart: Int, newCount: Int)? {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        guard text.hasPrefix("@@ -") else { return nil }
        let parts = text.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0] == "@@", parts[3] == "@@",
              parts[1].hasPrefix("-"), parts[2].hasPrefix("+"),
              let old = range(parts[1].dropFirst()), let new = range(parts[2].dropFirst()) else { return nil }
        return (old.0, old.1, new.0, new.1)
    }

    private static func range(_ text: Substring) -> (Int, Int)? {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false)
        func number(_ digits: Substring) -> Int? {
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            // Clamped, so that line arithmetic cannot overflow on a hostile header.
            return digits.count > 12 ? 1 << 40 : min(Int(digits) ?? 0, 1 << 40)
        }
        guard let start = number(pieces[0]) else { return nil }
        if pieces.count == 1 { return (start, 1) }
        guard pieces.count == 2, let count = number(pieces[1]) else { return nil }
        return (start, count)
    }
}
