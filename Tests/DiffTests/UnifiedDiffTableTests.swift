import DebworkTestSupport
import Diff
import Testing

/// Edge cases of `diff -u`, each checked against GNU diff; some also pinned literally.
@Suite(.enabled(if: Oracle.available, "needs diff, patch, wdiff and diffstat"))
struct UnifiedDiffTableTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var old: [UInt8]
        var new: [UInt8]
        var expected: String?
        var description: String { name }

        init(_ name: String, _ old: String, _ new: String, expected: String? = nil) {
            self.name = name
            self.old = Array(old.utf8)
            self.new = Array(new.utf8)
            self.expected = expected
        }

        init(_ name: String, bytes old: [UInt8], _ new: [UInt8]) {
            self.name = name
            self.old = old
            self.new = new
        }
    }

    static let longLine = String(repeating: "0123456789", count: 20_000)

    static let cases: [Case] = [
        Case("both empty", "", "", expected: ""),
        Case("identical", "a\nb\n", "a\nb\n", expected: ""),
        Case("old empty", "", "a\nb\n", expected: "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n"),
        Case("new empty", "a\n", "", expected: "--- a\n+++ b\n@@ -1 +0,0 @@\n-a\n"),
        Case("old empty, new without newline", "", "a", expected: "--- a\n+++ b\n@@ -0,0 +1 @@\n+a\n\\ No newline at end of file\n"),
        Case("newline added at end", "a\nb", "a\nb\n", expected: "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"),
        Case("newline removed at end", "a\nb\n", "a\nb"),
        Case("both without newline, same last line", "a\nb", "x\nb"),
        Case("both without newline, different last line", "a\nb", "a\nc"),
        Case("context line without newline", "a\nb\nc\nd", "x\nb\nc\nd"),
        Case("all changed", "a\nb\nc\n", "d\ne\nf\n", expected: "--- a\n+++ b\n@@ -1,3 +1,3 @@\n-a\n-b\n-c\n+d\n+e\n+f\n"),
        Case("CRLF kept", "a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n", expected: "--- a\n+++ b\n@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\r\n c\r\n"),
        Case("CRLF against LF", "a\r\nb\r\n", "a\nb\n"),
        Case("duplicate line inserted goes last", "x\na\na\ny\n", "x\na\na\na\ny\n", expected: "--- a\n+++ b\n@@ -1,4 +1,5 @@\n x\n a\n a\n+a\n y\n"),
        Case("hunks merge within 6 lines", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "x\n2\n3\n4\n5\n6\n7\n8\ny\n"),
        Case("hunks split beyond 6 lines", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "x\n2\n3\n4\n5\n6\n7\n8\n9\ny\n"),
        Case("very long lines", longLine + "\nshort\n" + longLine + "\n", longLine + "\nSHORT\n" + longLine + "x\n"),
        Case("blank lines", "\n\n\n", "\n\n"),
        Case("invalid UTF-8", bytes: [0xFF, 0xFE, 0x0A, 0x61, 0x0A], [0xFF, 0x0A, 0x61, 0x0A]),
    ]

    @Test(arguments: cases)
    func matchesGNUDiff(_ testCase: Case) throws {
        let oracle = try Oracle()
        let ours = UnifiedDiff(old: testCase.old, new: testCase.new).render(oldLabel: "a", newLabel: "b")
        let expected = try oracle.diff(testCase.old, testCase.new)
        #expect(ours == expected, "\(testCase.name)\nexpected:\n\(visible(expected))\nours:\n\(visible(ours))")
        if let literal = testCase.expected {
            #expect(visible(ours) == literal)
        }
    }

    @Test func labelsArePrintedAsGiven() {
        let diff = UnifiedDiff(old: Array("a\n".utf8), new: Array("b\n".utf8))
        let text = visible(diff.render(oldLabel: "x/f\t2024-01-01 00:00:00.000000000 +0000", newLabel: "y/f\t1970-01-01 00:00:00.000000000 +0000"))
        #expect(text == "--- x/f\t2024-01-01 00:00:00.000000000 +0000\n+++ y/f\t1970-01-01 00:00:00.000000000 +0000\n@@ -1 +1 @@\n-a\n+b\n")
        #expect(visible(diff.renderHunks()) == "@@ -1 +1 @@\n-a\n+b\n")
    }

    @Test func whitespaceModesCompareButShowLinesAsTheyAre() throws {
        let old = Array("a  b\nc\nd \n".utf8)
        let new = Array("a b\nC\nd\n".utf8)
        let diff = UnifiedDiff(old: old, new: new, options: UnifiedDiffOptions(whitespace: .ignoreSpaceChange))
        #expect(visible(diff.render(oldLabel: "a", newLabel: "b")) == "--- a\n+++ b\n@@ -1,3 +1,3 @@\n a  b\n-c\n+C\n d \n")
        #expect(diff.render(oldLabel: "a", newLabel: "b") == (try Oracle().diff(old, new, arguments: ["-u", "-b"])))
        let same = UnifiedDiff.compare(old: Array("a b\n".utf8), new: Array(" ab \n".utf8), options: UnifiedDiffOptions(whitespace: .ignoreAllSpace))
        guard case .identical = same else {
            Issue.record("-w should find no difference")
            return
        }
    }

    @Test func tenThousandLinesWithScatteredChanges() throws {
        var generator = SplitMix64(seed: 99)
        let old = (0..<10_000).map { "line \($0) \(UInt16.random(in: 0...9, using: &generator))" }
        var new = old
        for _ in 0..<60 {
            let at = Int.random(in: 0..<new.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: new.insert("inserted", at: at)
            case 1: new.remove(at: at)
            default: new[at] = "changed \(at)"
            }
        }
        let oldBytes = Array((old.joined(separator: "\n") + "\n").utf8)
        let newBytes = Array((new.joined(separator: "\n") + "\n").utf8)
        let oracle = try Oracle()
        let ours = UnifiedDiff(old: oldBytes, new: newBytes).render(oldLabel: "a", newLabel: "b")
        #expect(ours == (try oracle.diff(oldBytes, newBytes)))
        #expect(try oracle.patch(oldBytes, with: ours) == newBytes)
    }

    /// Two long texts of random lines from a small alphabet: the edit distance is far beyond
    /// TOO_EXPENSIVE (4096), so GNU diff gives up on minimality; so must we, the same way.
    @Test func tooExpensiveHeuristicMatchesGNUDiff() throws {
        var generator = SplitMix64(seed: 7)
        func text() -> [UInt8] {
            Array((0..<12_000).map { _ in "w\(UInt8.random(in: 0..<24, using: &generator))\n" }.joined().utf8)
        }
        let old = text(), new = text()
        let oracle = try Oracle()
        let ours = UnifiedDiff(old: old, new: new).render(oldLabel: "a", newLabel: "b")
        #expect(ours == (try oracle.diff(old, new)))
        let minimal = UnifiedDiff(old: old, new: new, options: UnifiedDiffOptions(minimal: true))
        let minimalText = minimal.render(oldLabel: "a", newLabel: "b")
        #expect(minimalText == (try oracle.diff(old, new, arguments: ["-u", "--minimal"])))
        #expect(minimalText.count < ours.count, "the cut-off should have been reached")
    }
}
