import DebianFormats
import DebworkTestSupport
import Foundation
import MiniBuildd
import Testing

/// The version algorithms of the reference (mini-buildd 2.x), as a table.
@Suite struct PortVersionTests {
    static let unstable12 = PortVersion(identity: "test", codeversion: "12", experimental: false)
    static let unstable11 = PortVersion(identity: "test", codeversion: "11", experimental: false)
    static let experimental12 = PortVersion(identity: "test", codeversion: "12", experimental: true)

    @Test(arguments: [
        ("1.2.3-1~test12+1", "1.2.3-1~test11+1"),
        ("1.2.3-1~test12+3", "1.2.3-1~test11+3"),
        ("1.2.3-1~test12+2+hotfix1", "1.2.3-1~test11+2+hotfix1"),
        ("1.2.3-1", "1.2.3-1~test11+1"),
        ("2:1.2.3-1~test12+1", "2:1.2.3-1~test11+1"),
        ("1.2.3-1~test12+10", "1.2.3-1~test11+10"),   // the single-digit quirk
    ])
    func internalPortFromBookwormToBullseye(_ version: String, _ expected: String) {
        #expect(PortVersion.internalPort(version, from: Self.unstable12, to: Self.unstable11) == expected)
    }

    @Test func experimentalAppendixIsPlusZero() {
        #expect(Self.experimental12.defaultAppendix == "~test12+0")
        #expect(PortVersion.externalPort("1.2-3", to: Self.experimental12) == "1.2-3~test12+0")
        // experimental -> unstable keeps +0, which unstable's mandatory regex rejects: callers must warn.
        let ported = PortVersion.internalPort("1.0-1~test12+0", from: Self.experimental12, to: Self.unstable12)
        #expect(ported == "1.0-1~test12+0")
        #expect(!Self.unstable12.accepts(ported))
    }

    @Test func externalPortAlwaysAppends() {
        #expect(PortVersion.externalPort("1.2-3", to: Self.unstable12) == "1.2-3~test12+1")
        #expect(PortVersion.externalPort("1.2-3~test12+1", to: Self.unstable12) == "1.2-3~test12+1~test12+1")
    }

    @Test(arguments: [
        ("1.0-1~test12+1", "1.0-1~test12+1+rebuilt20261125162501"),
        ("1.0-1~test12+1+rebuilt20250101000000", "1.0-1~test12+1+rebuilt20261125162501"),
    ])
    func rebuildStamps(_ version: String, _ expected: String) {
        #expect(PortVersion.rebuild(version, stamp: "20261125162501") == expected)
    }

    @Test func mandatoryRegexIsSearchedNotAnchored() {
        #expect(Self.unstable12.accepts("1.0-1~test12+1"))
        #expect(Self.unstable12.accepts("1.0-1~test12+3+hotfix1"))
        #expect(!Self.unstable12.accepts("1.0-1~test12+0"))
        #expect(!Self.unstable12.accepts("1.0-1~test11+1"))
        #expect(!Self.unstable12.accepts("1.0-1"))
    }

    @Test func portedVersionsSortAsDpkgExpects() throws {
        // A port to an older codename sorts below the original; a rebuild sorts above it.
        let original = "1.2.3-1~test12+1"
        let ported = PortVersion.internalPort(original, from: Self.unstable12, to: Self.unstable11)
        let rebuilt = PortVersion.rebuild(original, stamp: "20261125162501")
        for (a, relation, b) in [(ported, "lt", original), (rebuilt, "gt", original), (original, "lt", "1.2.3-1")] {
            let dpkg = try runCommand("dpkg", ["--compare-versions", a, relation, b])
            #expect(dpkg.status == 0, "\(a) \(relation) \(b)")
        }
    }

    @Test(arguments: [("bookworm", "12"), ("bullseye", "11"), ("squeeze", "60"), ("buzz", "11"), ("forky", "14"),
                      ("sid", "~SID"), ("noble", "2404"), ("jammy", "2204"), ("unknown", "~UNKNOWN")])
    func codeversions(_ codename: String, _ expected: String) {
        #expect(Codeversion.of(codename) == expected)
    }

    @Test func codeversionOverridesWin() {
        #expect(Codeversion.of("bookworm", overrides: ["bookworm": "120"]) == "120")
    }
}

@Suite struct BuildOptionsTests {
    @Test func defaultIsLintianIgnore() throws {
        #expect(try BuildOptions().options.map(\.item) == ["MINI_BUILDD_OPTION: lintian-mode=ignore"])
    }

    @Test func splitOnBarWithArchitectureOverrides() throws {
        let options = try BuildOptions("lintian-mode=errfail|autopkgtest-mode[i386]=disabled|internal-apt-priority=600")
        #expect(options.options.map(\.item) == [
            "MINI_BUILDD_OPTION: lintian-mode=errfail",
            "MINI_BUILDD_OPTION: autopkgtest-mode[i386]=disabled",
            "MINI_BUILDD_OPTION: internal-apt-priority=600",
        ])
        #expect(options.warnings.isEmpty)
    }

    @Test func deprecatedSpellingsAreMappedWithAWarning() throws {
        let options = try BuildOptions("ignore-lintian=true")
        #expect(options.options.map(\.item) == ["MINI_BUILDD_OPTION: lintian-mode=ignore"])
        #expect(options.warnings.count == 1)
    }

    @Test func valuesMiniBuilddWouldMangleAreWarnedAbout() throws {
        let options = try BuildOptions("deb-build-options=parallel=4 nocheck")
        #expect(options.warnings.contains { $0.contains("mangles") })
    }

    @Test(arguments: ["lintian-mode", "frobnicate=1", "lintian-mode=sometimes", "internal-apt-priority=high"])
    func invalidOptionsAreRejected(_ text: String) {
        #expect(throws: BuildOptionError.self) { _ = try BuildOptions(text) }
    }
}

@Suite struct PortChangelogTests {
    @Test func blockMatchesMiniBuilddAndDpkgParsesIt() throws {
        let sha1 = "0123456789abcdef0123456789abcdef01234567"
        let entry = PortChangelog.entry(source: "hello", version: "2.10-3~test11+1", distribution: "bullseye-test-unstable",
                                        originalSHA1: sha1, options: try BuildOptions(),
                                        maintainer: "Port Er <porter@example.org>", date: "Wed, 25 Nov 2026 16:25:01 +0000")
        let block = entry.render()
        #expect(block == """
            hello (2.10-3~test11+1) bullseye-test-unstable; urgency=medium

              * Automated port via mini-buildd (no changes). Original DSC's SHA1:
                \(sha1).
              * MINI_BUILDD_OPTION: lintian-mode=ignore

             -- Port Er <porter@example.org>  Wed, 25 Nov 2026 16:25:01 +0000

            """)
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("changelog", block)
        let parsed = try runCommand("dpkg-parsechangelog", ["-l", file])
        #expect(parsed.status == 0 && parsed.stderr.isEmpty, "\(parsed.stderr)")
        #expect(parsed.stdout.contains("Version: 2.10-3~test11+1\n"))
        #expect(parsed.stdout.contains("Distribution: bullseye-test-unstable\n"))
    }

    @Test func externalPortNamesItsOrigin() throws {
        let entry = PortChangelog.entry(source: "hello", version: "2.10-3~test12+1", distribution: "bookworm-test-unstable",
                                        originalSHA1: String(repeating: "a", count: 40),
                                        externalFrom: "file:///srv/hello_2.10-3.dsc", options: try BuildOptions(),
                                        maintainer: "P <p@example.org>", date: "Wed, 25 Nov 2026 16:25:01 +0000")
        #expect(entry.items[1] == "External port from: file:///srv/hello_2.10-3.dsc")
        #expect(entry.render().contains("  * External port from: file:///srv/hello_2.10-3.dsc\n"))
    }
}
