import DebianFormats
import Testing

struct DistributionTests {
    static let valid: [(String, String, String, String, Int?)] = [
        ("bookworm-test-unstable", "bookworm", "test", "unstable", nil),
        ("bookworm-test-stable-rollback0", "bookworm", "test", "stable", 0),
        ("bullseye-test2-experimental-rollback12", "bullseye", "test2", "experimental", 12),
        ("sid-a1-hotfix", "sid", "a1", "hotfix", nil),
        ("Ubuntu_2404-x-snapshot", "Ubuntu_2404", "x", "snapshot", nil),
    ]

    @Test(arguments: valid)
    func parses(_ name: String, _ codename: String, _ repo: String, _ suite: String, _ rollback: Int?) throws {
        let d = try Distribution(name)
        #expect(d.codename == codename && d.repository == repo && d.suite == suite && d.rollback == rollback)
        #expect(d.description == name)
        #expect(d.base.rollback == nil)
        #expect(d.base.description == "\(codename)-\(repo)-\(suite)")
    }

    static let invalid = [
        "", "bookworm", "bookworm-test", "bookworm-test-", "-test-unstable", "bookworm--unstable",
        "bookworm-Test-unstable", "bookworm-te_st-unstable", "bookworm-test-Unstable", "bookworm-test-stable2",
        "bookworm-test-stable-rollback", "bookworm-test-stable-rollbackx", "bookworm-test-stable-rollback-1",
        "bookworm-test-stable-foo1", "bookworm-test-stable-rollback1-x", "book worm-test-unstable",
        "bookworm-test-unstable-rollback99999999999999999999999",
    ]

    @Test(arguments: invalid)
    func rejects(_ name: String) {
        #expect(throws: DistributionError(name: name)) { try Distribution(name) }
    }

    @Test func messageIsMiniBuilddsOwn() {
        #expect(DistributionError(name: "x").description
                == "Malformed distribution 'x': Must be '<codename>-<repoid>-<suite>[-rollback<n>]'")
    }
}
