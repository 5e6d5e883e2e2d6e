import DebworkTestSupport
import Foundation
import Testing

/// A source whose top changelog block is UNRELEASED: the port rewrites that block instead of adding one.
@Suite struct PortUnreleasedTests {
    @Test func unreleasedTopBlockIsRewrittenNotStacked() throws {
        let scratch = try TemporaryDirectory()
        let tree = "dwdraft-0.2"
        try scratch.write("\(tree)/debian/changelog", """
            dwdraft (0.2) UNRELEASED; urgency=medium

              * Work in progress.

             -- Draft Author <draft@example.org>  Tue, 07 Jan 2025 10:00:00 +0000

            dwdraft (0.1) bookworm-test-unstable; urgency=medium

              * Initial release.

             -- Debwork Fixtures <fixtures@debwork.invalid>  Mon, 06 Jan 2025 10:00:00 +0000

            """)
        try scratch.write("\(tree)/debian/control", """
            Source: dwdraft
            Section: misc
            Priority: optional
            Maintainer: Debwork Fixtures <fixtures@debwork.invalid>
            Standards-Version: 4.6.2

            Package: dwdraft
            Architecture: all
            Description: UNRELEASED fixture
             A test package.

            """)
        try scratch.write("\(tree)/debian/source/format", "3.0 (native)\n")
        try scratch.write("\(tree)/debian/rules", "#!/usr/bin/make -f\n%:\n\tdh $@\n")
        let build = try runCommand("dpkg-source", ["-b", tree], directory: scratch.path)
        try #require(build.status == 0, "dpkg-source -b: \(build.stderr)")

        let output = scratch.appending("ports")
        let port = try debwork(["port_ext", "-u", scratch.appending("dwdraft_0.2.dsc"), "bookworm-test-unstable", "--output-dir", output],
                               environment: ["DEBFULLNAME": "Port Er", "DEBEMAIL": "porter@example.org", "SOURCE_DATE_EPOCH": "1764000000"])
        #expect(port.status == 0, "port_ext: \(port.stderr)")
        let extracted = scratch.appending("x")
        let unpack = try runCommand("dpkg-source", ["-x", output + "/bookworm-test-unstable/dwdraft_0.2~test12+1.dsc", extracted])
        #expect(unpack.status == 0, "\(unpack.stderr)")
        let all = try runCommand("dpkg-parsechangelog", ["-l", extracted + "/debian/changelog", "--format", "rfc822", "--all"])
        let versions = all.stdout.split(separator: "\n").filter { $0.hasPrefix("Version: ") }
        // The UNRELEASED 0.2 block became the port's block: two blocks, not three.
        #expect(versions == ["Version: 0.2~test12+1", "Version: 0.1"], "versions: \(versions)")
        let distribution = try runCommand("dpkg-parsechangelog", ["-l", extracted + "/debian/changelog", "-S", "Distribution"])
        #expect(distribution.stdout == "bookworm-test-unstable\n")
        let changes = try String(contentsOfFile: extracted + "/debian/changelog", encoding: .utf8)
        #expect(changes.contains("  * Work in progress.\n"), "the draft's items are kept")
        #expect(changes.contains("Automated port via mini-buildd"))
    }
}
