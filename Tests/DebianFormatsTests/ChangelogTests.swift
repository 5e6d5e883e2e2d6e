import DebianFormats
import DebworkTestSupport
import Foundation
import Testing

struct ChangelogTests {
    @Test func parsesTheModernSample() throws {
        let log = try Changelog.parse(ChangelogSamples.modern, file: "debian/changelog")
        #expect(log.entries.map(\.version) == ["2.10-3~test12+1", "2.10-3", "2.10-2.1", "1:2.9-1"])
        #expect(log.warnings.isEmpty, "\(log.warnings)")
        let top = log.entries[0]
        #expect(top.source == "hello" && top.distributions == ["bookworm-test-unstable"])
        #expect(top.urgency == "medium" && top.line == 1)
        #expect(top.items == [
            "Automated port via mini-buildd (no changes). Original DSC's SHA1: 0123456789abcdef0123456789abcdef01234567.",
            "MINI_BUILDD_OPTION: lintian-mode=ignore",
        ])
        #expect(top.maintainer == "Mini Buildd <mini-buildd@example.org>")
        #expect(top.date == "Tue, 25 Nov 2026 16:25:01 +0000")
        #expect(top.timestamp == 1_795_623_901)
        let second = log.entries[1]
        #expect(second.distributions == ["unstable", "experimental"])
        #expect(second.urgency == "HIGH" && second.normalizedUrgency == "high")
        #expect(second.metadata == [ChangelogMetadata(key: "urgency", value: "HIGH"),
                                    ChangelogMetadata(key: "binary-only", value: "yes"),
                                    ChangelogMetadata(key: "XS-Testsuite", value: "autopkgtest")])
        #expect(second.closes == [12, 42, 999_999, 1_075_123, 1_075_124])
        #expect(second.items.count == 4)
        #expect(second.items[1] == "Really long item text that goes on, closes: bug#999999, #12 - sub item with single tab\there")
        #expect(second.changes.hasPrefix("  [ Jörg Fürst ]\n  * Fix the build"))
        #expect(second.changes.contains("Thanks to Somebody.\n  * Really"))
        #expect(log.entries[2].closes == [7, 8, 9])
        #expect(log.entries[3].urgency == "medium (some text)" && log.entries[3].normalizedUrgency == "medium")
    }

    @Test func quirksBecomeWarnings() throws {
        let log = try Changelog.parse(ChangelogSamples.quirks, file: "old/changelog")
        #expect(log.entries.map(\.version) == ["1.3-1", "1.2-1", "1.1-1", "1.0-2", "1.0-1"])
        #expect(log.entries[0].date == "1 Jan 2001 10:00:00 +0100")
        #expect(log.entries[1].timestamp == nil && log.entries[1].urgency == "medium")
        #expect(log.entries[3].maintainer == "" && log.entries[3].timestamp == nil)
        let messages = log.warnings.map(\.message)
        #expect(messages.contains("badly formatted trailer line"))
        #expect(messages.contains("unrecognized line"))
        #expect(messages.contains("bad key-value after ';': 'bad option'"))
        #expect(messages.contains("repeated key-value Urgency"))
        #expect(messages.contains("uses full 'January' instead of abbreviated month name 'Jan'"))
        #expect(messages.contains("ignoring invalid week day 'Foo'"))
        #expect(messages.contains("found start of entry where expected more change data or trailer"))
        #expect(log.warnings.first?.description == "old/changelog:1: bad key-value after ';': 'bad option'")
    }

    @Test func throwsWithoutAnyHeader() {
        #expect(throws: ChangelogError.self) { try Changelog.parse("", file: "c") }
        #expect(throws: ChangelogError.self) { try Changelog.parse("  * just a change\n", file: "c") }
        #expect(throws: ChangelogError.self) { try Changelog.parse("Not a changelog at all\n", file: "c") }
    }

    @Test func dropsTextBeforeTheFirstHeaderWithAWarning() throws {
        let log = try Changelog.parse("  * stray\n\n" + ChangelogSamples.modern, file: "c")
        #expect(log.entries.count == 4)
        #expect(log.warnings.contains { $0.message == "text before the first entry header ignored" && $0.line == 1 })
    }

    /// Every sample against dpkg-parsechangelog: each entry's fields and Changes, and the warnings.
    @Test(arguments: ChangelogSamples.all)
    func samplesMatchDpkgParsechangelog(_ name: String, _ text: String) throws {
        try #require(Process.find("dpkg-parsechangelog") != nil)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("changelog-\(UUID().uuidString)")
        try text.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let out = try Process.run("dpkg-parsechangelog", ["-l", path.path, "--format", "rfc822", "--all"])
        #expect(out.status == 0)
        let dpkg = try ChangelogOracle.parseOutput(out.stdoutText, file: name)
        let log = try Changelog.parse(text, file: name)
        try #require(log.entries.count == dpkg.count)
        for (entry, theirs) in zip(log.entries, dpkg) {
            ChangelogOracle.compare(entry, theirs, context: name)
        }
        let mine = log.warnings.map { "\($0.line): \($0.message)" }
        #expect(mine.sorted() == ChangelogOracle.warnings(out.stderrText).sorted())
    }

    static let sinceCases = ["2.10-3", "2.10-2.1", "1:2.9-1", "2.10-2.5", "2.10-1", "1:2.9-0", "0.1",
                             "2.10-3~test12+1", "3.0-1"]

    /// `entries(since:)` selects exactly what `dpkg-parsechangelog -v` selects.
    @Test(arguments: sinceCases)
    func sinceMatchesDpkg(_ since: String) throws {
        try #require(Process.find("dpkg-parsechangelog") != nil)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("since-\(UUID().uuidString)")
        try ChangelogSamples.modern.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let out = try Process.run("dpkg-parsechangelog", ["-l", path.path, "--format", "rfc822", "-v", since])
        let expected = try ChangelogOracle.parseOutput(out.stdoutText, file: "since").compactMap { $0.fields["Version"] }
        let log = try Changelog.parse(ChangelogSamples.modern, file: "since")
        #expect(log.entries(since: since).map(\.version) == expected)
    }

    @Test func rendersANewBlockLikeDch() {
        let entry = ChangelogEntry(
            source: "hello", version: "2.10-3~test11+1", distributions: ["bullseye-test-unstable"],
            items: ["Automated port via mini-buildd (no changes). Original DSC's SHA1: "
                    + "0123456789abcdef0123456789abcdef01234567.",
                    "MINI_BUILDD_OPTION: lintian-mode=ignore"],
            maintainer: "Mini Buildd <mini-buildd@example.org>",
            date: RFC2822Date.format(timestamp: 1_795_623_901, utcOffsetMinutes: 0))
        #expect(entry.render() == """
            hello (2.10-3~test11+1) bullseye-test-unstable; urgency=medium

              * Automated port via mini-buildd (no changes). Original DSC's SHA1:
                0123456789abcdef0123456789abcdef01234567.
              * MINI_BUILDD_OPTION: lintian-mode=ignore

             -- Mini Buildd <mini-buildd@example.org>  Wed, 25 Nov 2026 16:25:01 +0000

            """)
    }

    @Test func renderedBlocksParseBack() throws {
        let log = try Changelog.parse(ChangelogSamples.modern, file: "c")
        let text = log.entries.map { $0.render() }.joined(separator: "\n")
        let again = try Changelog.parse(text, file: "again")
        #expect(again.entries.map(\.version) == log.entries.map(\.version))
        #expect(again.entries.map(\.changes) == log.entries.map(\.changes))
        #expect(again.entries.map(\.closes) == log.entries.map(\.closes))
        #expect(again.entries.map(\.timestamp) == log.entries.map(\.timestamp))
    }

    /// debchange itself is the oracle for how an item is laid out (its Perl `format`, not Text::Wrap).
    @Test func wrapsExactlyAsDebchange() throws {
        let items = [
            Array(repeating: "word", count: 40).joined(separator: " "),
            "aaaa-bbbb-cccc-dddd-eeee-ffff-gggg-hhhh-iiii-jjjj-kkkk-llll-mmmm-nnnn-oooo-pppp-qqqq",
            String(repeating: "x", count: 150),
            "Ünïcödé wörds ärë hërë änd thëy ärë löng ënöügh tö wräp äröünd thë ëdgë öf thë fïëld yës",
            "a   b  lots    of   spaces   here and there and everywhere to see how spaces are handled by perl",
            String(repeating: "y", count: 67) + " z-" + String(repeating: "q", count: 70),
            "Automated port via mini-buildd (no changes). Original DSC's SHA1: 0123456789abcdef0123456789abcdef01234567.",
            "External port from: file:///tmp/debwork-template-c7YW4X/debwork-archive-keyring_20250116040000.dsc",
            "tab\there and a very long line that goes on and on until it has to be wrapped somewhere near",
            String(repeating: "z", count: 68) + " next",
            String(repeating: "z", count: 67) + "- next",
            String(repeating: "z", count: 68) + "-next",
            "MINI_BUILDD_OPTION: lintian-mode=ignore",
        ]
        let scratch = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: scratch.appending("debian"), withIntermediateDirectories: true)
        let env = ["EDITOR": "true", "VISUAL": "true", "DEBFULLNAME": "T", "DEBEMAIL": "t@example.org"]
        for (position, item) in items.enumerated() {
            let arguments = position == 0 ? ["--create", "--package", "pp", "--newversion", "1", item] : ["-a", item]
            let dch = try runCommand("dch", arguments, environment: env, directory: scratch.path)
            #expect(dch.status == 0, "\(dch.stderr)")
        }
        let text = try String(contentsOfFile: scratch.appending("debian/changelog"), encoding: .utf8)
        let oracle = text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("  ") }.map(String.init)
        let mine = items.flatMap { ChangelogEntry.wrap($0, firstPrefix: "  * ", prefix: "    ") }
        #expect(mine == oracle)
    }
}
