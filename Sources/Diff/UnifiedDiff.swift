/// The unified diff of one pair of texts, computed and printed exactly as GNU diffutils 3.8's
/// `diff -u` does (hunk placement, merging, line ranges, `\ No newline at end of file`).
public struct UnifiedDiff: Sendable {
    /// One `@@` hunk: a group of changes whose context overlaps or touches.
    public struct Hunk: Sendable, Hashable {
        /// First old line shown (0-based) and one past the last.
        public var oldLines: Range<Int>
        /// First new line shown (0-based) and one past the last.
        public var newLines: Range<Int>
        /// The changes inside, in order.
        public var changes: [DiffChange]

        /// The `@@ -a,b +c,d @@` line with its newline, using GNU's conventions: a count of 1 is
        /// omitted, an empty range names the line before it (`-0,0` for an empty old file).
        public var header: String {
            "@@ -\(Self.range(oldLines)) +\(Self.range(newLines)) @@\n"
        }

        static func range(_ lines: Range<Int>) -> String {
            let first = lines.lowerBound + 1
            let last = lines.upperBound
            if last < first { return "\(last),0" }
            if last == first { return "\(first)" }
            return "\(first),\(last - first + 1)"
        }
    }

    /// What comparing two files gives.
    public enum Outcome: Sendable {
        /// Nothing to print.
        case identical
        /// At least one side is binary and the bytes differ: print
        /// ``BinaryDetection/message(oldName:newName:)``.
        case binaryFilesDiffer
        /// Text differences.
        case text(UnifiedDiff)
    }

    /// The old text.
    public let old: TextLines
    /// The new text.
    public let new: TextLines
    /// The options used.
    public let options: UnifiedDiffOptions
    /// The edit script (empty when the texts compare equal under the options).
    public let changes: [DiffChange]
    /// The changes grouped into hunks.
    public let hunks: [Hunk]

    /// Compares two texts as lines, ignoring the binary test.
    public init(old: [UInt8], new: [UInt8], options: UnifiedDiffOptions = UnifiedDiffOptions()) {
        self.init(old: TextLines(old), new: TextLines(new), options: options)
    }

    /// Compares two texts already split into lines.
    public init(old: TextLines, new: TextLines, options: UnifiedDiffOptions = UnifiedDiffOptions()) {
        self.old = old
        self.new = new
        self.options = options
        let classes = LineClassifier(old: old, new: new, mode: options.whitespace, horizon: options.context)
        changes = MyersDiff.changes(
            middle0: classes.oldClasses, middle1: classes.newClasses, classCount: classes.classCount,
            offset: classes.prefixLines, minimal: options.minimal)
        hunks = Self.groupHunks(changes, context: options.context, oldCount: old.count, newCount: new.count)
    }

    /// Compares two files the way `diff` does: the binary test first (any NUL in the first
    /// `binaryProbeSize` bytes of either), then a line comparison.
    public static func compare(
        old: [UInt8], new: [UInt8], options: UnifiedDiffOptions = UnifiedDiffOptions()
    ) -> Outcome {
        if BinaryDetection.isBinary(old, probeSize: options.binaryProbeSize)
            || BinaryDetection.isBinary(new, probeSize: options.binaryProbeSize) {
            return old == new ? .identical : .binaryFilesDiffer
        }
        let diff = UnifiedDiff(old: old, new: new, options: options)
        return diff.changes.isEmpty ? .identical : .text(diff)
    }

    /// Lines deleted (`-` lines), as diffstat counts them.
    public var deletions: Int { changes.reduce(0) { $0 + $1.deletedCount } }
    /// Lines inserted (`+` lines).
    public var insertions: Int { changes.reduce(0) { $0 + $1.insertedCount } }

    /// The whole diff: `--- oldLabel`, `+++ newLabel`, then the hunks; empty when there are no
    /// changes. Labels are printed as given (diff -u without `--label` prints `name\ttimestamp`).
    public func render(oldLabel: [UInt8], newLabel: [UInt8]) -> [UInt8] {
        guard !hunks.isEmpty else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(estimatedSize + oldLabel.count + newLabel.count + 10)
        out.append(contentsOf: "--- ".utf8)
        out.append(contentsOf: oldLabel)
        out.append(contentsOf: "\n+++ ".utf8)
        out.append(contentsOf: newLabel)
        out.append(0x0A)
        appendHunks(to: &out)
        return out
    }

    /// ``render(oldLabel:newLabel:)`` with text labels.
    public func render(oldLabel: String, newLabel: String) -> [UInt8] {
        render(oldLabel: Array(oldLabel.utf8), newLabel: Array(newLabel.utf8))
    }

    /// Only the hunks, without the `---`/`+++` header.
    public func renderHunks() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(estimatedSize)
        appendHunks(to: &out)
        return out
    }

    private var estimatedSize: Int {
        hunks.reduce(0) { $0 + 2 * ($1.oldLines.count + $1.newLines.count) * 40 }
    }

    private static let noNewline = Array("\n\\ No newline at end of file\n".utf8)

    private func appendLine(_ marker: UInt8, _ text: TextLines, _ index: Int, to out: inout [UInt8]) {
        out.append(marker)
        out.append(contentsOf: text.line(index))
        if !text.isComplete(index) { out.append(contentsOf: Self.noNewline) }
    }

    /// `pr_unidiff_hunk` (context.c): context lines come from the old file.
    private func appendHunks(to out: inout [UInt8]) {
        for hunk in hunks {
            out.append(contentsOf: hunk.header.utf8)
            var i = hunk.oldLines.lowerBound
            for change in hunk.changes {
                while i < change.oldStart {
                    appendLine(0x20, old, i, to: &out)
                    i += 1
                }
                for k in change.oldStart..<change.oldEnd { appendLine(0x2D, old, k, to: &out) }
                for k in change.newStart..<change.newEnd { appendLine(0x2B, new, k, to: &out) }
                i = change.oldEnd
            }
            while i < hunk.oldLines.upperBound {
                appendLine(0x20, old, i, to: &out)
                i += 1
            }
        }
    }

    /// `find_hunk` and the context widening of `pr_unidiff_hunk`: changes separated by at most
    /// 2·context unchanged lines share a hunk.
    static func groupHunks(_ changes: [DiffChange], context: Int, oldCount: Int, newCount: Int) -> [Hunk] {
        var hunks: [Hunk] = []
        var index = 0
        while index < changes.count {
            var end = index
            while end + 1 < changes.count
                && changes[end + 1].oldStart - changes[end].oldEnd < 2 * context + 1 {
                end += 1
            }
            let first = changes[index], last = changes[end]
            let first0 = max(first.oldStart - context, 0)
            let first1 = max(first.newStart - context, 0)
            let last0 = min(last.oldEnd - 1 + context, oldCount - 1)
            let last1 = min(last.newEnd - 1 + context, newCount - 1)
            hunks.append(Hunk(
                oldLines: first0..<max(first0, last0 + 1), newLines: first1..<max(first1, last1 + 1),
                changes: Array(changes[index...end])))
            index = end + 1
        }
        return hunks
    }
}
