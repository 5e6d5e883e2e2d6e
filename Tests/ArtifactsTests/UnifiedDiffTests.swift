@testable import Artifacts
import Testing

/// The 1.0 `.diff.gz` parser and applier on inputs from fuzz/unified-diff: the combining mark was found by the
/// fuzzer; CRLF and the signed numbers by review while writing the target (reproduced with its binary).
@Suite struct UnifiedDiffTests {
    func apply(_ diff: String, to original: String) throws -> String {
        let parsed = try UnifiedDiff.parse(diff, file: "test.diff")
        try #require(parsed.files.count == 1)
        return String(decoding: try UnifiedDiff.apply(parsed.files[0], to: Array(original.utf8), file: "test.diff"),
                      as: UTF8.self)
    }

    /// A line starting with a combining mark: `"-" + "\u{301}"` is one `Character`, so the marker was not
    /// seen and the hunk was refused ("unexpected line in hunk").
    @Test func lineStartingWithACombiningMark() throws {
        let diff = "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n \u{64F}same\n-\u{301}old\n+\u{301}new\n"
        #expect(try apply(diff, to: "\u{64F}same\n\u{301}old\n") == "\u{64F}same\n\u{301}new\n")
    }

    /// CRLF lines: `"\r\n"` is one `Character`, so splitting the text at `"\n"` characters joined them.
    @Test func crlfLines() throws {
        let diff = "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n keep\r\n-old\r\n+new\r\n"
        #expect(try apply(diff, to: "keep\r\nold\r\n") == "keep\r\nnew\r\n")
    }

    /// Signed numbers in the hunk header overflowed the counting (a trap, not an error).
    @Test(arguments: [
        "--- a/f\n+++ b/f\n@@ -1,-9223372036854775808 +1,1 @@\n x\n",
        "--- a/f\n+++ b/f\n@@ --9223372036854775808,0 +1 @@\n+x\n",
        "--- a/f\n+++ b/f\n@@ -1,+1 +1,1 @@\n x\n",
    ])
    func signedHunkNumbersAreRefused(_ diff: String) {
        #expect(throws: ArtifactError.self) { try UnifiedDiff.parse(diff, file: "test.diff") }
    }
}
