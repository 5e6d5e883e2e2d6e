import DebworkTestSupport
import Foundation
import Testing

/// A reprepro tree's `conf/distributions` makes every configured distribution known, exported or not;
/// reprepro itself (`_listcodenames`) is the oracle for which ones.
@Suite struct ConfiguredDistributionsTests {
    func statusDistributions(_ index: String) throws -> [[String: Any]] {
        let status = try debwork(["status", "-J"], index: index)
        #expect(status.status == 0, "\(status.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let repositories = try #require((object["index"] as? [String: Any])?["repositories"] as? [[String: Any]])
        return repositories.flatMap { $0["distributions"] as? [[String: Any]] ?? [] }
    }

    @Test func everyConfiguredDistributionIsKnownAsRepreproSaysIt() throws {
        let scratch = try TemporaryDirectory()
        let repo = scratch.appending("repo")
        #expect(try runCommand("cp", ["-a", Fixtures.path("repo"), repo]).status == 0)
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", repo], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let listed = try runCommand("reprepro", ["-b", repo, "_listcodenames"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let oracle = Set(listed.stdout.split(separator: "\n").map(String.init))
        let distributions = try statusDistributions(index)
        #expect(Set(distributions.compactMap { $0["name"] as? String }) == oracle)
        let notExported = distributions.filter { $0["exported"] as? Bool == false }.compactMap { $0["name"] as? String }
        let exported = try FileManager.default.contentsOfDirectory(atPath: repo + "/dists")
        #expect(Set(notExported) == oracle.subtracting(exported), "\(notExported)")
        #expect(!notExported.isEmpty)

        // mini-buildd's sources_list lists every configured distribution, exported or not.
        let lines = try debwork(["sources_list", "-C", "bullseye", "-r", "-1"], index: index)
        #expect(lines.status == 0, "\(lines.stderr)")
        for name in oracle where name.hasPrefix("bullseye") {
            #expect(lines.stdout.contains(" \(name) main contrib non-free\n"), "\(name): \(lines.stdout)")
        }
        // Known and empty: a search inside it is no error; an unknown name still is.
        let empty = try debwork(["search", "--distribution", "bullseye-test-testing", "dw*"], index: index)
        #expect(empty.stdout.isEmpty && !empty.stderr.hasPrefix("E:"), "\(empty.stderr)")
        let unknown = try debwork(["search", "--distribution", "bullseye-test-nosuch", "dw*"], index: index)
        #expect(unknown.stderr.hasPrefix("E: no distribution 'bullseye-test-nosuch'"), "\(unknown.stderr)")
        // status -R: the layout holds every configured suite.
        let status = try debwork(["status", "-R", "-J"], index: index)
        #expect(status.stdout.contains("\"stable\": {"), "\(status.stdout)")
    }

    /// A tree that has only its configuration (reprepro exports nothing until a package arrives) is a
    /// repository; the `conf/distributions/*.conf` folder form is read too.
    @Test func aConfigurationFolderWithoutDistsIsARepository() throws {
        let scratch = try TemporaryDirectory()
        _ = try scratch.write("repo/conf/distributions/10-sid.conf",
                              "Codename: sid-fresh-unstable\nComponents: main\nArchitectures: source amd64\n")
        _ = try scratch.write("repo/conf/distributions/20-trixie.conf",
                              "Codename: trixie-fresh-unstable\nComponents: main non-free-firmware\nArchitectures: amd64\n")
        _ = try scratch.write("repo/conf/distributions/README", "Codename: ignored\n")
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", scratch.appending("repo")], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let names = try statusDistributions(index).compactMap { $0["name"] as? String }
        #expect(names == ["sid-fresh-unstable", "trixie-fresh-unstable"])
        let status = try debwork(["status", "-J"], index: index)
        #expect(status.stdout.contains("\"identity\": \"fresh\""), "\(status.stdout)")
    }

    /// Hostile configurations: a stanza that would make a folder or an APT line outside the repository is left
    /// out with a W: naming the file and line; a conf/distributions linking outside the tree is never read.
    @Test func hostileConfigurationsAreRefused() throws {
        let scratch = try TemporaryDirectory()
        let conf = try scratch.write("repo/conf/distributions", """
            Codename: ok-evil-unstable
            Components: main

            Codename: bad-evil-unstable
            Components: main ../../../../tmp

            Codename: nl-evil-unstable
            Components: main
            Description: x\u{1B}]0;pwned\u{07}

            """)
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", scratch.appending("repo")], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stderr.contains("W: \(conf): line 4: field 'Components'"), "\(indexed.stderr)")
        #expect(indexed.stderr.contains("W: \(conf): line 7: field 'Description'"), "\(indexed.stderr)")
        #expect(!indexed.stderr.contains("\u{1B}"))
        #expect(try statusDistributions(index).compactMap { $0["name"] as? String } == ["ok-evil-unstable"])

        let outside = try TemporaryDirectory()
        _ = try outside.write("distributions", "Codename: stolen-x-unstable\nComponents: main\n")
        let linked = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: linked.appending("repo/conf"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: linked.appending("repo/dists"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linked.appending("repo/conf/distributions"),
                                                   withDestinationPath: outside.appending("distributions"))
        let other = linked.appending("i.sqlite")
        let refused = try debwork(["index", linked.appending("repo")], index: other)
        #expect(refused.status == 0 && refused.stdout.contains("outside"), "\(refused.stdout)")
        #expect(try statusDistributions(other).isEmpty)
    }
}
