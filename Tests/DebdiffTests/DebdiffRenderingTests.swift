@testable import Debdiff
import JSONOutput
import Testing

/// The renderers of a comparison, on values built here: no package is read, no tool runs.
@Suite struct DebdiffRenderingTests {
    static let fileList: FileListComparison.Outcome = (
        text: FileListComparison.bracketHeader + FileListComparison.heading("Files in second .deb but not in first")
            + "-rw-r--r--  root/root   /usr/share/x\n",
        differs: true, gains: ["-rw-r--r--  root/root   /usr/share/x"], losses: [])

    static func binary(control: ControlComparison.Outcome?) -> BinaryComparison {
        BinaryComparison(
            old: ["a_1_all.deb"], new: ["a_2_all.deb"], fromIndex: ["a_1_all.deb"], fileList: fileList,
            pairs: [.init(name: nil, package: "a", oldFile: "a_1_all.deb", newFile: "a_2_all.deb",
                          fieldChanges: [.init(field: "Version", old: "1", new: "2"), .init(field: "Depends", old: nil, new: "b")],
                          control: control, contents: nil)],
            warnings: [])
    }

    @Test func binaryTextIsTheFileListsThenTheControlMembers() {
        let control: ControlComparison.Outcome = (Array("\nControl files: lines which differ (wdiff format)\n".utf8), true, 0)
        let comparison = Self.binary(control: control)
        #expect(comparison.text == Array(Self.fileList.text.utf8) + control.text)
        #expect(comparison.differs)
        #expect(comparison.report.exitStatus == 1)
        #expect(comparison.report.renderText() == .bytes(comparison.text, keeping: []))
    }

    @Test func binaryJSONIsVersionedAndStructured() throws {
        let json = Self.binary(control: nil).json().serialized(pretty: false)
        #expect(json == #"{"schema":1,"old":["a_1_all.deb"],"new":["a_2_all.deb"],"identical":false,"from_index":["a_1_all.deb"],"#
            + #""file_list":{"only_in_new":["-rw-r--r--  root/root   /usr/share/x"],"only_in_old":[]},"#
            + #""packages":[{"package":"a","old":"a_1_all.deb","new":"a_2_all.deb","control":[{"field":"Version","old":"1","new":"2"},"#
            + #"{"field":"Depends","old":null,"new":"b"}],"files":null}]}"#)
    }

    @Test func identicalPackagesExitZero() {
        var comparison = Self.binary(control: ([], false, 0))
        comparison.fileList = ("File lists identical (after any substitutions)\n", false, [], [])
        #expect(!comparison.differs && comparison.report.exitStatus == 0)
        #expect(comparison.json()["identical"] == .bool(true))
    }

    static func source(diffstat: Bool) -> SourceComparison {
        let entry = ExtractedTree.Entry(type: .regular, permissions: 0o644, size: 3, mtime: 0, sha256: "ab", linkTarget: nil)
        return SourceComparison(
            old: .init(dsc: "/p/x_1.dsc", source: "x", version: "1", format: "3.0 (native)", directory: "x-1"),
            new: .init(dsc: "/p/x_2.dsc", source: "x", version: "2", format: "3.0 (native)", directory: "x-2"),
            body: Array("--- x-1/f\n+++ x-2/f\n@@ -1 +1 @@\n-a\n+b\n".utf8),
            differences: [.init(path: "f", status: .changed, old: entry, new: entry, insertions: 1, deletions: 1, hunks: 1,
                                diffstatName: "x-2/f")],
            diffstatTitle: diffstat ? "x-1 x-2" : nil, control: nil, warnings: ["w"])
    }

    @Test func sourceTextPutsTheDiffstatFirst() {
        let plain = Self.source(diffstat: false), withStat = Self.source(diffstat: true)
        #expect(plain.text == plain.body)
        let text = String(decoding: withStat.text, as: UTF8.self)
        #expect(text.hasPrefix("diffstat for x-1 x-2\n\n"))
        #expect(text.hasSuffix(String(decoding: plain.body, as: UTF8.self)))
    }

    @Test func sourceJSONSummarisesTheFiles() {
        let json = Self.source(diffstat: false).json()
        #expect(json["schema"] == .int(1))
        #expect(json["summary"]?.serialized(pretty: false)
            == #"{"added":0,"removed":0,"changed":1,"insertions":1,"deletions":1}"#)
        #expect(json["warnings"] == .array([.string("w")]))
    }

    @Test func locatedPackagesRenderBothWays() {
        let binaries = LocatedPackages.binaries(from: ["a.deb"], to: ["b.deb"])
        #expect(binaries.renderText() == .text("--from\na.deb\n--to\nb.deb\n"))
        #expect(binaries.renderJSON().serialized(pretty: false) == #"{"schema":1,"from":["a.deb"],"to":["b.deb"]}"#)
        #expect(LocatedPackages.sources(old: "a\u{1B}.dsc", new: "b.dsc").renderText() == .text("a\\e.dsc\nb.dsc\n"))
    }
}

extension JSONValue {
    /// A member of an object, for the checks above.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}
