import DebianFormats
import DebworkTestSupport
import Foundation
import Testing

struct VersionOrderingTests {
    /// The real ordering from the reference (debian-tools.md), backports before stable updates before the
    /// release, binNMUs after rebuilds, epochs above everything.
    @Test func referenceOrdering() throws {
        let ordered = ["1.0-2~bpo12+1", "1.0-2~deb12u1", "1.0-2~test12+1", "1.0-2", "1.0-2build1", "1.0-2+b1",
                       "1.0-2+deb12u1", "1.0-2.1", "1:0.9-1"]
        let versions = try ordered.map { text throws(VersionError) in try DebianVersion(text) }
        var rng = SplitMix64(state: 42)
        for _ in 0..<20 {
            #expect(versions.shuffled(using: &rng).sorted().map(\.description) == ordered)
        }
        for (a, b) in zip(versions, versions.dropFirst()) {
            #expect(a < b)
            #expect(DebianVersion.compare(a, b) < 0 && DebianVersion.compare(b, a) > 0)
        }
    }

    static let orderedPairs: [(String, String)] = [
        ("~~", "~~a"), ("~~a", "~"), ("~", "0"), ("1.0a", "1.a"), ("1.0~rc1", "1.0"), ("1.0~rc1~1", "1.0~rc1"),
        ("1.0", "1.0a"),
        ("1.0", "1.0+0"), ("1.0+0", "1.0.0"), ("1.0-0.1", "1.0-1"), ("1.0", "1.0-0.1"), ("9", "10"),
        ("1.0-1", "1.0-1-1"), ("1.2.3-1~test12+2+hotfix1", "1.2.3-1~test12+10"), ("2:1.0", "10:0.1"),
        ("1.000000000000000000000000001", "1.0000000000000000000000000010"), ("1.0-a", "1.0-+"),
        ("1.0~dfsg-1", "1.0-1"), ("1.0+dfsg-1", "1.0+dfsg1-1"), ("1.0-1ubuntu0.24.04.1", "1.0-1.1"),
    ]

    @Test(arguments: orderedPairs)
    func strictlyOlder(_ a: String, _ b: String) throws {
        #expect(try VersionRelation.lt.holds(a, b))
        #expect(try VersionRelation.gt.holds(b, a))
    }

    /// dpkg equality ignores leading zeros in digit runs, a missing or zero revision and a zero epoch.
    static let equalGroups: [[String]] = [
        ["1.0", "1.0-0", "0:1.0", "1.00", "01.0", "1.", "0:1.0-0", "1.0-00"],
        ["1.0a", "1.00a", "01.0a"],
        ["2:1", "2:01-0"],
    ]

    @Test(arguments: equalGroups)
    func equalAndHashAlike(_ group: [String]) throws {
        let versions = try group.map { text throws(VersionError) in try DebianVersion(text) }
        for v in versions { #expect(v == versions[0], "\(v) == \(versions[0])") }
        #expect(Set(versions).count == 1)
        #expect(Set(versions.map(\.hashValue)).count == 1)
    }

    @Test func distinctVersionsStayDistinct() throws {
        let texts = ["1.0", "1.0-1", "1:1.0", "1.0a", "1.0~", "1", "0a", "a"]
        let versions = try texts.map { text throws(VersionError) in try DebianVersion(text) }
        #expect(Set(versions).count == texts.count)
    }

    static let operandPairs: [(String, String)] = [
        ("1", "2"), ("2", "1"), ("1", "1"), ("", "1"), ("1", ""), ("", ""), ("<unknown>", "1"), ("0", ""),
        ("1.0", "1.0-0"), ("1:0", "2"), ("1.0~", "1.0"),
    ]

    /// `holds` for every relation and alias against the answers dpkg gave on this machine (exit 0 = true),
    /// one string of results per operator, in the order of `operandPairs`.
    static let expected: [(String, String)] = [
        ("lt", "TFFTFFTFFFT"), ("le", "TFTTFTTFTFT"), ("eq", "FFTFFTFFTFF"), ("ne", "TTFTTFTTFTT"),
        ("ge", "FTTFTTFTTTF"), ("gt", "FTFFTFFTFTF"), ("lt-nl", "TFFFTFFTFFT"), ("le-nl", "TFTFTTFTTFT"),
        ("ge-nl", "FTTTFTTFTTF"), ("gt-nl", "FTFTFFTFFTF"), ("<", "TFTTFTTFTFT"), ("<<", "TFFTFFTFFFT"),
        ("<=", "TFTTFTTFTFT"), ("=", "FFTFFTFFTFF"), (">=", "FTTFTTFTTTF"), (">>", "FTFFTFFTFTF"),
        (">", "FTTFTTFTTTF"),
    ]

    @Test(arguments: expected)
    func holdsLikeDpkg(_ op: String, _ answers: String) throws {
        let relation = try #require(VersionRelation(operator: op))
        let got = try Self.operandPairs.map { (a, b) throws(VersionError) in try relation.holds(a, b) ? "T" : "F" }
        #expect(got.joined() == answers)
    }

    /// The same table, asked of dpkg itself, so the hard-coded answers cannot drift from the oracle.
    @Test func holdsTableMatchesDpkgBinary() throws {
        try #require(Process.find("dpkg") != nil)
        for (op, answers) in Self.expected {
            var got = ""
            for (a, b) in Self.operandPairs {
                let out = try Process.run("dpkg", ["--compare-versions", a, op, b])
                got += out.status == 0 ? "T" : "F"
            }
            #expect(got == answers, "dpkg --compare-versions … \(op) …")
        }
    }

    @Test func relationNamesAndAliases() {
        #expect(VersionRelation.allCases.map(\.rawValue) ==
                ["lt", "le", "eq", "ne", "ge", "gt", "lt-nl", "le-nl", "ge-nl", "gt-nl"])
        #expect(VersionRelation(operator: "<<") == .lt)
        #expect(VersionRelation(operator: "<") == .le)
        #expect(VersionRelation(operator: ">") == .ge)
        #expect(VersionRelation(operator: "ge-nl") == .geNL)
        #expect(VersionRelation(operator: "=>") == nil)
        #expect(VersionRelation(operator: "") == nil)
    }

    @Test func holdsThrowsOnBadVersion() {
        #expect(throws: VersionError(version: "1 0", reason: "version string has embedded spaces")) {
            try VersionRelation.lt.holds("1 0", "2")
        }
        #expect(throws: VersionError.self) { try VersionRelation.ltNL.holds("", "1:") }
    }
}
