import DebworkTestSupport
import Foundation
import Testing

/// `debwork test_packages` and `debwork keyring_packages` end to end (the latter with an ephemeral GnuPG key).
@Suite(.serialized) struct TemplateCommandTests {
    static let env = ["DEBFULLNAME": "Port Tester", "DEBEMAIL": "porter@example.org", "SOURCE_DATE_EPOCH": "1737000000"]

    @Test func testPackagesSelectsSources() throws {
        let temp = try TemporaryDirectory("test-packages-cli")
        let result = try debwork(["test_packages", "--output-dir", temp.appending("out"), "-S", "mbd-test-cpp",
                                  "-D", "bookworm-test-unstable"], index: temp.appending("none.sqlite"), environment: Self.env)
        #expect(result.status == 0, "\(result.stderr)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: temp.appending("out"))
        #expect(folders == ["mbd-test-cpp_20250116040000"])
        let changes = temp.appending("out/mbd-test-cpp_20250116040000/bookworm-test-unstable/mbd-test-cpp_20250116040000~test12+1_source.changes")
        let verify = try runCommand("dscverify", ["-u", "--no-sig-check", changes])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

        let json = try debwork(["test_packages", "-J", "--output-dir", temp.appending("json"), "-S", "mbd-test-archall",
                                "mbd-test-ftbfs", "-D", "bookworm-test-unstable"], index: temp.appending("none.sqlite"),
                               environment: Self.env)
        #expect(json.status == 0, "\(json.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["source"] as? String } == ["mbd-test-archall", "mbd-test-ftbfs"])

        let unknown = try debwork(["test_packages", "-S", "mbd-test-nope", "-D", "bookworm-test-unstable"],
                                  index: temp.appending("none.sqlite"), environment: Self.env)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("mbd-test-nope"))
    }

    @Test func keyringPackagesNeedsASignKey() throws {
        let temp = try TemporaryDirectory("keyring-cli-nokey")
        let result = try debwork(["keyring_packages", "--output-dir", temp.path, "-D", "bookworm-test-unstable"],
                                 index: temp.appending("none.sqlite"), environment: Self.env)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("E: keyring_packages needs the instance's key"))
    }

    @Test func keyringPackageHoldsTheDearmoredKeyAndIsSigned() throws {
        let temp = try TemporaryDirectory("keyring-cli")
        let home = temp.appending("gnupg")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var env = Self.env
        env["GNUPGHOME"] = home
        let keygen = try runCommand("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "Test <t@example.org>",
                                            "default", "default", "never"], environment: env)
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let index = temp.appending("index.sqlite")
        let indexed = try debwork(["index", Fixtures.path("repo")], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")

        let out = temp.appending("out")
        let result = try debwork(["keyring_packages", "--output-dir", out, "--sign-key", "t@example.org",
                                  "-D", "bookworm-test-unstable"], index: index, environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first)
        #expect(folder == "debwork-archive-keyring_20250116040000")
        let upload = out + "/" + folder + "/bookworm-test-unstable/"
        let dsc = upload + "debwork-archive-keyring_20250116040000~test12+1.dsc"
        let changes = upload + "debwork-archive-keyring_20250116040000~test12+1_source.changes"
        for file in [dsc, changes] {
            let check = try runCommand("gpg", ["--verify", file], environment: env)
            #expect(check.status == 0, "gpg --verify \(file): \(check.stderr)")
        }
        let verify = try runCommand("dscverify", ["-u", "--no-sig-check", changes])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

        let unpacked = temp.appending("x")
        let extract = try runCommand("dpkg-source", ["-x", dsc, unpacked])
        #expect(extract.status == 0, "\(extract.stderr)")
        let exported = try runCommand("gpg", ["--batch", "--export", "--output", temp.appending("key.gpg"), "t@example.org"],
                                      environment: env)
        #expect(exported.status == 0)
        let shipped = try Data(contentsOf: URL(fileURLWithPath: unpacked + "/debwork-archive-keyring.gpg"))
        #expect(shipped == (try Data(contentsOf: URL(fileURLWithPath: temp.appending("key.gpg")))))
        let install = try String(contentsOfFile: unpacked + "/debian/install", encoding: .utf8)
        #expect(install.contains("debwork-archive-keyring.gpg usr/share/keyrings/"))
        #expect(install.contains("mini-buildd-debwork.json etc/dput.d/profiles/"))
        let list = try String(contentsOfFile: unpacked + "/debwork.list", encoding: .utf8)
        #expect(list.contains("deb [signed-by=/usr/share/keyrings/debwork-archive-keyring.gpg] "))
        let profile = try Data(contentsOf: URL(fileURLWithPath: unpacked + "/mini-buildd-debwork.json"))
        #expect((try JSONSerialization.jsonObject(with: profile)) is [String: Any])

        // The changelog is what mini-buildd's own commands make (package.py): `debchange --create` with its text,
        // then port_ext's `debchange --newversion … --dist …` rewriting that UNRELEASED block, then `--append` its
        // comment (`External port from: <dsc url>`) and the option.
        let changelog = try String(contentsOfFile: unpacked + "/debian/changelog", encoding: .utf8)
        let sha1 = try #require(changelog.split(separator: "\n").first { $0.hasSuffix(".") && $0.count == 45 }?
            .trimmingCharacters(in: .whitespaces).dropLast())
        // The URL is laid out over two lines (broken after a `-`).
        let url = try #require(changelog.replacingOccurrences(of: "-\n    ", with: "-")
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix("file://") }?
            .trimmingCharacters(in: .whitespacesAndNewlines))
        let oracle = temp.appending("oracle")
        try FileManager.default.createDirectory(atPath: oracle + "/debian", withIntermediateDirectories: true)
        var dchEnv = Self.env
        dchEnv["DEBFULLNAME"] = "Port Tester"
        for arguments in [
            ["--create", "--package", "debwork-archive-keyring", "--newversion", "20250116040000",
             "Automatic keyring package for archive 'debwork'."],
            ["--newversion", "20250116040000~test12+1", "--force-distribution", "--force-bad-version", "--preserve",
             "--dist", "bookworm-test-unstable", "Automated port via mini-buildd (no changes). Original DSC's SHA1: \(sha1)."],
            ["--append", "External port from: \(url)"],
            ["--append", "MINI_BUILDD_OPTION: lintian-mode=ignore"],
        ] {
            let dch = try runCommand("dch", arguments, environment: dchEnv, directory: oracle)
            #expect(dch.status == 0, "dch \(arguments): \(dch.stderr)")
        }
        let expected = try String(contentsOfFile: oracle + "/debian/changelog", encoding: .utf8)
        func withoutTrailer(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix(" -- ") } }
        #expect(withoutTrailer(changelog) == withoutTrailer(expected), "\(changelog)\n---\n\(expected)")
    }
}
