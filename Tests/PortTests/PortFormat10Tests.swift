import DebworkTestSupport
import Foundation
@testable import Port
import Testing

/// Format 1.0 ports: the new .diff.gz is the old one with only the debian/changelog patch replaced.
@Suite struct PortFormat10Tests {
    @Test func newDiffDiffersOnlyInTheChangelogPatch() throws {
        let temp = try TemporaryDirectory("port-1.0")
        let result = try #require(try PortFixture.port(Fixtures.path("packages/dwold_2.0-2.dsc"), targets: ["bullseye-test-unstable"],
                                                      mode: .external(from: "x"), output: temp.appending("out")).first)
        #expect(result.files.map { ($0 as NSString).lastPathComponent }
                == ["dwold_2.0-2~test11+1.dsc", "dwold_2.0.orig.tar.gz", "dwold_2.0-2~test11+1.diff.gz"])
        let newPath = result.directory + "/dwold_2.0-2~test11+1.diff.gz"
        // A gzip stream as `gzip -n` writes it: no modification time in the header.
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: newPath)))
        #expect(Array(bytes.prefix(2)) == [0x1f, 0x8b])
        #expect(Array(bytes[4..<8]) == [0, 0, 0, 0])
        let old = try PortFixture.tool("gzip", ["-dc", Fixtures.path("packages/dwold_2.0-2.diff.gz")])
        let new = try PortFixture.tool("gzip", ["-dc", newPath])
        #expect(new.status == 0, "\(new.stderr)")
        let oldPatches = try DiffGzFile.parse(old.stdout, file: "old").patches
        let newPatches = try DiffGzFile.parse(new.stdout, file: "new").patches
        #expect(oldPatches.map(\.path) == newPatches.map(\.path))
        for (before, after) in zip(oldPatches, newPatches) where before.path != "debian/changelog" {
            #expect(before.text == after.text)
        }
        let changelog = try #require(newPatches.first { $0.path == "debian/changelog" })
        #expect(changelog.oldLabel == "dwold-2.0.orig/debian/changelog")
        #expect(changelog.newLabel == "dwold-2.0/debian/changelog")
        #expect(changelog.hunks.count == 1)
        #expect(changelog.hunks.first?.hasPrefix("@@ -0,0 +1,22 @@\ndwold (2.0-2~test11+1) bullseye-test-unstable; urgency=medium\n".replacingOccurrences(of: "\ndwold", with: "\n+dwold")) == true)
        // The rest of the new changelog is the old one.
        let oldChangelog = try #require(oldPatches.first { $0.path == "debian/changelog" })
        #expect(changelog.createdText.hasSuffix("\n\n" + oldChangelog.createdText))
    }

    @Test func parserCountsHunkLines() throws {
        // A removed line starting with "-- " looks like a file header; the counts say it is not.
        let text = """
            --- a/x
            +++ b/x
            @@ -1,2 +1 @@
            --- not a header
             kept
            --- a/y
            +++ b/y
            @@ -0,0 +1 @@
            +new
            \\ No newline at end of file

            """
        let patches = try DiffGzFile.parse(text, file: "t").patches
        #expect(patches.map(\.path) == ["x", "y"])
        #expect(patches.map(\.creates) == [false, true])
        #expect(patches.map(\.text).joined() == text)
        #expect(throws: PortError.self) { try DiffGzFile.parse("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n", file: "t") }
        #expect(throws: PortError.self) { try DiffGzFile.parse("garbage\n", file: "t") }
        #expect(throws: PortError.self) {
            try DiffGzFile.parse(text, file: "t").replacingCreatedFile("x", with: "z\n", file: "t")
        }
    }
}

/// `DiffGzFile` on the inputs that broke `Artifacts.UnifiedDiff` under fuzz/unified-diff (the same code shape),
/// reproduced with fuzz/diff-gz: markers are bytes, counts unsigned.
@Suite struct DiffGzFileParsingTests {
    /// `"+" + "\u{301}"` is one `Character` and `"\r\n"` is one `Character`: such lines were refused or joined.
    /// Found by fuzz/diff-gz: a diff with text outside its file patches (a DEP-3 preamble) parsed, and the port
    /// would have written it back without that text. It is refused instead.
    @Test func textOutsideTheFilePatchesIsRefused() throws {
        let diff = "Description: a preamble\n---\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n"
        #expect(throws: PortError.self) { try DiffGzFile.parse(diff, file: "x.diff.gz") }
        #expect(try DiffGzFile.parse(String(diff.dropFirst("Description: a preamble\n---\n".count)), file: "x.diff.gz").patches.count == 1)
    }

    @Test func combiningMarksAndCRLFLinesAreWrittenBackAsTheyWere() throws {
        let text = "--- a/debian/changelog\n+++ b/debian/changelog\n@@ -0,0 +1,2 @@\n+\u{301}first\r\n+second\r\n"
            + "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n \u{64F}same\n-\u{301}old\n+\u{301}new\n"
        let diff = try DiffGzFile.parse(text, file: "test.diff")
        #expect(diff.patches.map(\.path) == ["debian/changelog", "x"])
        #expect(diff.patches.map(\.text).joined() == text)
        #expect(diff.patches[0].createdText == "\u{301}first\r\nsecond\r\n")
    }

    /// A negative count overflowed `old -= 1` (a trap, not an error).
    @Test(arguments: [
        "--- a/f\n+++ b/f\n@@ -1,-9223372036854775808 +1,1 @@\n-x\n",
        "--- a/f\n+++ b/f\n@@ -1,1 +1,-1 @@\n x\n",
    ])
    func signedCountsAreRefused(_ text: String) {
        #expect(throws: PortError.self) { try DiffGzFile.parse(text, file: "test.diff") }
    }
}
