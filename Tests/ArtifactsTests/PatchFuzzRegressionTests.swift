@testable import Artifacts
import Testing

/// The patch parser and applier on inputs the fuzzers found (fuzz/patch, and the former 1.0-only parser's
/// target, whose cases the one engine must handle too).
@Suite struct PatchFuzzRegressionTests {
    func apply(_ diff: String, to original: String) throws -> String {
        let parsed = try PatchFile(Array(diff.utf8), name: "test.diff")
        try #require(parsed.sections.count == 1)
        return String(decoding: try PatchApplier.apply(parsed.sections[0], to: Array(original.utf8), patchName: "test.diff", path: "f"),
                      as: UTF8.self)
    }

    /// A line starting with a combining mark: `"-" + "\u{301}"` is one `Character`; markers are read as bytes.
    @Test func lineStartingWithACombiningMark() throws {
        let diff = "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n \u{64F}same\n-\u{301}old\n+\u{301}new\n"
        #expect(try apply(diff, to: "\u{64F}same\n\u{301}old\n") == "\u{64F}same\n\u{301}new\n")
    }

    /// CRLF lines: `"\r\n"` is one `Character`; lines are split at LF bytes.
    @Test func crlfLines() throws {
        let diff = "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n keep\r\n-old\r\n+new\r\n"
        #expect(try apply(diff, to: "keep\r\nold\r\n") == "keep\r\nnew\r\n")
    }

    /// Signed or huge numbers in a hunk header overflowed the counting or the offset arithmetic (a trap):
    /// they are a malformed header, or clamped, never a crash.
    @Test(arguments: [
        "--- a/f\n+++ b/f\n@@ -1,-9223372036854775808 +1,1 @@\n x\n",
        "--- a/f\n+++ b/f\n@@ --9223372036854775808,0 +1 @@\n+x\n",
        "--- a/f\n+++ b/f\n@@ -1,+1 +1,1 @@\n x\n",
        "--- a/f\n+++ b/f\n@@ -1,1 +1,2 @@\n c\n+x\n@@ -9223372036854775807,0 +1,1 @@\n+y\n",
    ])
    func hostileHunkNumbersNeverTrap(_ diff: String) {
        if let parsed = try? PatchFile(Array(diff.utf8), name: "test.diff") {
            for section in parsed.sections {
                _ = try? PatchApplier.apply(section, to: Array("a\nb\nc\n".utf8), patchName: "test.diff", path: "f")
            }
        }
    }
}
