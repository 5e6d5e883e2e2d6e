import DebworkTestSupport
import Foundation
import Testing

/// `index --keyring`: only distributions whose signature a trusted key made are read, as apt does; gpgv is the
/// judge, a throw-away GnuPG key signs.
@Suite(.serialized) struct ReleaseSignatureTests {
    struct Signer {
        let home: String
        let keyring: String
        let fingerprint: String
        var env: [String: String] { ["GNUPGHOME": home] }

        init(_ scratch: TemporaryDirectory, name: String) throws {
            home = scratch.appending("gnupg-\(name)")
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let generate = try runCommand("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "\(name) <\(name)@example.org>",
                                                  "default", "default", "never"], environment: ["GNUPGHOME": home])
            #expect(generate.status == 0, "\(generate.stderr)")
            keyring = scratch.appending("\(name).gpg")
            #expect(try runCommand("gpg", ["--batch", "--export", "--output", keyring], environment: ["GNUPGHOME": home]).status == 0)
            let listing = try runCommand("gpg", ["--batch", "--with-colons", "--list-keys"], environment: ["GNUPGHOME": home])
            fingerprint = String(listing.stdout.split(separator: "\n").first { $0.hasPrefix("fpr:") }?
                .split(separator: ":", omittingEmptySubsequences: false)[9] ?? "")
        }

        func clearsign(_ input: String, _ output: String) throws {
            let sign = try runCommand("gpg", ["--batch", "--yes", "--clearsign", "--output", output, input], environment: env)
            #expect(sign.status == 0, "\(sign.stderr)")
        }

        func detachSign(_ input: String, _ output: String) throws {
            let sign = try runCommand("gpg", ["--batch", "--yes", "--detach-sign", "--output", output, input], environment: env)
            #expect(sign.status == 0, "\(sign.stderr)")
        }
    }

    func distributions(_ index: String) throws -> [String: [String: Any]] {
        let status = try debwork(["status", "-J"], index: index)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let repositories = try #require((object["index"] as? [String: Any])?["repositories"] as? [[String: Any]])
        var result: [String: [String: Any]] = [:]
        for distribution in repositories.flatMap({ $0["distributions"] as? [[String: Any]] ?? [] }) {
            result[distribution["name"] as? String ?? ""] = distribution
        }
        return result
    }

    @Test func goodSignaturesAreReadAndEveryOtherDistributionIsRefused() throws {
        let scratch = try TemporaryDirectory()
        let trusted = try Signer(scratch, name: "trusted")
        let stranger = try Signer(scratch, name: "stranger")
        let repo = scratch.appending("repo")
        #expect(try runCommand("cp", ["-a", Fixtures.path("repo"), repo]).status == 0)
        let dists = repo + "/dists/"
        // unstable: InRelease by the trusted key; testing: Release + Release.gpg; stable: signed by a stranger;
        // experimental: InRelease whose content was changed after signing; the rest: not signed at all.
        try trusted.clearsign(dists + "bookworm-test-unstable/Release", dists + "bookworm-test-unstable/InRelease")
        try trusted.detachSign(dists + "bookworm-test-testing/Release", dists + "bookworm-test-testing/Release.gpg")
        try stranger.clearsign(dists + "bookworm-test-stable/Release", dists + "bookworm-test-stable/InRelease")
        try trusted.clearsign(dists + "bookworm-test-experimental/Release", dists + "bookworm-test-experimental/InRelease")
        let tampered = dists + "bookworm-test-experimental/InRelease"
        let text = try String(contentsOfFile: tampered, encoding: .utf8)
        try text.replacingOccurrences(of: "Suite: bookworm-test-experimental", with: "Suite: bookworm-test-stable")
            .write(toFile: tampered, atomically: true, encoding: .utf8)

        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", "--keyring", trusted.keyring, repo], index: index)
        #expect(indexed.status == 1)
        #expect(indexed.stderr.contains("E: \(dists)bookworm-test-stable/InRelease: signed by a key that is not in the given keyrings"),
                "\(indexed.stderr)")
        #expect(indexed.stderr.contains("E: \(tampered): bad signature"), "\(indexed.stderr)")
        #expect(indexed.stderr.contains("E: \(dists)bookworm-test-unstable-rollback0/Release: no signature to check"),
                "\(indexed.stderr)")
        let known = try distributions(index)
        #expect(known["bookworm-test-unstable"]?["signed_by"] as? String == trusted.fingerprint)
        #expect(known["bookworm-test-testing"]?["signed_by"] as? String == trusted.fingerprint)
        #expect(known["bookworm-test-unstable"]?["sources"] as? Int == 2)
        // Refused distributions hold nothing (configured ones stay known, exported: false).
        #expect(known["bookworm-test-stable"]?["exported"] as? Bool == false)
        #expect(known["bookworm-test-experimental"]?["exported"] as? Bool == false)

        // Without --keyring nothing is checked and everything is read again, unsigned.
        let plain = try debwork(["index", repo], index: index)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try distributions(index)["bookworm-test-stable"]?["exported"] as? Bool == true)
        // With the keyring again: the unchanged unstable is verified again, the stranger's stable is dropped.
        let again = try debwork(["index", "--keyring", trusted.keyring, repo], index: index)
        #expect(again.status == 1)
        let rechecked = try distributions(index)
        #expect(rechecked["bookworm-test-unstable"]?["signed_by"] as? String == trusted.fingerprint)
        #expect(rechecked["bookworm-test-stable"]?["exported"] as? Bool == false)
    }
}
