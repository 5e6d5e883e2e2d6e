import DebworkTestSupport
import Foundation
import Port
import Testing

/// A fixture port pinned byte for byte: changelog, .dsc and .changes.
@Suite struct PortGoldenTests {
    @Test func quiltPortFromBookwormToBullseye() throws {
        let temp = try TemporaryDirectory("port-golden")
        let results = try PortFixture.port(Fixtures.path("packages/dwhello_1.1-1.dsc"), targets: ["bullseye-test-unstable"],
                                           mode: .internalPort(from: "bookworm-test-unstable"), output: temp.path)
        let result = try #require(results.first)
        #expect(result.version == "1.1-1~test11+1")
        let unpacked = temp.appending("x")
        let extract = try PortFixture.tool("dpkg-source", ["--no-check", "--skip-patches", "-x", result.dsc, unpacked])
        #expect(extract.status == 0, "\(extract.stderr)")
        let changelog = try PortFixture.text(unpacked + "/debian/changelog")
        #expect(Golden.check(changelog, name: "port-dwhello-changelog.txt") == nil)
        #expect(Golden.check(try PortFixture.text(result.dsc), name: "port-dwhello.dsc") == nil)
        #expect(Golden.check(try PortFixture.text(result.changes), name: "port-dwhello.changes") == nil)
    }

    @Test func nativePortGolden() throws {
        let temp = try TemporaryDirectory("port-golden-native")
        let results = try PortFixture.port(Fixtures.path("packages/dwnative_0.4.dsc"), targets: ["bookworm-test-experimental"],
                                           mode: .internalPort(from: "bookworm-test-unstable"), output: temp.path)
        let result = try #require(results.first)
        #expect(result.version == "0.4~test12+0")
        #expect(Golden.check(try PortFixture.text(result.changes), name: "port-dwnative.changes") == nil)
    }
}
