import DebworkTestSupport
import Foundation
import Testing

/// `debwork pub_key`: the armoured public key of an ephemeral key, from the flag or the configuration.
@Suite struct PubKeyTests {
    @Test func exportsConfiguredOrGivenKey() throws {
        let temp = try TemporaryDirectory("pub-key")
        let key = try PortFixture.ephemeralKey(temp)
        let env = ["GNUPGHOME": key.home]
        let flagged = try debwork(["pub_key", "--config", "/dev/null", "--sign-key", key.fingerprint], environment: env)
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(flagged.stdout.hasPrefix("-----BEGIN PGP PUBLIC KEY BLOCK-----\n"))
        #expect(flagged.stdout.hasSuffix("-----END PGP PUBLIC KEY BLOCK-----\n"))
        // gpg itself reads it back as the same key.
        let file = temp.appending("key.asc")
        try Data(flagged.stdout.utf8).write(to: URL(fileURLWithPath: file))
        let show = try PortFixture.tool("gpg", ["--batch", "--with-colons", "--show-keys", file], environment: env)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("fpr:::::::::\(key.fingerprint):"))

        let config = temp.appending("config.toml")
        try Data("[port]\nsign_key = \"\(key.fingerprint)\"\n".utf8).write(to: URL(fileURLWithPath: config))
        let configured = try debwork(["pub_key", "--config", config], environment: env)
        #expect(configured.status == 0, "\(configured.stderr)")
        #expect(configured.stdout == flagged.stdout)
    }

    @Test func clearErrors() throws {
        let temp = try TemporaryDirectory("pub-key-errors")
        let home = temp.appending("gnupg")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let none = try debwork(["pub_key", "--config", "/dev/null"], environment: ["GNUPGHOME": home])
        #expect(none.status == 1)
        #expect(none.stderr == "E: no signing key configured: pass --sign-key KEYID or set sign_key in the configuration's [port] table\n")
        let unknown = try debwork(["pub_key", "--config", "/dev/null", "--sign-key", "0x0123456789ABCDEF"],
                                  environment: ["GNUPGHOME": home])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "E: gpg has no public key '0x0123456789ABCDEF' in GNUPGHOME '\(home)'\n")
        #expect(unknown.stdout.isEmpty)
    }
}
