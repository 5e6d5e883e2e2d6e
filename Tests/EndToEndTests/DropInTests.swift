import DebworkTestSupport
import Foundation
import JSONOutput
import Testing

/// Scripts written for `mini-buildd-api` run unchanged against debwork with only the program name replaced:
/// its synopsis, its ENDPOINT, its printing (checked against Python's own `json.dumps`).
@Suite struct DropInTests {
    static var index: String? { FixtureIndexFile.path }

    func run(_ arguments: [String], program: String? = nil) throws -> CommandResult {
        let index = try #require(Self.index)
        return try runCommand(program ?? Fixtures.debworkBinary, arguments,
                              environment: ["DEBWORK_INDEX": index, "DEBWORK_CONFIG": "/dev/null", "XDG_CACHE_HOME": "/nonexistent"])
    }

    /// `text` parsed and printed again by Python exactly as mini-buildd-api prints a result.
    func pythonReprint(_ text: String) throws -> String {
        let script = "import json, sys, collections\n"
            + "print(json.dumps(json.loads(sys.stdin.read(), object_pairs_hook=collections.OrderedDict), indent=2))"
        let result = try runCommand("python3", ["-c", script], input: text)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test func globalOptionsComeBeforeTheCall() throws {
        let status = try run(["-J", "status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.hasPrefix("{\n  \"schema\": 1,\n  \"version\": "))
        let ls = try run(["-l", "DEBUG", "-l", "mini_buildd.INFO", "--auto-confirm", "--script-mode", "--auto-save-passwords",
                          "-J", "ls", "dwhello"])
        #expect(ls.status == 0, "\(ls.stderr)")
        #expect(ls.stdout.contains("\"bookworm-test-unstable\""))
    }

    @Test func statusFailedListsTheFilesAndDryRunPrintsJSON() throws {
        let scratch = try TemporaryDirectory()
        let index = scratch.appending("i.sqlite")
        _ = try debwork(["index", Fixtures.path("bad/truncated.deb"), Fixtures.path("packages/dwnative_0.3_all.deb")], index: index)
        let status = try debwork(["status", "--failed"], index: index)
        #expect(status.stdout.contains("Failed files:   1\n  \(Fixtures.path("bad/truncated.deb")): "), "\(status.stdout)")
        let json = try debwork(["status", "-J", "--failed"], index: index)
        #expect(json.stdout.contains("\"failed_files\": [") && json.stdout.contains("truncated.deb"))
        let dry = try run(["debdiff", "--dry-run", "-J", "dwhello", "1.0-1", "1.0-2"])
        #expect(dry.status == 0 && dry.stdout.hasPrefix("{\n  \"schema\": 1,\n  \"old\": "), "\(dry.stdout)\(dry.stderr)")
    }

    @Test func logLevelLongFormsAndVercmpUsage() throws {
        #expect(try run(["--log-level", "DEBUG", "vercmp", "1.0", "1.1"]).stdout == "<\n")
        #expect(try run(["vercmp", "1.0", "1.1", "--log-level=mini_buildd.INFO"]).stdout == "<\n")
        let relation = try run(["vercmp", "1.0", "lt"])
        #expect(relation.status == 64)
        #expect(relation.stderr.contains("'lt' is a relation, not a version"), "\(relation.stderr)")
    }

    @Test(arguments: [("stauts", "status"), ("sources-list", "sources_list"), ("frobnicate", nil)])
    func anUnknownCallIsAUsageError(_ call: String, _ nearest: String?) throws {
        let result = try run([call, "x"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("E: unknown call '\(call)'"), "\(result.stderr)")
        if let nearest { #expect(result.stderr.contains("did you mean '\(nearest)'?")) }
    }

    @Test(arguments: [
        ["status", "http://mbd.example.org:8066"],
        ["status", "https://admin@mbd.example.org:9000", "-R"],
        ["ls", "http://localhost:8066", "dwhello"],
        ["show", "http://localhost:8066", "dwnative"],
        ["search", "http://localhost:8066", "dw"],
        ["-J", "ls", "http://localhost:8066", "no-such-source"],
    ])
    func dictAndListResultsPrintAsPythonDoes(_ arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(try pythonReprint(result.stdout) == result.stdout, "\(arguments)")
    }

    @Test func anIndexPathIsAnEndpoint() throws {
        let index = try #require(Self.index)
        for endpoint in [index, "file://" + index] {
            let result = try runCommand(Fixtures.debworkBinary, ["ls", endpoint, "dwhello"],
                                        environment: ["DEBWORK_CONFIG": "/dev/null", "XDG_CACHE_HOME": "/nonexistent"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try pythonReprint(result.stdout) == result.stdout)
        }
    }

    @Test func theInstanceComesFromTheEndpoint() throws {
        let status = try run(["status", "http://mbd.example.org:9000"])
        #expect(status.stdout.contains("\"url\": \"http://mbd.example.org:9000\""), "\(status.stdout)")
        #expect(status.stdout.contains("\"incoming_url\": \"ftp://mbd.example.org:9001\""))
        #expect(!status.stdout.contains("\"index\"") && !status.stdout.contains("\"repositories\""))
        let withRepositories = try run(["status", "http://mbd.example.org:9000", "-R"])
        #expect(withRepositories.stdout.contains("\"repositories\": {"))
        let dput = try run(["dput_conf", "http://mbd.example.org:9000"])
        #expect(dput.stdout.contains("fqdn     = mbd.example.org:9001"), "\(dput.stdout)")
    }

    @Test func stringResultsPrintRawOrQuotedWithJ() throws {
        let raw = try run(["sources_list", "http://localhost:8066"])
        #expect(raw.status == 0 && raw.stdout.hasPrefix("deb [] http://localhost:8066/repositories/test "), "\(raw.stdout)")
        let quoted = try run(["-J", "sources_list", "http://localhost:8066"])
        let expected = try runCommand("python3", ["-c", "import json, sys; print(json.dumps(sys.stdin.read()[:-1], indent=2))"],
                                      input: raw.stdout).stdout
        #expect(quoted.stdout == expected)
    }

    @Test func debdiffSucceedsWhateverItFinds() throws {
        let result = try run(["debdiff", "http://localhost:8066", "dwhello", "test", "--versiona", "1.0-1", "--versionb", "1.1-1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("dwhello"))
        let own = try run(["debdiff", "dwhello", "test", "-a", "1.0-1", "-b", "1.1-1"])
        #expect(own.status == 1)
        #expect(result.stdout == own.stdout + "\n") // print(result)
    }

    @Test func theApiLinkSelectsTheApiForm() throws {
        let scratch = try TemporaryDirectory()
        let link = scratch.appending("debwork-api")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: Fixtures.debworkBinary)
        let result = try run(["ls", "dwhello"], program: link)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("{\n  \"test\": {"), "\(result.stdout)")
        #expect(try pythonReprint(result.stdout) == result.stdout)
    }

    @Test func sourcesListTakesMiniBuilddsRollbacksAndSnapshotErrors() throws {
        let all = try run(["sources_list", "-r", "-1", "-C", "bookworm", "-S", "unstable"])
        #expect(all.stdout.contains("bookworm-test-unstable-rollback1"), "\(all.stdout)")
        let unknown = try run(["sources_list", "-P", "NOPE", "-C", "bookworm", "-S", "unstable"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("E: No such snapshot for bookworm-test-unstable: 'NOPE' (available: WEEKLY_"), "\(unknown.stderr)")
        let accepted = try run(["sources_list", "-X", "-D", "-C", "bookworm", "-S", "stable"])
        #expect(accepted.stdout.hasPrefix("# Mini-Buildd archive test 'bookworm-test-stable': release n=bookworm-test-stable, o="),
                "\(accepted.stdout)")
    }

    @Test func suiteLinksAreAliasesAndInReleaseIsRead() throws {
        let scratch = try TemporaryDirectory()
        let repo = scratch.appending("repo")
        #expect(try runCommand("cp", ["-a", Fixtures.path("repo"), repo]).status == 0)
        // The fixture repository carries the suite link `dists/stable -> bookworm-test-stable`.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: repo + "/dists/stable") == "bookworm-test-stable")
        // A distribution with only an InRelease (the Release clearsigned, as a mirror serves it).
        let testing = repo + "/dists/bookworm-test-testing/"
        let release = try String(contentsOfFile: testing + "Release", encoding: .utf8)
        try ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + release
             + "-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n").write(toFile: testing + "InRelease", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: testing + "Release")
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", "-J", repo], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let names = try runCommand("sqlite3", [index, "SELECT name FROM distributions WHERE snapshot IS NULL ORDER BY name"]).stdout
        #expect(!names.split(separator: "\n").contains("stable"), "\(names)")
        #expect(names.split(separator: "\n").contains("bookworm-test-testing"), "\(names)")
    }

    @Test func skippedFoldersAreReportedAndCanBeIncluded() throws {
        let scratch = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: scratch.appending("incoming"), withIntermediateDirectories: true)
        for name in ["dwnative_0.3.dsc", "dwnative_0.3.tar.xz"] {
            _ = try scratch.copy(Fixtures.path("packages/" + name), as: "incoming/" + name)
        }
        let index = scratch.appending("i.sqlite")
        let plain = try debwork(["index", scratch.path], index: index)
        #expect(plain.stdout.contains("skipped \(scratch.path)/incoming/: an upload queue"), "\(plain.stdout)")
        let json = try debwork(["index", "-J", scratch.path], index: index)
        #expect(json.stdout.contains("\"skipped\": ["))
        let included = try debwork(["index", "-J", "--include-skipped", scratch.path], index: index)
        #expect(included.stdout.contains("\"new\": 1"), "\(included.stdout)")
    }

    /// mini-buildd's `dsc_url` is the .dsc that was ported; the written one is under debwork's own `dsc`.
    @Test func portsReportTheSourceDscAsDscURL() throws {
        let scratch = try TemporaryDirectory()
        let dsc = Fixtures.path("packages/dwnative_0.3.dsc")
        for given in [dsc, "file://" + dsc] {
            let out = scratch.appending("out-\(given.count)")
            let result = try run(["-J", "port_ext", given, "bookworm-test-unstable", "-u", "--maintainer", "T <t@example.org>",
                                  "--output-dir", out])
            #expect(result.status == 0, "\(result.stderr)")
            let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            #expect(list.first?["dsc_url"] as? String == "file://" + dsc)
            #expect((list.first?["dsc"] as? String)?.hasPrefix(out) == true)
        }
    }

    /// Python's `json.dumps` is the oracle for every escape `ensure_ascii` makes.
    @Test func jsonEscapesAreExactlyPythons() throws {
        let strings = ["plain", "é and ü", "emoji 🧪 beyond the BMP", "tab\tnew\nline\r", "\u{08}\u{0C}\u{01}\u{1F}\u{7F}",
                       "quote \" backslash \\ slash /", "\u{202E}bidi", ""]
        let value = JSONValue.object(strings.enumerated().map { ("k\($0.offset)", .string($0.element)) }
            + [("n", .null), ("b", .bool(true)), ("i", .int(-3)), ("d", .double(0.0)), ("a", .array([])), ("o", .object([]))])
        let mine = value.serializedAsPython() + "\n"
        #expect(try pythonReprint(mine) == mine)
    }
}
