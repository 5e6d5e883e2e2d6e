import Artifacts
import DebianFormats
import DebworkTestSupport
import Digest
import Foundation
import Testing

/// `dpkg-source -x` (patches applied) is the oracle for the engine's patched tree: the listing sink,
/// which keeps no file's bytes but those it is told to retain, gives the tree dpkg-source makes.
@Suite struct SourceUnpackerOracleTests {
    static let dscs = Fixtures.files(in: "packages", suffix: ".dsc")

    @Test(arguments: dscs)
    func patchedTreeMatchesDpkgSource(_ path: String) throws {
        let package = try SourceReader(applyPatches: true).read(path: path)
        let scratch = try TemporaryDirectory()
        let extracted = scratch.appending("tree")
        let result = try runCommand("dpkg-source", ["-x", path, extracted])
        #expect(result.status == 0, "dpkg-source -x: \(result.stderr)")

        #expect(TreeListing.of(package, modes: false) == (try TreeListing.onDisk(extracted, modes: false)))
    }

    /// `3.0  (quilt)` (two spaces) is quilt to dpkg-source and to the plan.
    @Test func formatIsReadAsDpkgReadsIt() throws {
        let package = try SourceReader(unpack: false).read(path: Fixtures.path("packages/dwhello_1.0-2.dsc"))
        var spaced = package
        spaced.dsc = try #require(try Deb822Document.parse(
            package.dscText.replacingOccurrences(of: "Format: 3.0 (quilt)", with: "Format: 3.0  (quilt)"), file: "dsc").paragraphs.first)
        let plan = try SourceUnpackPlan(package: spaced, dscPath: Fixtures.path("packages/dwhello_1.0-2.dsc"))
        #expect(plan.format == .quilt)
        #expect(plan.steps.last == .quiltSeries)
    }
}
