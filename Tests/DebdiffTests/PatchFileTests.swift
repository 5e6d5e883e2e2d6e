@testable import Debdiff
import Testing

/// `PatchFile` and `PatchApplier`: an overflow seen in review while writing fuzz/patch, reproduced with it.
@Suite struct PatchFileTests {
    /// The second hunk's start plus the first hunk's offset overflowed in `PatchApplier` (a trap, not an
    /// error): starts and counts above `Int32.max` are now a malformed hunk header.
    @Test func hugeHunkStartIsRefused() {
        let patch = "--- a/f\n+++ b/f\n@@ -1,1 +1,2 @@\n c\n+x\n@@ -9223372036854775807,0 +1,1 @@\n+y\n"
        #expect(throws: DebdiffError.self) { try PatchFile(Array(patch.utf8), name: "huge.patch") }
    }

    @Test func offsetHunksStillApply() throws {
        let patch = "--- a/f\n+++ b/f\n@@ -1,1 +1,2 @@\n c\n+x\n@@ -2147483647,0 +3,1 @@\n+y\n"
        let parsed = try PatchFile(Array(patch.utf8), name: "offset.patch")
        let section = try #require(parsed.sections.first)
        // The first hunk's context is two lines further down than it says; the second lands at the end.
        let patched = try PatchApplier.apply(section, to: Array("a\nb\nc\n".utf8), patchName: "offset.patch", path: "f")
        #expect(String(decoding: patched, as: UTF8.self) == "a\nb\nc\nx\ny\n")
    }
}
