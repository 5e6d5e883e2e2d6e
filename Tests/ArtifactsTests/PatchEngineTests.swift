import Artifacts
import DebworkTestSupport
import Foundation
import Testing

/// The patch parser (dpkg-source's grammar), the applier (GNU patch as dpkg runs it as the oracle) and
/// the quilt series reader.
@Suite struct PatchEngineTests {
    struct ParseCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        /// A fragment of the error, or nil when it parses.
        var error: String?
        var sections = 0
        var warnings = 0
        var testDescription: String { name }
    }

    static let parseCases: [ParseCase] = [
        ParseCase(name: "DEP-3 header skipped", text: "Description: x\nAuthor: y\n---\n\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", sections: 1),
        ParseCase(name: "two sections, removed line starting with --", text: "--- a/f\n+++ b/f\n@@ -1,2 +1 @@\n--- x\n k\n--- a/g\n+++ b/g\n@@ -0,0 +1 @@\n+n\n", sections: 2),
        ParseCase(name: "+++ first", text: "+++ b/f\n--- a/f\n@@ -1 +1 @@\n-a\n+b\n", error: "expected '--- '"),
        ParseCase(name: "--- at the end", text: "--- a/f\n", error: "finishes in the middle"),
        ParseCase(name: "--- without +++", text: "--- a/f\nfoo\n", error: "is not '+++ '"),
        ParseCase(name: "section without hunk", text: "--- a/f\n+++ b/f\nfoo\n", error: "expected '@@'"),
        ParseCase(name: "bad line in a hunk", text: "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n*b\n", error: "expected [ +-]"),
        ParseCase(name: "hunk short of two context lines", text: "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n+b\n", sections: 1, warnings: 1),
        ParseCase(name: "hunk short of three lines", text: "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-a\n+b\n", error: "unexpected end of diff"),
        ParseCase(name: "C-style name", text: "--- \"a/f\"\n+++ \"b/f\"\n@@ -1 +1 @@\n-a\n+b\n", error: "C-style"),
        ParseCase(name: ".dpkg-orig", text: "--- a/f.dpkg-orig\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", error: ".dpkg-orig"),
        ParseCase(name: "/../ in a name", text: "--- a/../f\n+++ b/../f\n@@ -1 +1 @@\n-a\n+b\n", error: "insecure path"),
        ParseCase(name: "../ as the stripped component", text: "--- ../f\n+++ ../f\n@@ -1 +1 @@\n-a\n+b\n", sections: 1),
        ParseCase(name: "/dev/null twice", text: "--- /dev/null\n+++ /dev/null\n@@ -0,0 +1 @@\n+x\n", error: "none of the file names"),
        ParseCase(name: "no diff at all", text: "just text\n", sections: 0, warnings: 1),
        ParseCase(name: "huge line numbers", text: "--- a/f\n+++ b/f\n@@ -99999999999999999999999,1 +1 @@\n-a\n+b\n", sections: 1),
    ]

    @Test(arguments: parseCases)
    func parsesAsDpkgSource(_ testCase: ParseCase) {
        do {
            let patch = try PatchFile(Array(testCase.text.utf8), name: "p")
            #expect(testCase.error == nil, "parsed, expected \(testCase.error ?? "")")
            #expect(patch.sections.count == testCase.sections)
            #expect(patch.warnings.count == testCase.warnings, "\(patch.warnings)")
        } catch {
            #expect(testCase.error.map { "\(error)".contains($0) } == true, "\(error)")
        }
    }

    struct ApplyCase: Sendable, CustomTestStringConvertible {
        var name: String
        var original: String
        var patch: String
        var testDescription: String { name }
    }

    static let applyCases: [ApplyCase] = [
        ApplyCase(name: "at the stated line", original: "a\nb\nc\n", patch: "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"),
        ApplyCase(name: "offset down", original: "x\ny\nz\na\nb\nc\n", patch: "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"),
        ApplyCase(name: "offset up", original: "a\nb\nc\n", patch: "@@ -7,3 +7,3 @@\n a\n-b\n+B\n c\n"),
        ApplyCase(name: "fuzz refused", original: "a\nb\nc\n", patch: "@@ -1,3 +1,3 @@\n z\n-b\n+B\n c\n"),
        ApplyCase(name: "two hunks, second shifted", original: "1\n2\n3\n4\n5\n6\n7\n8\n9\n", patch: "@@ -1,2 +1,3 @@\n 1\n+1b\n 2\n@@ -6,3 +7,3 @@\n 6\n-7\n+seven\n 8\n"),
        ApplyCase(name: "short trailing context away from the end", original: "1\n2\n3\n4\n5\n6\n7\n8\n9\n", patch: "@@ -1,2 +1,3 @@\n 1\n+1b\n 2\n@@ -6,2 +7,2 @@\n 6\n-7\n+seven\n"),
        ApplyCase(name: "short trailing context at the end", original: "1\n2\n3\n", patch: "@@ -2,2 +2,2 @@\n 2\n-3\n+three\n"),
        ApplyCase(name: "short leading context at the start", original: "1\n2\n3\n", patch: "@@ -1,2 +1,2 @@\n-1\n+one\n 2\n"),
        ApplyCase(name: "short leading context not at the start", original: "0\n1\n2\n3\n", patch: "@@ -1,2 +1,2 @@\n-1\n+one\n 2\n"),
        ApplyCase(name: "no newline at end", original: "a\nb", patch: "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"),
    ]

    /// GNU patch run as dpkg-source runs it is the oracle for ``PatchApplier/Tolerance/offsets``.
    @Test(arguments: applyCases)
    func appliesAsPatchDashF0(_ testCase: ApplyCase) throws {
        let temp = try TemporaryDirectory("apply")
        _ = try temp.write("f", testCase.original)
        let diff = "--- a/f\n+++ b/f\n" + testCase.patch
        let oracle = try runCommand("patch", ["-s", "-t", "-F", "0", "-N", "-p1", "-u", "-V", "never", "-r", "-", "-i", try temp.write("p", diff)],
                                    directory: temp.path)
        let section = try #require(try PatchFile(Array(diff.utf8), name: "p").sections.first)
        let ours = Result { try PatchApplier.apply(section, to: Array(testCase.original.utf8), patchName: "p", path: "f") }
        switch ours {
        case .success(let bytes):
            #expect(oracle.status == 0, "patch refused what debwork applied: \(oracle.stdout)")
            #expect(String(decoding: bytes, as: UTF8.self) == (try String(contentsOfFile: temp.appending("f"), encoding: .utf8)))
        case .failure(let error):
            #expect(oracle.status != 0, "debwork refused what patch applied: \(error)")
        }
        // The stricter tolerance only accepts a hunk where its header says.
        let exact = Result { try PatchApplier.apply(section, to: Array(testCase.original.utf8), tolerance: .exact, patchName: "p", path: "f") }
        if testCase.name.hasPrefix("offset") { #expect(throws: ArtifactError.self) { try exact.get() } }
    }

    @Test func seriesIsReadAsDpkgReadsIt() throws {
        let text = "# comment\n  one.patch  \ntwo.patch -p0\nthree#not-a-comment\nfour.patch # trailing\n\n"
        #expect(try QuiltSeries.patches(in: Array(text.utf8), file: "series") == ["one.patch", "two.patch", "three#not-a-comment", "four.patch"])
        for hostile in ["../x.patch", "a/../x.patch"] {
            #expect(throws: ArtifactError.self) { try QuiltSeries.patches(in: Array(hostile.utf8), file: "series") }
        }
        #expect(try QuiltSeries.patches(in: Array("a..b/x..patch\n".utf8), file: "series") == ["a..b/x..patch"])
    }

    /// Mangled patches (bytes dropped, duplicated, replaced by diff syntax) never trap the parser or the
    /// applier: each either parses and applies or throws.
    @Test func mangledPatchesNeverTrap() {
        var random = SplitMix64(seed: 0x5EED)
        let seed = Array("Subject: x\n--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n+C\n c\n\\ No newline at end of file\n--- /dev/null\n+++ b/g\n@@ -0,0 +1 @@\n+n\n".utf8)
        let pieces = ["@@ -", " +", ",", "@@", "\n", "--- ", "+++ ", "/dev/null", "\\ ", "-", "+", " ", "0", "99999999999999999999", "\t", "\""].map { Array($0.utf8) }
        let original = Array("a\nb\nc\n".utf8)
        var parsed = 0
        for _ in 0..<3000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.insert(contentsOf: pieces.randomElement(using: &random) ?? [], at: at)
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...6, using: &random)))
                default: if at < bytes.count { bytes[at] = UInt8.random(in: 0...127, using: &random) }
                }
            }
            guard let patch = try? PatchFile(bytes, name: "p") else { continue }
            parsed += 1
            for section in patch.sections {
                _ = try? PatchApplier.apply(section, to: original, patchName: "p", path: "f")
                _ = try? PatchApplier.apply(section, to: [], tolerance: .exact, patchName: "p", path: "f")
            }
        }
        #expect(parsed > 100)
    }
}
