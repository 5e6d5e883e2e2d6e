import ConfigurationFile
import DebworkTestSupport
import Foundation
import Port
import Query
import Testing

/// The `[port]` configuration table and its precedence: flags, then DEBFULLNAME/DEBEMAIL, then configuration.
@Suite struct PortConfigurationTests {
    static func configuration(_ text: String) throws -> Configuration {
        try Configuration(document: TOMLDocument.parse(text, file: "config.toml"), file: "config.toml")
    }

    @Test func portTableIsRead() throws {
        let configuration = try Self.configuration("""
            [port]
            maintainer = "Jane Porter <jane@example.org>"
            sign_key = "0xDEADBEEF"
            keyrings = ["/a.gpg", "/b.gpg"]
            """)
        #expect(configuration.maintainer == "Jane Porter <jane@example.org>")
        #expect(configuration.signKey == "0xDEADBEEF")
        #expect(configuration.keyrings == ["/a.gpg", "/b.gpg"])
        let empty = try Self.configuration("")
        #expect(empty.maintainer == nil && empty.signKey == nil && empty.keyrings.isEmpty)
    }

    @Test(arguments: [
        ("[port]\nmaintaner = \"A <a@b>\"", "config.toml: unknown key 'port.maintaner' (known: maintainer, sign_key, keyrings)"),
        ("[port]\nmaintainer = \"Jane\"", "config.toml: 'port.maintainer' must be 'Name <email>', not 'Jane'"),
        ("[port]\nmaintainer = \"<jane@example.org>\"", "config.toml: 'port.maintainer' must be 'Name <email>', not '<jane@example.org>'"),
        ("[port]\nsign_key = \"two words\"", "config.toml: 'port.sign_key' must be a key id or fingerprint, not 'two words'"),
        ("[port]\nkeyrings = \"/a.gpg\"", "config.toml: 'port.keyrings' must be a list of file paths"),
        ("[port]\nkeyrings = [\"/a.gpg\", 3]", "config.toml: 'port.keyrings' must be a list of file paths"),
    ])
    func badPortTableIsRejected(text: String, message: String) throws {
        #expect { try Self.configuration(text) } throws: { "\($0)" == message }
    }

    @Test func porterPrecedence() throws {
        let env = ["DEBFULLNAME": "Env Name", "DEBEMAIL": "env@example.org"]
        let none: [String: String] = [:]
        #expect(try Porter.identity(flag: "Flag <f@example.org>", environment: { env[$0] }, configured: "C <c@example.org>")
                == "Flag <f@example.org>")
        #expect(try Porter.identity(environment: { env[$0] }, configured: "C <c@example.org>") == "Env Name <env@example.org>")
        // Half an identity in the environment does not count.
        #expect(try Porter.identity(environment: { ["DEBEMAIL": "env@example.org"][$0] }, configured: "C <c@example.org>")
                == "C <c@example.org>")
        #expect(throws: PortError.self) { try Porter.identity(environment: { none[$0] }) }
        #expect(throws: PortError.self) { try Porter.identity(flag: "no email", environment: { env[$0] }) }
    }

    @Test func commandUsesConfiguredPorterKeyAndKeyrings() throws {
        let temp = try TemporaryDirectory("port-config")
        let key = try PortFixture.ephemeralKey(temp)
        let gpgEnv = ["GNUPGHOME": key.home]
        // A signed copy of dwnative_0.4 and a keyring holding the key.
        let signed = temp.appending("signed")
        try FileManager.default.createDirectory(atPath: signed, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("packages/dwnative_0.4.tar.gz"), toPath: signed + "/dwnative_0.4.tar.gz")
        let sign = try PortFixture.tool("gpg", ["--batch", "--yes", "--clearsign", "--local-user", key.fingerprint, "--output",
                                                signed + "/dwnative_0.4.dsc", Fixtures.path("packages/dwnative_0.4.dsc")],
                                        environment: gpgEnv)
        #expect(sign.status == 0, "\(sign.stderr)")
        let keyring = temp.appending("trusted.gpg")
        let export = try PortFixture.tool("gpg", ["--batch", "--yes", "--output", keyring, "--export", key.fingerprint],
                                          environment: gpgEnv)
        #expect(export.status == 0, "\(export.stderr)")
        let config = temp.appending("config.toml")
        try Data("""
            [port]
            maintainer = "Config Porter <config@example.org>"
            sign_key = "\(key.fingerprint)"
            keyrings = ["\(keyring)"]
            """.utf8).write(to: URL(fileURLWithPath: config))
        let env = gpgEnv.merging(["DEBFULLNAME": "", "DEBEMAIL": "", "NAME": "", "EMAIL": "", "SOURCE_DATE_EPOCH": "1737000000"]) { $1 }
        let result = try debwork(["port_ext", "-J", "--config", config, "--output-dir", temp.appending("out"),
                                  signed + "/dwnative_0.4.dsc", "bookworm-test-unstable"],
                                 index: temp.appending("none.sqlite"), environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"signed\": true"))
        let changes = temp.appending("out/bookworm-test-unstable/dwnative_0.4~test12+1_source.changes")
        let text = try PortFixture.text(changes)
        #expect(text.hasPrefix("-----BEGIN PGP SIGNED MESSAGE-----"))
        #expect(text.contains("\nChanged-By: Config Porter <config@example.org>\n"))
        let verify = try PortFixture.tool("gpg", ["--verify", changes], environment: gpgEnv)
        #expect(verify.status == 0, "\(verify.stderr)")
        // The environment beats the configuration, the flag beats both; a --keyring replaces the configured ones.
        let env2 = env.merging(["DEBFULLNAME": "Env Porter", "DEBEMAIL": "env@example.org"]) { $1 }
        let flagged = try debwork(["port_ext", "--config", config, "--output-dir", temp.appending("out2"),
                                   "--maintainer", "Flag Porter <flag@example.org>",
                                   signed + "/dwnative_0.4.dsc", "bookworm-test-unstable"],
                                  index: temp.appending("none.sqlite"), environment: env2)
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(try PortFixture.text(temp.appending("out2/bookworm-test-unstable/dwnative_0.4~test12+1_source.changes"))
                .contains("\nChanged-By: Flag Porter <flag@example.org>\n"))
        let fromEnv = try debwork(["port_ext", "--config", config, "--output-dir", temp.appending("out3"),
                                   signed + "/dwnative_0.4.dsc", "bookworm-test-unstable"],
                                  index: temp.appending("none.sqlite"), environment: env2)
        #expect(fromEnv.status == 0, "\(fromEnv.stderr)")
        #expect(try PortFixture.text(temp.appending("out3/bookworm-test-unstable/dwnative_0.4~test12+1_source.changes"))
                .contains("\nChanged-By: Env Porter <env@example.org>\n"))
        let wrongKeyring = try debwork(["port_ext", "--config", config, "--keyring", Fixtures.path("packages/dwnative_0.4.dsc"),
                                        "--output-dir", temp.appending("out4"), signed + "/dwnative_0.4.dsc",
                                        "bookworm-test-unstable"], index: temp.appending("none.sqlite"), environment: env2)
        #expect(wrongKeyring.status == 1)
    }
}
