import DebworkTestSupport
import Foundation
import Testing

/// A format 1.0 native package (one .tar.gz, no .diff.gz) ports to a new .tar.gz that dpkg-source accepts.
@Suite struct PortFormatOneNativeTests {
    @Test func formatOneNativePortIsAcceptedByDpkgSourceAndDscverify() throws {
        let scratch = try TemporaryDirectory()
        let tree = "dwone-1.0"
        try scratch.write("\(tree)/debian/changelog", """
            dwone (1.0) bookworm-test-unstable; urgency=medium

              * Initial release.

             -- Debwork Fixtures <fixtures@debwork.invalid>  Mon, 06 Jan 2025 10:00:00 +0000

            """)
        try scratch.write("\(tree)/debian/control", """
            Source: dwone
            Section: misc
            Priority: optional
            Maintainer: Debwork Fixtures <fixtures@debwork.invalid>
            Standards-Version: 4.6.2

            Package: dwone
            Architecture: all
            Description: format 1.0 native fixture
             A test package.

            """)
        try scratch.write("\(tree)/debian/source/format", "1.0\n")
        try scratch.write("\(tree)/debian/rules", "#!/usr/bin/make -f\n%:\n\tdh $@\n")
        try scratch.write("\(tree)/hello.sh", "#!/bin/sh\necho hello\n")
        let build = try runCommand("dpkg-source", ["-b", tree], directory: scratch.path)
        try #require(build.status == 0, "dpkg-source -b: \(build.stderr)")
        let dsc = scratch.appending("dwone_1.0.dsc")

        let output = scratch.appending("ports")
        let port = try debwork(["port_ext", "-u", dsc, "bookworm-test-unstable", "--output-dir", output],
                               environment: ["DEBFULLNAME": "Port Er", "DEBEMAIL": "porter@example.org",
                                             "SOURCE_DATE_EPOCH": "1764000000"])
        #expect(port.status == 0, "port_ext: \(port.stderr)")
        let folder = output + "/bookworm-test-unstable"
        let written = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(written == ["dwone_1.0~test12+1.dsc", "dwone_1.0~test12+1.tar.gz", "dwone_1.0~test12+1_source.changes"])

        let extracted = scratch.appending("x")
        let unpack = try runCommand("dpkg-source", ["-x", folder + "/dwone_1.0~test12+1.dsc", extracted])
        #expect(unpack.status == 0, "dpkg-source -x: \(unpack.stderr)")
        let version = try runCommand("dpkg-parsechangelog", ["-l", extracted + "/debian/changelog", "-S", "Version"])
        #expect(version.stdout == "1.0~test12+1\n")
        #expect(FileManager.default.fileExists(atPath: extracted + "/hello.sh"))
        let verify = try runCommand("dscverify", ["-u", "--no-sig-check", folder + "/dwone_1.0~test12+1_source.changes"])
        #expect(verify.status == 0, "dscverify: \(verify.stdout) \(verify.stderr)")
    }
}
