import DebianFormats
import Testing

struct RepreproDistributionsTests {
    static let text = """
        # mini-buildd writes one stanza per distribution
        Codename: bookworm-test-unstable
        Suite: bookworm-test-unstable
        Origin: Mini-Buildd archive test
        Components: main contrib
        UDebComponents: main
        Architectures: source amd64 i386
        Description: unstable packages for bookworm-test

        Codename: bookworm-test-unstable-rollback0
        Components: main
        Architectures: amd64
        NotAutomatic: yes
        ButAutomaticUpgrades: no

        """

    @Test func stanzasAreRead() throws {
        let parsed = try RepreproDistributions.parse(Self.text, file: "conf/distributions")
        #expect(parsed.warnings.isEmpty)
        #expect(parsed.stanzas.map(\.codename) == ["bookworm-test-unstable", "bookworm-test-unstable-rollback0"])
        let first = try #require(parsed.stanzas.first)
        #expect(first.components == ["main", "contrib"] && first.udebComponents == ["main"])
        #expect(first.architectures == ["amd64", "i386"] && first.hasSources)
        #expect(first.description == "unstable packages for bookworm-test" && first.line == 2)
        #expect(parsed.stanzas[1].notAutomatic && !parsed.stanzas[1].butAutomaticUpgrades && !parsed.stanzas[1].hasSources)
    }

    /// Hostile or broken stanzas are left out with a warning naming the line; the others are kept.
    static let refused: [(String, String)] = [
        ("Components: main\n", "no Codename field"),
        ("Codename: ../../../etc\nComponents: main\n", "is not a valid distribution name"),
        ("Codename: a\nComponents: main ../../outside\n", "is not a relative path of plain names"),
        ("Codename: a\nComponents: /abs\n", "is not a relative path of plain names"),
        ("Codename: a\nArchitectures: amd64 ../x\n", "Architectures"),
        ("Codename: a\nSuite: st able\n", "is not a valid distribution name"),
        ("Codename: a\nDescription: x\u{1B}[2Jy\n", "control characters"),
    ]

    @Test(arguments: refused)
    func badStanzasAreLeftOut(_ stanza: String, _ reason: String) throws {
        let parsed = try RepreproDistributions.parse("Codename: good\nComponents: main\n\n" + stanza, file: "c")
        #expect(parsed.stanzas.map(\.codename) == ["good"])
        #expect(parsed.warnings.count == 1)
        #expect(parsed.warnings.first?.contains(reason) == true, "\(parsed.warnings)")
        #expect(parsed.warnings.first?.hasPrefix("line 4: ") == true, "\(parsed.warnings)")
    }

    @Test func includeIsNotFollowedAndDuplicatesKeepTheFirst() throws {
        let parsed = try RepreproDistributions.parse(
            "Codename: a\nComponents: main\n!include: /etc/shadow\n\nCodename: a\nComponents: other\n", file: "c")
        #expect(parsed.stanzas.count == 1 && parsed.stanzas.first?.components == ["main"])
        #expect(parsed.warnings.count == 2, "\(parsed.warnings)")
        #expect(parsed.warnings.contains { $0.contains("'!include' is not followed") })
        #expect(parsed.warnings.contains { $0.contains("configured twice") })
    }
}
