import Artifacts
import DebworkTestSupport
import Digest
import Foundation
import Testing

/// `dpkg-source -x --skip-patches` and `dpkg-parsechangelog` are the oracles for source packages.
@Suite struct SourceReaderTests {
    static let dscs = Fixtures.files(in: "packages", suffix: ".dsc")

    @Test func fixturesExist() {
        #expect(Self.dscs.count >= 7)
    }

    @Test(arguments: dscs)
    func treeMatchesDpkgSource(_ path: String) throws {
        let package = try SourceReader().read(path: path)
        let scratch = try TemporaryDirectory()
        let extracted = scratch.appending("tree")
        let result = try runCommand("dpkg-source", ["--no-check", "--skip-patches", "-x", path, extracted])
        #expect(result.status == 0, "dpkg-source -x: \(result.stderr)")

        #expect(TreeListing.of(package, modes: true) == (try TreeListing.onDisk(extracted, modes: true)))
    }

    @Test(arguments: dscs)
    func changelogMatchesDpkgParsechangelog(_ path: String) throws {
        let package = try SourceReader().read(path: path)
        let changelog = try #require(package.changelog)
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("changelog", package.changelogText ?? "")
        for (field, value) in [("Version", changelog.entries.first?.version), ("Source", changelog.entries.first?.source),
                               ("Maintainer", changelog.entries.first?.maintainer)] {
            let oracle = try runCommand("dpkg-parsechangelog", ["-l", file, "-S", field]).stdout
            #expect(oracle.trimmingCharacters(in: .newlines) == value, "\(field) of \(path)")
        }
        #expect(package.version == changelog.entries.first?.version)
    }

    @Test func quiltSeriesAndComponentsAreRead() throws {
        let package = try SourceReader().read(path: Fixtures.path("packages/dwhello_1.1-1.dsc"))
        #expect(package.format == "3.0 (quilt)")
        let patched = try SourceReader().read(path: Fixtures.path("packages/dwhello_1.0-2.dsc"))
        #expect(!patched.series.isEmpty)
        #expect(patched.tree.contains { $0.path == "debian/patches/" + (patched.series.first ?? "") })
        #expect(package.tree.contains { $0.path.hasPrefix("extra/") }, "orig-extra component unpacked under extra/")
        #expect(package.controlText?.contains("Source: dwhello") == true)
        #expect(package.files.map(\.name).sorted() == ["dwhello_1.1-1.debian.tar.xz", "dwhello_1.1.orig-extra.tar.xz", "dwhello_1.1.orig.tar.xz"])
    }

    @Test func missingOrigIsAWarningNotAFailure() throws {
        let scratch = try TemporaryDirectory()
        let dsc = try scratch.copy(Fixtures.path("packages/dwhello_1.0-2.dsc"))
        try scratch.copy(Fixtures.path("packages/dwhello_1.0-2.debian.tar.xz"))
        let package = try SourceReader().read(path: dsc)
        #expect(package.tree.isEmpty)
        #expect(package.warnings.contains { $0.contains("dwhello_1.0.orig.tar.gz") })
    }
}
