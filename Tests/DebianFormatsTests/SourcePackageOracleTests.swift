import DebianFormats
import DebworkTestSupport
import Foundation
import Testing

/// Builds a small source package with dpkg-source and dpkg-genchanges and reads the results back: the .dsc
/// and .changes fields, checksums against md5sum/sha1sum/sha256sum, and the Changes field against
/// `Changelog.entries(since:)`.
struct SourcePackageOracleTests {
    static let changelog = """
        hello (1.1) unstable; urgency=low

          * Second release, with a long item that dpkg-genchanges copies verbatim into
            the Changes field. Closes: #1001, #1002

         -- A B <a@example.org>  Wed, 25 Nov 2026 16:25:01 +0000

        hello (1.0) unstable; urgency=high

          * Middle release. Closes: #1000

         -- A B <a@example.org>  Tue, 24 Nov 2026 10:00:00 +0100

        hello (0.9) unstable; urgency=medium

          * Initial release.

         -- A B <a@example.org>  Mon, 23 Nov 2026 10:00:00 +0000

        """

    @Test func dscAndChangesFromDpkgTools() throws {
        try #require(Process.find("dpkg-source") != nil && Process.find("dpkg-genchanges") != nil)
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("srcpkg-\(UUID().uuidString)")
        let tree = dir.appendingPathComponent("hello-1.1")
        try fm.createDirectory(at: tree.appendingPathComponent("debian/source"), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        try """
            Source: hello
            Section: devel
            Priority: optional
            Maintainer: A B <a@example.org>

            Package: hello
            Architecture: all
            Description: test
             test package

            """.write(to: tree.appendingPathComponent("debian/control"), atomically: true, encoding: .utf8)
        try Self.changelog.write(to: tree.appendingPathComponent("debian/changelog"), atomically: true, encoding: .utf8)
        try "3.0 (native)\n".write(to: tree.appendingPathComponent("debian/source/format"), atomically: true,
                                   encoding: .utf8)
        try "hi\n".write(to: tree.appendingPathComponent("README"), atomically: true, encoding: .utf8)
        let build = try Process.run("sh", ["-c", """
            cd "$1" && dpkg-source -b hello-1.1 && cd hello-1.1 && dpkg-genchanges -S -v0.9 -O../hello_1.1_source.changes
            """, "sh", dir.path])
        try #require(build.status == 0, "\(build.stderrText)")

        let dscPath = dir.appendingPathComponent("hello_1.1.dsc").path
        let dscBytes = try #require(fm.contents(atPath: dscPath))
        let dsc = try Deb822Document.parse(bytes: Array(dscBytes), file: dscPath)
        let source = try #require(dsc.paragraphs.first)
        #expect(SourceFormat(source["Format"] ?? "") == .native)
        #expect(try DebianVersion(source["Version"] ?? "").description == "1.1")
        #expect(try PackageList.parse(source, file: dscPath)
                == [PackageListEntry(package: "hello", type: "deb", section: "devel", priority: "optional",
                                     attributes: ["arch": "all"])])
        let dscSums = try ChecksumField.parse(source, file: dscPath)
        #expect(Set(dscSums.keys) == [.md5, .sha1, .sha256])
        try Self.verify(dscSums, in: dir)

        let changesPath = dir.appendingPathComponent("hello_1.1_source.changes").path
        let changesBytes = try #require(fm.contents(atPath: changesPath))
        let changesDoc = try Deb822Document.parse(bytes: Array(changesBytes), file: changesPath)
        let changes = try #require(changesDoc.paragraphs.first)
        let sums = try ChecksumField.parse(changes, file: changesPath, changesFiles: true)
        #expect(sums[.md5]?.map(\.name) == ["hello_1.1.dsc", "hello_1.1.tar.xz"])
        #expect(sums[.md5]?.allSatisfy { $0.section == "devel" && $0.priority == "optional" } == true)
        try Self.verify(sums, in: dir)

        let log = try Changelog.parse(Self.changelog, file: "debian/changelog")
        let selected = log.entries(since: "0.9")
        #expect(selected.map(\.version) == ["1.1", "1.0"])
        let decoded = ChangelogOracle.DpkgEntry(fields: changes).changes
        #expect(decoded == selected.map(\.dpkgChanges).joined(separator: "\n"))
        #expect(changes["Closes"] == Array(Set(selected.flatMap(\.closes))).sorted().map(String.init).joined(separator: " "))
        #expect(changes["Date"] == log.entries[0].date)
        #expect(changes["Changed-By"] == log.entries[0].maintainer)
        #expect(changes["Distribution"] == log.entries[0].distributions.joined(separator: " "))
    }

    /// Every listed file exists with that size and the hash the coreutils tool computes.
    static func verify(_ sums: [ChecksumAlgorithm: [ChecksumEntry]], in dir: URL) throws {
        let tools: [ChecksumAlgorithm: String] = [.md5: "md5sum", .sha1: "sha1sum", .sha256: "sha256sum",
                                                  .sha512: "sha512sum"]
        for (algorithm, entries) in sums {
            for entry in entries {
                let path = dir.appendingPathComponent(entry.name).path
                let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
                #expect(size.map(Int64.init) == entry.size, "\(entry.name)")
                let out = try Process.run(tools[algorithm] ?? "false", [path])
                #expect(out.stdoutText.split(separator: " ").first.map(String.init) == entry.hash,
                        "\(algorithm) of \(entry.name)")
            }
        }
    }
}
