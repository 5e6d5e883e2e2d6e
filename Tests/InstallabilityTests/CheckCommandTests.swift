import DebworkTestSupport
import Foundation
import Testing

/// `debwork check` end to end on a generated dists tree: exit codes, the JSON list, the sources filter.
struct CheckCommandTests {
    /// dists/test with main (amd64, gzip) and contrib (amd64 plain, binary-all separate).
    static func makeTree(_ directory: TemporaryDirectory) throws -> String {
        try directory.write("dists/test/Release", """
            Codename: test
            Components: main contrib
            Architectures: amd64 all

            """)
        let main = SyntheticCase.stanza("good", "1.0-1", [("Depends", "lib1 (>= 1.0)")])
            + SyntheticCase.stanza("lib1", "1.0-2", [("Source", "lib")])
            + SyntheticCase.stanza("bad", "2:0.1", [("Source", "badsrc (2:0.1-1)"), ("Depends", "lib1 (>= 2)")])
        let plain = try directory.write("dists/test/main/binary-amd64/Packages", main)
        let gzip = try runCommand("gzip", ["-n", plain])
        guard gzip.status == 0 else { throw TestSupportError("gzip: \(gzip.stderr)") }
        try directory.write("dists/test/contrib/binary-amd64/Packages", SyntheticCase.stanza("extra", [("Depends", "good")]))
        try directory.write("dists/test/contrib/binary-all/Packages",
                            SyntheticCase.stanza("docs", arch: "all", [("Depends", "absent-viewer")]))
        return directory.appending("dists/test")
    }

    @Test func incomingAsksBritneysQuestion() throws {
        let directory = try TemporaryDirectory("check-incoming")
        let tree = try Self.makeTree(directory)
        // lib 2.0 replaces lib1 by lib2: good, and extra through it, break; bad was broken before.
        let breaking = try directory.write("breaking", SyntheticCase.stanza("lib2", "2.0-1", [("Source", "lib")]))
        let refused = try debwork(["check", tree, "-a", "amd64", "--incoming", breaking, "-J"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stdout.contains("\"checked\": 3,"), "\(refused.stdout)")
        let text = try debwork(["check", tree, "-a", "amd64", "--incoming", breaking])
        #expect(text.stdout == """
            regression: extra 1 amd64: good 1.0-1 depends on 'lib1 (>= 1.0)', which no package provides; through: extra 1 depends on 'good'
            regression: good 1.0-1 amd64: good 1.0-1 depends on 'lib1 (>= 1.0)', which no package provides
            amd64: 2 regressions, 0 migrated binaries not installable (3 binaries checked)

            """)
        let rebuilt = try directory.write("rebuilt", SyntheticCase.stanza("lib1", "1.0-2+b1", [("Source", "lib")]))
        let accepted = try debwork(["check", tree, "-a", "amd64", "--incoming", rebuilt])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout == "amd64: 0 regressions, 0 migrated binaries not installable (3 binaries checked)\n")
    }

    @Test func reportsUninstallableBinariesAsJSON() throws {
        let directory = try TemporaryDirectory("check")
        let tree = try Self.makeTree(directory)
        let result = try debwork(["check", tree, "-J"])
        #expect(result.status == 1, "\(result.stderr)")
        // The list issue #12 specifies, without a "schema" key (docs/JSON.md).
        #expect(result.stdout == """
            [
              {
                "package": "bad",
                "version": "2:0.1",
                "architecture": "amd64",
                "reason": "bad 2:0.1 depends on 'lib1 (>= 2)', which no package provides (available: lib1 1.0-2)"
              },
              {
                "package": "docs",
                "version": "1",
                "architecture": "all",
                "reason": "docs 1 depends on 'absent-viewer', which no package provides"
              }
            ]

            """)
    }

    @Test func sourcesFilterAndExitStatus() throws {
        let directory = try TemporaryDirectory("check")
        let tree = try Self.makeTree(directory)
        let installable = try debwork(["check", tree, "lib", "good", "-a", "amd64"])
        #expect(installable.status == 0, "\(installable.stdout)\(installable.stderr)")
        #expect(installable.stdout == "amd64: 0 of 2 binaries not installable\n")
        let broken = try debwork(["check", tree, "badsrc"])
        #expect(broken.status == 1)
        #expect(broken.stdout.hasPrefix("bad 2:0.1 amd64: bad 2:0.1 depends on 'lib1 (>= 2)'"))
    }

    @Test func packagesFilesDirectly() throws {
        let directory = try TemporaryDirectory("check")
        let tree = try Self.makeTree(directory)
        let result = try debwork(["check", "--packages", tree + "/main/binary-amd64/Packages.gz",
                                  "--packages", tree + "/contrib/binary-amd64/Packages", "-a", "amd64", "-J"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"package\": \"bad\"") && !result.stdout.contains("\"docs\""))
    }

    @Test func missingDistributionIsAnError() throws {
        let directory = try TemporaryDirectory("check")
        let result = try debwork(["check", directory.path + "/dists/none"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no Release file"))
        #expect(try debwork(["check"]).status == 64)
    }

    @Test func anIndexedDistributionByName() throws {
        let index = try #require(FixtureIndexFile.path)
        let directory = Fixtures.path("repo/dists/bookworm-test-unstable")
        let byName = try debwork(["check", "bookworm-test-unstable", "-J"], index: index)
        let byPath = try debwork(["check", directory, "-J"])
        #expect(byName.status == byPath.status && byName.status != 2, "\(byName.stderr)")
        #expect(byName.stdout == byPath.stdout)
        #expect(byName.stdout.hasPrefix("[\n  {\n    \"package\": "))
        let unknown = try debwork(["check", "no-such-dist"], index: index)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no distribution 'no-such-dist' in the index"))
    }
}
