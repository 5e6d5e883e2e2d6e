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
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var files: [FilePatch] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix("--- "), index + 1 < lines.count, lines[index + 1].hasPrefix("+++ ") else {
                index += 1
                continue
            }
            let oldPath = pathField(line.dropFirst(4))
            let newPath = pathField(lines[index + 1].dropFirst(4))
            let stripped = newPath.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? newPath
            var patch = FilePatch(path: stripped, isNew: oldPath == "/dev/null", hunks: [])
            index += 2
            while index < lines.count, lines[index].hasPrefix("@@ ") {
                guard let header = parseHunkHeader(lines[index]) else {
                    throw ArtifactError(file: file, reason: "line \(index + 1): malformed hunk header '\(lines[index])'")
                }
                var hunk = Hunk(oldStart: header.oldStart, oldCount: header.oldCount, lines: [])
                var remainingOld = header.oldCount
                var remainingNew = header.newCount
                index += 1
                while index < lines.count, remainingOld > 0 || remainingNew > 0 || lines[index].hasPrefix("\\") {
                    let body = lines[index]
                    switch body.first {
                    case " ": remainingOld -= 1; remainingNew -= 1
                    case "-": remainingOld -= 1
                    case "+": remainingNew -= 1
                    case "\\": break
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
            var previous: Character = " "
            for line in hunk.lines {
                let body = Array(line.utf8.dropFirst())
                switch line.first {
                case " ", "-":
                    guard cursor < oldLines.lines.count, oldLines.lines[cursor] == body else {
                        throw ArtifactError(file: file, reason: "hunk at line \(hunk.oldStart) does not apply to '\(patch.path)'")
                    }
                    if line.first == " " { result.append(body) }
                    cursor += 1
                case "+": result.append(body)
                case "\\":
                    if previous == "+" || previous == " " { noNewlineAtEnd = true }
                    if previous == "-" { oldLines.missingFinalNewline = false }
                default: break
                }
                previous = line.first ?? " "
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
        String(text.split(separator: "\t", maxSplits: 1).first ?? text)
    }

    private static func parseHunkHeader(_ line: Substring) -> (oldStart: Int, oldCount: Int, newCount: Int)? {
        // @@ -a[,b] +c[,d] @@
        let parts = line.split(separator: " ")
        guard parts.count >= 4, parts[1].hasPrefix("-"), parts[2].hasPrefix("+") else { return nil }
        func range(_ text: Substring) -> (Int, Int)? {
            let numbers = text.dropFirst().split(separator: ",")
            guard let start = numbers.first.flatMap({ Int($0) }) else { return nil }
            let count = numbers.count > 1 ? Int(numbers[1]) : 1
            return count.map { (start, $0) }
        }
        guard let old = range(parts[1]), let new = range(parts[2]) else { return nil }
        return (old.0, old.1, new.1)
    }
}
