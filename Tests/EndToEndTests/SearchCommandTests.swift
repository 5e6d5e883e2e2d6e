import DebworkTestSupport
import Foundation
import Testing

/// `debwork search` run as a user would: golden JSON, human listings, exit codes, hostile input.
@Suite struct SearchCommandTests {
    /// An index of the good fixtures made with the built binary, once for the suite.
    enum SharedIndex {
        static let directory = try! TemporaryDirectory("debwork-search-e2e")
        static let path: String = {
            let index = directory.appending("index.sqlite")
            let result = try! debwork(["index", Fixtures.path("packages"), Fixtures.path("uploads"), Fixtures.path("repo")],
                                      index: index)
            precondition(result.status == 0, result.stderr)
            return index
        }()
    }

    func search(_ arguments: [String]) throws -> CommandResult {
        try debwork(["search"] + arguments, index: SharedIndex.path)
    }

    @Test(arguments: [
        ("search-dw.json", ["-J", "dw"]),
        ("search-doc.json", ["-J", "DOC"]),
        ("search-latest-stable.json", ["-J", "--latest", "--distribution", "bookworm-test-stable", "*"]),
        ("search-path-bin.json", ["-J", "--path", "/usr/bin/", "--area", "repositories"]),
        ("search-path-glob.json", ["-J", "--path", "debian/*.patch"]),
        ("search-text.json", ["-J", "--text", "\"multi-language\" OR closes", "--limit", "5"]),
    ])
    func goldenJSON(_ name: String, _ arguments: [String]) throws {
        let result = try search(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        if let difference = Golden.check(result.stdout, name: name) { Issue.record("\(difference)") }
    }

    @Test func nothingFoundIsEmptyJSONAndExitZero() throws {
        let names = try search(["-J", "no-such-package"])
        #expect(names.status == 0 && names.stdout == "{}\n")
        let paths = try search(["-J", "--path", "/no/such/file"])
        #expect(paths.status == 0 && paths.stdout == "{\n  \"schema\": 1,\n  \"hits\": []\n}\n")
        let human = try search(["no-such-package"])
        #expect(human.status == 0 && human.stdout.isEmpty)
    }

    @Test func humanListings() throws {
        let names = try search(["dwold", "--area", "builds"])
        #expect(names.stdout == """
            dwold  builds  dwold_2.0-1_all.deb
            dwold  builds  dwold_2.0-2_all.deb

            """)
        let paths = try search(["--path", "finish-install.d", "--area", "builds"])
        #expect(paths.stdout == "dwnative-udeb: /usr/lib/finish-install.d/50dwnative  0.4  all  builds  dwnative-udeb_0.4_all.udeb\n")
        let text = try search(["--text", "finish", "--limit", "1"])
        #expect(text.stdout.split(separator: "\n").count == 2)
        #expect(text.stdout.contains("[finish"))
    }

    @Test func usageAndErrors() throws {
        #expect(try search([]).status == 64)
        #expect(try search(["--path", "--text", "x"]).status == 64)
        #expect(try search(["--where", "x", "--path"]).status == 64)
        #expect(try search(["--area", "attic", "x"]).status == 64)
        #expect(try search(["--limit", "0", "x"]).status == 64)
        let unknown = try search(["--distribution", "sid-x-y", "x"])
        #expect(unknown.status == 1 && unknown.stderr == "E: no distribution 'sid-x-y' in the index (see 'debwork status')\n")
        let noIndex = try debwork(["search", "x"], index: SharedIndex.directory.appending("missing.sqlite"))
        #expect(noIndex.status == 1 && noIndex.stderr.hasPrefix("E: "))
    }

    @Test(arguments: ["\"", "'", "*", ")", "NEAR(", "-", "^", "%", "_", "\\", "' OR 1=1 --", "[!", "日本語 🙂",
                      String(repeating: "(\"*", count: 3000)])
    func hostileQueries(_ input: String) throws {
        for mode in [[], ["--path"], ["--text"], ["--where"]] {
            let result = try search(mode + [input])
            if result.status == 0 { continue }
            #expect(result.status == 1, "\(mode) \(input.prefix(30)): status \(result.status)")
            // One E: line; a --where syntax error adds the query and a caret under the bad position.
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(result.stderr.hasPrefix("E: ") && lines.count == (mode == ["--where"] && lines.count == 3 ? 3 : 1),
                    "\(mode): \(result.stderr.prefix(200))")
            if lines.count == 3 { #expect(lines[2].hasSuffix("^")) }
            #expect(!result.stderr.contains("sqlite") && !result.stderr.contains("syntax error"), "\(result.stderr)")
        }
    }
}
