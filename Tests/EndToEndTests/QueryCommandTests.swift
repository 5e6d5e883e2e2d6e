import DebworkTestSupport
import Foundation
import Testing

/// `ls`, `show`, `sources_list`, `dput_conf` as users run them: golden JSON and text, exit codes.
@Suite struct QueryCommandTests {
    static var index: String? { FixtureIndexFile.path }

    /// Runs a call on the fixture index with a fixed configuration; absolute fixture paths become `<fixtures>`.
    func run(_ arguments: [String]) throws -> CommandResult {
        let index = try #require(Self.index)
        var result = try debwork(arguments + ["--config", "/dev/null"], index: index)
        result.stdout = result.stdout.replacingOccurrences(of: Fixtures.root, with: "<fixtures>")
        return result
    }

    @Test(arguments: [
        ("ls-dwhello.json", ["ls", "-J", "dwhello"]),
        ("ls-dwold-bullseye.json", ["ls", "-J", "dwold", "-C", "bullseye"]),
        ("ls-dwhello.txt", ["ls", "dwhello"]),
        ("show-dwhello.json", ["show", "-J", "dwhello"]),
        ("show-dwnative.txt", ["show", "dwnative"]),
        ("sources_list.txt", ["sources_list", "-r", "1", "-T", "deb", "deb-src"]),
        ("sources_list-snapshot.json", ["sources_list", "-J", "-P", "WEEKLY_2025-01-06T00:00", "-O", "arch=amd64"]),
        ("dput_conf.txt", ["dput_conf", "--identity", "foo", "--host", "mbd.example.org"]),
        ("dput_conf-ng.json", ["dput_conf", "-N", "--identity", "foo"]),
    ])
    func goldenOutput(_ golden: String, _ arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(Golden.check(result.stdout, name: golden) == nil, "\(Golden.check(result.stdout, name: golden) ?? "")")
        // Reproducible: a second run prints the same bytes.
        #expect(try run(arguments).stdout == result.stdout)
    }

    @Test func nothingFoundIsAnEmptyObjectAndSuccess() throws {
        let ls = try run(["ls", "-J", "no-such-source"])
        #expect(ls.status == 0 && ls.stdout == "{}\n")
        let show = try run(["show", "-J", "no-such-source"])
        #expect(show.status == 0 && show.stdout == "{}\n")
    }

    @Test func badArgumentsAreClearErrors() throws {
        let version = try run(["ls", "dwhello", "-M", "1 .0"])
        #expect(version.status == 1 && version.stderr.hasPrefix("E: ") && version.stderr.contains("1 .0"))
        #expect(try run(["sources_list", "-T", "rpm"]).status == 64)
        let scratch = try TemporaryDirectory()
        let config = try scratch.write("config.toml", "[instance]\nhttp_port = \"eighty\"\n")
        let badConfig = try debwork(["dput_conf", "--config", config])
        #expect(badConfig.status == 1)
        #expect(badConfig.stderr == "E: \(config): 'instance.http_port' must be a port number (1-65535)\n")
    }

    @Test func configurationFileSetsTheInstance() throws {
        let scratch = try TemporaryDirectory()
        let config = try scratch.write("debwork/config.toml", """
            # debwork configuration
            [instance]
            identity = "acme"
            host = "mbd.acme.example"   # the fqdn
            ftp_port = 2121

            [repositories.test]
            url = "https://apt.acme.example/mbd/"
            """)
        let dput = try debwork(["dput_conf", "--without-global"], environment: ["XDG_CONFIG_HOME": scratch.path])
        #expect(dput.stdout.contains("[mini-buildd-acme]") && dput.stdout.contains("fqdn     = mbd.acme.example:2121"))
        let lines = try debwork(["sources_list", "--config", config, "-S", "stable", "-C", "bookworm"], index: Self.index ?? "")
        #expect(lines.stdout == "deb [] https://apt.acme.example/mbd bookworm-test-stable main contrib non-free\n", "the url of the repository itself")
    }
}
