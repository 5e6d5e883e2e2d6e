import DebworkTestSupport
import Foundation
import Testing

/// The built binary, run as a user would: exit codes, stderr format, JSON shape.
@Suite struct CommandLineTests {
    @Test func versionAndHelp() throws {
        let version = try debwork(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.split(separator: ".").count == 3)
        let help = try debwork(["--help"])
        for call in ["index", "status", "vercmp"] { #expect(help.stdout.contains(call)) }
    }

    @Test func usageErrorsExit64() throws {
        #expect(try debwork(["no-such-call"]).status == 64)
        #expect(try debwork(["vercmp", "1.0"]).status == 64)
        #expect(try debwork(["vercmp", "1.0", "lessthan", "2.0"]).status == 64)
        #expect(try debwork(["index", "--jobs", "0", "x"]).status == 64)
    }

    @Test(arguments: [
        ("1.0", "2.0", "<"), ("1.0~rc1", "1.0", "<"), ("1:0.9", "2.0", ">"), ("1.0-1", "1.0-1", "="),
        ("1.0", "1.0-0", "="), ("2.0~~", "2.0~", "<"), ("1.0-2~bpo12+1", "1.0-2~deb12u1", "<"),
    ])
    func vercmpPrintsTheOrder(_ a: String, _ b: String, _ expected: String) throws {
        let result = try debwork(["vercmp", a, b])
        #expect(result.status == 0)
        #expect(result.stdout == expected + "\n")
    }

    @Test(arguments: ["lt", "le", "eq", "ne", "ge", "gt", "lt-nl", "gt-nl", "<<", ">>", "<=", ">=", "="])
    func vercmpExitCodesMatchDpkg(_ relation: String) throws {
        for (a, b) in [("1.0", "1.1"), ("1.1", "1.0"), ("1.0", "1.0"), ("", "1.0"), ("1.0", "")] {
            let dpkg = try runCommand("dpkg", ["--compare-versions", a, relation, b])
            let ours = try debwork(["vercmp", a, relation, b])
            #expect(ours.status == dpkg.status, "\(a) \(relation) \(b): dpkg \(dpkg.status), debwork \(ours.status) \(ours.stderr)")
        }
    }

    @Test func invalidVersionIsAnErrorLikeDpkg() throws {
        let result = try debwork(["vercmp", "1 .0", "lt", "2"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("E: "))
        #expect(result.stderr.contains("1 .0"))
    }

    @Test func indexReportsBadFilesAndIndexesTheRest() throws {
        let scratch = try TemporaryDirectory()
        let index = scratch.appending("index.sqlite")
        let result = try debwork(["index", Fixtures.path("bad"), Fixtures.path("packages")], index: index)
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("E: ") }
        #expect(errors.count >= 12)
        for line in errors {
            #expect(line.hasPrefix("E: " + Fixtures.root) || line.hasPrefix("E: /"), "names the file: \(line)")
        }
        #expect(errors.contains { $0.contains("bomb.deb") && $0.contains("decompression bomb") })
        #expect(result.stdout.contains(" failed"))
        let status = try debwork(["status", "-J"], index: index)
        #expect(status.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let indexInfo = try #require(object["index"] as? [String: Any])
        let packages = try #require(indexInfo["packages"] as? [String: Any])
        #expect((packages["binaries"] as? Int ?? 0) >= 12)
    }

    @Test func statusJSONKeepsMiniBuilddKeyOrder() throws {
        let scratch = try TemporaryDirectory()
        let index = scratch.appending("index.sqlite")
        _ = try debwork(["index", Fixtures.path("repo")], index: index)
        let status = try debwork(["status", "--json"], index: index)
        let keys = status.stdout.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            $0.dropFirst(3).prefix { $0 != "\"" }
        }
        #expect(keys == ["schema", "version", "identity", "url", "incoming_url", "load", "chroots", "remotes", "repositories", "index"])
        #expect(status.stdout.contains("\"codenames\": [\n        \"bookworm\",\n        \"bullseye\"\n      ]"))
        // Reproducible: same index, same bytes.
        #expect(try debwork(["status", "--json"], index: index).stdout == status.stdout)
    }

    @Test func missingIndexAndNotAnIndexAreOneLineErrors() throws {
        let scratch = try TemporaryDirectory()
        let missing = try debwork(["status"], index: scratch.appending("none.sqlite"))
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("E: ") && missing.stderr.contains("run 'debwork index"))
        let garbage = try scratch.write("bad.sqlite", String(repeating: "x", count: 4096))
        let notSQLite = try debwork(["status", "--index", garbage])
        #expect(notSQLite.status == 1)
        #expect(notSQLite.stderr == "E: \(garbage): not an SQLite database (is --index pointing at the right file?)\n")
    }

    @Test func unreadableFileIsReportedAsSuch() throws {
        guard getuid() == 0, Fixtures.hasTool("setpriv") else {
            // Not root: a chmod 000 file is unreadable to us directly.
            let scratch = try TemporaryDirectory()
            let deb = try scratch.copy(Fixtures.path("packages/dwnative_0.3_all.deb"))
            chmod(deb, 0)
            let result = try debwork(["index", deb], index: scratch.appending("i.sqlite"))
            #expect(result.status == 1 && result.stderr.contains("Permission denied"))
            return
        }
        // As root every file is readable: run debwork as 'nobody' instead.
        let scratch = try TemporaryDirectory()
        chmod(scratch.path, 0o777)
        let deb = try scratch.copy(Fixtures.path("packages/dwnative_0.3_all.deb"))
        chmod(deb, 0)
        let result = try runCommand("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups",
                                                Fixtures.debworkBinary, "index", "--index", scratch.appending("i.sqlite"), deb],
                                    environment: ["HOME": scratch.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(deb): cannot open file: Permission denied"), "stderr: \(result.stderr)")
    }
}
