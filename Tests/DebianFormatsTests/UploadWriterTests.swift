import DebianFormats
import DebworkTestSupport
import Foundation
import Testing

/// The .dsc and .changes writers reproduce what dpkg-source and dpkg-genchanges wrote for the fixtures.
@Suite struct UploadWriterTests {
    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(path))), as: UTF8.self)
    }

    static func files(_ paragraph: Deb822Paragraph, file: String) throws -> [UploadFile] {
        let fields = try ChecksumField.parse(paragraph, file: file, changesFiles: paragraph["Format"] == "1.8")
        return (fields[.md5] ?? []).map { entry in
            UploadFile(name: entry.name, size: entry.size, md5: entry.hash,
                       sha1: fields[.sha1]?.first { $0.name == entry.name }?.hash ?? "",
                       sha256: fields[.sha256]?.first { $0.name == entry.name }?.hash ?? "")
        }
    }

    @Test(arguments: ["packages/dwhello_1.0-2.dsc", "packages/dwhello_1.1-1.dsc", "packages/dwold_2.0-2.dsc",
                      "packages/dwnative_0.4.dsc", "packages/dwepoch_2.0-1.dsc"])
    func dscRewriteWithTheSameFilesIsByteIdentical(_ path: String) throws {
        let text = try Self.read(path)
        let paragraph = try #require(try Deb822Document.parse(text, file: path).paragraphs.first)
        let rewritten = UploadWriter.dsc(from: paragraph, version: paragraph["Version"] ?? "", files: try Self.files(paragraph, file: path))
        #expect(rewritten == text)
    }

    @Test func dscRewriteChangesOnlyVersionAndChecksums() throws {
        let text = try Self.read("packages/dwhello_1.0-2.dsc")
        let paragraph = try #require(try Deb822Document.parse(text, file: "x").paragraphs.first)
        let file = UploadFile(name: "dwhello_1.0-2~test11+1.debian.tar.xz", size: 9, md5: "m", sha1: "s1", sha256: "s2")
        let rewritten = UploadWriter.dsc(from: paragraph, version: "1.0-2~test11+1", files: [file])
        #expect(rewritten.contains("Version: 1.0-2~test11+1\n"))
        #expect(rewritten.hasSuffix("Files:\n m 9 dwhello_1.0-2~test11+1.debian.tar.xz\n"))
        #expect(rewritten.contains("Package-List:\n dwhello deb misc optional arch=amd64\n"))
    }

    @Test func sourceOnlyChangesMatchesDpkgGenchanges() throws {
        let expected = try Self.read("uploads/dwhello_1.0-2_source.changes")
        let changes = try #require(try Deb822Document.parse(expected, file: "c").paragraphs.first)
        let dsc = try #require(try Deb822Document.parse(try Self.read("packages/dwhello_1.0-2.dsc"), file: "d").paragraphs.first)
        let scratch = try TemporaryDirectory()
        let tree = scratch.appending("tree")
        #expect(try runCommand("dpkg-source", ["--no-check", "-x", Fixtures.path("packages/dwhello_1.0-2.dsc"), tree]).status == 0)
        let changelog = try Changelog.parse(String(contentsOfFile: tree + "/debian/changelog", encoding: .utf8), file: "changelog")
        let top = try #require(changelog.entries.first)
        let upload = UploadWriter.SourceChanges(
            source: "dwhello", version: top.version, distribution: top.distributions.joined(separator: " "),
            urgency: top.urgency, date: top.date, maintainer: dsc["Maintainer"] ?? "", changedBy: top.maintainer,
            entries: Array(changelog.entries(since: "1.0-1")), section: "misc", priority: "optional")
        #expect(UploadWriter.changes(upload, files: try Self.files(changes, file: "c")) == expected)
    }

    @Test func changesCoveringTwoBlocksAndExtraFieldsMatchDpkgGenchanges() throws {
        let scratch = try TemporaryDirectory()
        for name in ["dwhello_1.0.orig.tar.gz", "dwhello_1.0-2.dsc", "dwhello_1.0-2.debian.tar.xz"] {
            try scratch.copy(Fixtures.path("packages/" + name))
        }
        let tree = scratch.appending("dwhello-1.0")
        #expect(try runCommand("dpkg-source", ["--no-check", "-x", scratch.appending("dwhello_1.0-2.dsc"), tree]).status == 0)
        let oracle = try runCommand("dpkg-genchanges", ["-S", "-sa", "-v0", "-DX-Mini-Buildd-Originally-Changed-By=A B <a@b>"],
                                    directory: tree)
        #expect(oracle.status == 0, "\(oracle.stderr)")
        let expected = try #require(try Deb822Document.parse(oracle.stdout, file: "o").paragraphs.first)
        let changelog = try Changelog.parse(String(contentsOfFile: tree + "/debian/changelog", encoding: .utf8), file: "changelog")
        let top = try #require(changelog.entries.first)
        let dsc = try #require(try Deb822Document.parse(try Self.read("packages/dwhello_1.0-2.dsc"), file: "d").paragraphs.first)
        let upload = UploadWriter.SourceChanges(
            source: "dwhello", version: top.version, distribution: top.distributions.joined(separator: " "),
            urgency: top.urgency, date: top.date, maintainer: dsc["Maintainer"] ?? "", changedBy: top.maintainer,
            entries: Array(changelog.entries(since: "0")), section: "misc", priority: "optional",
            extraFields: [("X-Mini-Buildd-Originally-Changed-By", "A B <a@b>")])
        #expect(UploadWriter.changes(upload, files: try Self.files(expected, file: "o")) == oracle.stdout)
    }
}
