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

    /// Orig tarballs with and without one top directory: dpkg-source drops the top directory only when it is
    /// the tarball's one top-level entry (`Dpkg::Source::Archive::extract`); otherwise members keep their paths.
    @Test(arguments: [
        ["-C", "tree", "."],                        // ./README, ./src/a.c: no top directory
        ["-C", "tree", "README", "src"],            // README, src/a.c
        ["-C", "top", "tiny-1.0"],                  // the usual layout
        ["-C", "top", "other-name"],                // one top directory under another name
        ["-C", "tree", "README"],                   // one top-level file
        ["-C", "top", "tiny-1.0", "other-name"],    // two top directories
    ])
    func origTarballLayoutsMatchDpkgSource(_ tarArguments: [String]) throws {
        let scratch = try TemporaryDirectory()
        for root in ["tree", "top/tiny-1.0", "top/other-name"] {
            try scratch.write(root + "/README", "hello\n")
            try scratch.write(root + "/src/a.c", "int main(void) { return 0; }\n")
        }
        let orig = scratch.appending("build/tiny_1.0.orig.tar.gz")
        try FileManager.default.createDirectory(atPath: scratch.appending("build"), withIntermediateDirectories: true)
        let tar = try runCommand("tar", ["-czf", orig, "-C", scratch.appending(tarArguments[1])] + tarArguments.dropFirst(2))
        #expect(tar.status == 0, "\(tar.stderr)")
        // The tree dpkg-source -b compares with the orig tarball (this dpkg-source cannot unpack a bare tarball).
        let source = scratch.appending("build/tiny-1.0")
        let unpack = try runCommand("/bin/sh", ["-c", """
            set -e; mkdir "$2.tmp"; tar -xzf "$1" -C "$2.tmp"
            if [ "$(ls -A "$2.tmp" | wc -l)" = 1 ] && [ -d "$2.tmp"/* ] && [ ! -L "$2.tmp"/* ]; then mv "$2.tmp"/* "$2"; rmdir "$2.tmp"
            else mv "$2.tmp" "$2"; fi
            """, "sh", orig, source])
        #expect(unpack.status == 0, "\(unpack.stderr)")
        try scratch.write("build/tiny-1.0/debian/source/format", "3.0 (quilt)\n")
        try scratch.write("build/tiny-1.0/debian/control", "Source: tiny\nMaintainer: A <a@example.invalid>\n\nPackage: tiny\nArchitecture: all\nDescription: x\n y\n")
        try scratch.write("build/tiny-1.0/debian/changelog", "tiny (1.0-1) unstable; urgency=low\n\n  * x\n\n -- A <a@example.invalid>  Mon, 01 Jan 2024 00:00:00 +0000\n")
        let build = try runCommand("dpkg-source", ["-b", "tiny-1.0"], directory: scratch.appending("build"))
        #expect(build.status == 0, "dpkg-source -b: \(build.stderr)")
        let dsc = scratch.appending("build/tiny_1.0-1.dsc")
        let extracted = scratch.appending("extracted")
        let result = try runCommand("dpkg-source", ["-x", dsc, extracted])
        #expect(result.status == 0, "dpkg-source -x: \(result.stderr)")
        let package = try SourceReader(applyPatches: true).read(path: dsc)
        #expect(TreeListing.of(package, modes: false) == (try TreeListing.onDisk(extracted, modes: false)), "\(tarArguments)")
    }
}
