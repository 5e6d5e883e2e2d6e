import DebworkTestSupport
import Foundation
import DebianFormats
import Testing

struct DebianVersionTests {
    struct Parsed: Sendable, CustomTestStringConvertible {
        var text: String
        var epoch: Int
        var upstream: String
        var revision: String
        var hasEpoch: Bool
        var canonical: String
        var warnings: [String] = []
        var testDescription: String { "'\(text)'" }
    }

    static let parsed: [Parsed] = [
        Parsed(text: "1.0", epoch: 0, upstream: "1.0", revision: "", hasEpoch: false, canonical: "1.0"),
        Parsed(text: "1.0-1", epoch: 0, upstream: "1.0", revision: "1", hasEpoch: false, canonical: "1.0-1"),
        Parsed(text: "2:1.0-1", epoch: 2, upstream: "1.0", revision: "1", hasEpoch: true, canonical: "2:1.0-1"),
        Parsed(text: "0:1.0", epoch: 0, upstream: "1.0", revision: "", hasEpoch: true, canonical: "0:1.0"),
        Parsed(text: "1:2.3-4-5", epoch: 1, upstream: "2.3-4", revision: "5", hasEpoch: true, canonical: "1:2.3-4-5"),
        Parsed(text: " \t1.0-1 \t", epoch: 0, upstream: "1.0", revision: "1", hasEpoch: false, canonical: "1.0-1"),
        Parsed(text: "+1:2", epoch: 1, upstream: "2", revision: "", hasEpoch: true, canonical: "1:2"),
        Parsed(text: "007:1", epoch: 7, upstream: "1", revision: "", hasEpoch: true, canonical: "7:1"),
        Parsed(text: "2147483647:1", epoch: 2_147_483_647, upstream: "1", revision: "", hasEpoch: true,
               canonical: "2147483647:1"),
        Parsed(text: "1:1:1", epoch: 1, upstream: "1:1", revision: "", hasEpoch: true, canonical: "1:1:1"),
        Parsed(text: "1.0-2~bpo12+1", epoch: 0, upstream: "1.0", revision: "2~bpo12+1", hasEpoch: false,
               canonical: "1.0-2~bpo12+1"),
        Parsed(text: "a1", epoch: 0, upstream: "a1", revision: "", hasEpoch: false, canonical: "a1",
               warnings: ["version number does not start with digit"]),
        Parsed(text: "1_0", epoch: 0, upstream: "1_0", revision: "", hasEpoch: false, canonical: "1_0",
               warnings: ["invalid character in version number"]),
        Parsed(text: "1-a_b", epoch: 0, upstream: "1", revision: "a_b", hasEpoch: false, canonical: "1-a_b",
               warnings: ["invalid character in revision number"]),
        Parsed(text: "x_y-a/b", epoch: 0, upstream: "x_y", revision: "a/b", hasEpoch: false, canonical: "x_y-a/b",
               warnings: ["version number does not start with digit", "invalid character in version number",
                          "invalid character in revision number"]),
    ]

    @Test(arguments: parsed)
    func parses(_ row: Parsed) throws {
        let v = try DebianVersion(row.text)
        #expect(v.epoch == row.epoch)
        #expect(v.upstream == row.upstream)
        #expect(v.revision == row.revision)
        #expect(v.hasEpoch == row.hasEpoch)
        #expect(v.description == row.canonical)
        #expect(v.warnings == row.warnings)
    }

    @Test func withoutEpochIsForFileNames() throws {
        #expect(try DebianVersion("2:1.2.3-1~test12+1").withoutEpoch == "1.2.3-1~test12+1")
        #expect(try DebianVersion("0:1.0").withoutEpoch == "1.0")
    }

    /// Reasons are dpkg's own words (each is also checked against `dpkg --compare-versions` below).
    static let errors: [(String, String)] = [
        ("", "version string is empty"),
        ("  ", "version string is empty"),
        ("1 0", "version string has embedded spaces"),
        ("1.0 -1", "version string has embedded spaces"),
        (":1", "epoch in version is empty"),
        ("x:1", "epoch in version is empty"),
        ("1.0:a", "epoch in version is not number"),
        ("1a:1", "epoch in version is not number"),
        ("-1:1", "epoch in version is negative"),
        ("2147483648:1", "epoch in version is too big"),
        ("99999999999999999999999:1", "epoch in version is too big"),
        ("1:", "nothing after colon in version number"),
        ("1.0-", "revision number is empty"),
        ("1:-", "revision number is empty"),
        ("1:-1", "version number is empty"),
        ("0:-1", "version number is empty"),
    ]

    @Test(arguments: errors)
    func rejects(_ text: String, _ reason: String) {
        #expect(throws: VersionError(version: text, reason: reason)) { try DebianVersion(text) }
    }

    @Test func errorDescriptionQuotesTheVersion() {
        let error = VersionError(version: "1 0", reason: "version string has embedded spaces")
        #expect(error.description == "version '1 0' has bad syntax: version string has embedded spaces")
    }

    /// The rejections agree with dpkg (an argument starting with `-` would be taken for an option, so
    /// those rows are left to the table above).
    @Test func rejectionsMatchDpkg() throws {
        try #require(Process.find("dpkg") != nil)
        for (text, reason) in Self.errors where !text.hasPrefix("-") && !text.isEmpty {
            let out = try Process.run("dpkg", ["--compare-versions", text, "eq", "1"])
            #expect(out.status == 2, "\(text)")
            #expect(out.stderrText.contains("version '\(text)' has bad syntax: \(reason)"), "\(out.stderrText)")
        }
        for row in Self.parsed where !row.warnings.isEmpty {
            let out = try Process.run("dpkg", ["--compare-versions", row.text, "eq", row.text])
            #expect(out.status == 0)
            #expect(out.stderrText.contains("warning: version '\(row.text)' has bad syntax: \(row.warnings[0])"))
        }
    }
}
