import DebworkTestSupport
import Foundation
import Port
import Testing

/// Every generated upload judged by the Debian tools: dpkg-source, dpkg-parsechangelog, dscverify, dput -s,
/// reprepro include.
@Suite(.serialized) struct PortJudgeTests {
    struct Case: Sendable, CustomStringConvertible {
        var dsc: String
        var target: String
        var mode: PortMode
        var version: String
        var description: String { "\(dsc) -> \(target)" }
    }

    static let cases: [Case] = [
        Case(dsc: "packages/dwhello_1.1-1.dsc", target: "bullseye-test-unstable",
             mode: .internalPort(from: "bookworm-test-unstable"), version: "1.1-1~test11+1"),
        Case(dsc: "packages/dwhello_1.0-2.dsc", target: "bookworm-test-unstable", mode: .rebuild,
             version: "1.0-2+rebuilt20250116040000"),
        Case(dsc: "packages/dwnative_0.3.dsc", target: "bullseye-test-unstable", mode: .external(from: "file:///somewhere/dwnative_0.3.dsc"),
             version: "0.3~test11+1"),
        Case(dsc: "packages/dwnative_0.4.dsc", target: "bookworm-test-unstable", mode: .external(from: "x"),
             version: "0.4~test12+1"),
        Case(dsc: "packages/dwepoch_2.0-1.dsc", target: "bullseye-test-unstable", mode: .external(from: "x"),
             version: "1:2.0-1~test11+1"),
        Case(dsc: "packages/dwold_2.0-2.dsc", target: "bookworm-test-unstable",
             mode: .internalPort(from: "bullseye-test-unstable"), version: "2.0-2~test12+1"),
        Case(dsc: "packages/dwold_2.0-1.dsc", target: "bullseye-test-unstable", mode: .rebuild,
             version: "2.0-1+rebuilt20250116040000"),
    ]

    @Test(arguments: cases) func debianToolsAcceptTheUpload(_ item: Case) throws {
        let temp = try TemporaryDirectory("port-judge")
        let result = try #require(try PortFixture.port(Fixtures.path(item.dsc), targets: [item.target], mode: item.mode,
                                                      output: temp.appending("out")).first)
        #expect(result.version == item.version)

        let unpacked = temp.appending("x")
        let extract = try PortFixture.tool("dpkg-source", ["-x", result.dsc, unpacked])
        #expect(extract.status == 0, "dpkg-source -x: \(extract.stderr)")
        let parsed = try PortFixture.tool("dpkg-parsechangelog", ["-l", unpacked + "/debian/changelog", "-S", "Version"])
        #expect(parsed.stdout == item.version + "\n")
        let distribution = try PortFixture.tool("dpkg-parsechangelog", ["-l", unpacked + "/debian/changelog", "-S", "Distribution"])
        #expect(distribution.stdout == item.target + "\n")

        let verify = try PortFixture.tool("dscverify", ["-u", "--no-sig-check", result.changes])
        #expect(verify.status == 0, "dscverify: \(verify.stdout)\(verify.stderr)")

        let incoming = temp.appending("incoming")
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        let dputConfig = try temp.write("dput.cf", """
            [local-inc]
            method = local
            incoming = \(incoming)
            allow_unsigned_uploads = 1
            allowed_distributions = (?!UNRELEASED)

            """)
        let dput = try PortFixture.tool("dput", ["-c", dputConfig, "-s", "local-inc", result.changes])
        #expect(dput.status == 0, "dput -s: \(dput.stdout)\(dput.stderr)")

        let repo = temp.appending("repo")
        let make = try PortFixture.tool(Fixtures.path("make-fixtures.sh"), ["repo", repo])
        #expect(make.status == 0, "\(make.stderr)")
        let include = try PortFixture.tool("reprepro", ["-b", repo, "include", item.target, result.changes])
        #expect(include.status == 0, "reprepro include: \(include.stderr)")
    }

    @Test func signedUploadVerifiesWithGPG() throws {
        let temp = try TemporaryDirectory("port-sign")
        let home = temp.appending("gnupg")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let env = ["GNUPGHOME": home]
        let keygen = try PortFixture.tool("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "Test <t@example.org>",
                                                  "default", "default", "never"], environment: env)
        #expect(keygen.status == 0, "\(keygen.stderr)")
        setenv("GNUPGHOME", home, 1)
        defer { unsetenv("GNUPGHOME") }
        let result = try #require(try PortFixture.port(Fixtures.path("packages/dwhello_1.1-1.dsc"), targets: ["bullseye-test-unstable"],
                                                      mode: .external(from: "x"), output: temp.appending("out"),
                                                      signKey: "t@example.org").first)
        #expect(result.signed)
        for file in [result.dsc, result.changes] {
            #expect(try PortFixture.text(file).hasPrefix("-----BEGIN PGP SIGNED MESSAGE-----"))
            let verify = try PortFixture.tool("gpg", ["--verify", file], environment: env)
            #expect(verify.status == 0, "gpg --verify \(file): \(verify.stderr)")
        }
        // The .changes lists the signed .dsc: every checksum still matches.
        let check = try PortFixture.tool("dscverify", ["-u", "--no-sig-check", result.changes])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}
