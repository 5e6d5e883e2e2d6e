/// A unified diff as `diff -u` and dpkg-source's `.diff.gz` write it, and a strict applier.
///
/// Used to reconstruct the tree of a format 1.0 source package without running `patch`.
struct UnifiedDiff: Sendable {
    struct Hunk: Sendable {
        var oldStart: Int
        var oldCount: Int
        var lines: [Substring]  // each starting with ' ', '-', '+' (or '\' for "No newline")
    }

    struct FilePatch: Sendable {
        /// Path after the `+++` marker with its first component stripped (patch -p1).
        var path: String
        var isNew: Bool
        var hunks: [Hunk]
    }

    var files: [FilePatch]

    /// Parses the diff text. - Throws: ``ArtifactError`` naming `file` and the line.
    static func parse(_ text: String, file: String) throws(ArtifactError) -> UnifiedDiff {
        // Lines and their markers are bytes: a diff line is a marker byte and a file's line, and the first
        // character of that line may be a combining mark (which `Character` comparisons join to the marker) or
        // the line may end in `\r` (`"\r\n"` is one `Character`).
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
        var files: [FilePatch] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.utf8.starts(with: "--- ".utf8), index + 1 < lines.count,
                  lines[index + 1].utf8.starts(with: "+++ ".utf8) else {
                index += 1
                continue
            }
            let oldPath = pathField(Substring(line.utf8.dropFirst(4)))
            let newPath = pathField(Substring(lines[index + 1].utf8.dropFirst(4)))
            let stripped = newPath.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? newPath
            var patch = FilePatch(path: stripped, isNew: oldPath == "/dev/null", hunks: [])
            index += 2
            while index < lines.count, lines[index].utf8.starts(with: "@@ ".utf8) {
                guard let header = parseHunkHeader(lines[index]) else {
                    throw ArtifactError(file: file, reason: "line \(index + 1): malformed hunk header '\(lines[index])'")
                }
                var hunk = Hunk(oldStart: header.oldStart, oldCount: header.oldCount, lines: [])
                var remainingOld = header.oldCount
                var remainingNew = header.newCount
                index += 1
                while index < lines.count, remainingOld > 0 || remainingNew > 0 || lines[index].utf8.first == 0x5C {
                    let body = lines[index]
                    switch body.utf8.first {
                    case UInt8(ascii: " "): remainingOld -= 1; remainingNew -= 1
                    case UInt8(ascii: "-"): remainingOld -= 1
                    case UInt8(ascii: "+"): remainingNew -= 1
                    case UInt8(ascii: "\\"): break
                    case nil: remainingOld -= 1; remainingNew -= 1 // an empty context line some tools write
                    default:
                        throw ArtifactError(file: file, reason: "line \(index + 1): unexpected line in hunk '\(body.prefix(40))'")
                    }
                    hunk.lines.append(body.isEmpty ? " " : body)
                    index += 1
                }
                if remainingOld > 0 || remainingNew > 0 {
                    throw ArtifactError(file: file, reason: "truncated hunk for '\(stripped)'")
                }
                patch.hunks.append(hunk)
            }
            // dpkg-source marks files the diff creates with a single "@@ -0,0 +1,n @@" hunk, not /dev/null.
            if patch.hunks.count == 1, patch.hunks[0].oldStart == 0, patch.hunks[0].oldCount == 0 { patch.isNew = true }
            files.append(patch)
        }
        return UnifiedDiff(files: files)
    }

    /// Applies a file's hunks to `original` (exact context, no fuzz, as dpkg-source requires).
    static func apply(_ patch: FilePatch, to original: [UInt8], file: String) throws(ArtifactError) -> [UInt8] {
        var oldLines = splitLines(original)
        var result: [[UInt8]] = []
        var cursor = 0
        var noNewlineAtEnd = false
        for hunk in patch.hunks {
            let start = max(0, hunk.oldStart - 1)
            guard start >= cursor, start <= oldLines.lines.count else {
                throw ArtifactError(file: file, reason: "hunk at line \(hunk.oldStart) does not apply to '\(patch.path)'")
            }
            result.append(contentsOf: oldLines.lines[cursor..<start])
            cursor = start
            var previous = UInt8(ascii: " ")
            for line in hunk.lines {
                let body = Array(line.utf8.dropFirst())
                let marker = line.utf8.first ?? UInt8(ascii: " ")
                switch marker {
                case UInt8(ascii: " "), UInt8(ascii: "-"):
                    guard cursor < oldLines.lines.count, oldLines.lines[cursor] == body else {
                        throw ArtifactError(file: file, reason: "hunk at line \(hunk.oldStart) does not apply to '\(patch.path)'")
                    }
                    if marker == UInt8(ascii: " ") { result.append(body) }
                    cursor += 1
                case UInt8(ascii: "+"): result.append(body)
                case UInt8(ascii: "\\"):
                    if previous == UInt8(ascii: "+") || previous == UInt8(ascii: " ") { noNewlineAtEnd = true }
                    if previous == UInt8(ascii: "-") { oldLines.missingFinalNewline = false }
                default: break
                }
                previous = marker
            }
        }
        result.append(contentsOf: oldLines.lines[cursor...])
        if cursor < oldLines.lines.count, oldLines.missingFinalNewline { noNewlineAtEnd = true }
        var bytes: [UInt8] = []
        for (offset, line) in result.enumerated() {
            bytes.append(contentsOf: line)
            if offset < result.count - 1 || !noNewlineAtEnd { bytes.append(0x0A) }
        }
        return bytes
    }

    private static func splitLines(_ bytes: [UInt8]) -> (lines: [[UInt8]], missingFinalNewline: Bool) {
        guard !bytes.isEmpty else { return ([], false) }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let missing = bytes.last != 0x0A
        if !missing { lines.removeLast() }
        return (lines, missing)
    }

    private static func pathField(_ text: Substring) -> String {
        String(Substring(text.utf8.prefix { $0 != 0x09 }))
    }

    private static func parseHunkHeader(_ line: Substring) -> (oldStart: Int, oldCount: Int, newCount: Int)? {
        // @@ -a[,b] +c[,d] @@
        let parts = line.split(separator: " ")
        guard parts.count >= 4, parts[1].hasPrefix("-"), parts[2].hasPrefix("+") else { return nil }
        func range(_ text: Substring) -> (Int, Int)? {
            // Unsigned decimal numbers only: "-9223372036854775808" as a count or start overflowed the
            // arithmetic on them (reproduced with fuzz/unified-diff).
            func number(_ digits: Substring) -> Int? {
                guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                return Int(digits)
            }
            let numbers = text.dropFirst().split(separator: ",")
            guard let start = numbers.first.flatMap(number) else { return nil }
            let count = numbers.count > 1 ? number(numbers[1]) : 1
            return count.map { (start, $0) }
        }
        guard let old = range(parts[1]), let new = range(parts[2]) else { return nil }
        return (old.0, old.1, new.1)
    }
}
