import DebianFormats
import DebworkTestSupport
import Foundation
import Port
import Testing

/// The generated template packages judged by dpkg-source (unpack, rebuild: same .dsc fields), and their
/// ports by dscverify and dput -s.
@Suite(.serialized) struct TemplatePackageTests {
    static let writer = TemplateWriter(version: TemplateWriter.dateVersion(PortFixture.timestamp),
                                       maintainer: PortFixture.porter, timestamp: PortFixture.timestamp)

    @Test func dateVersionIsTheUTCStamp() {
        #expect(Self.writer.version == "20250116040000")
    }

    @Test(arguments: TemplatePackage.testPackageNames)
    func dpkgSourceRebuildsTheSameDsc(_ name: String) throws {
        let template = try #require(TemplatePackage.testPackages.first { $0.name == name })
        try Self.assertDpkgSourceAgrees(template)
    }

    @Test(arguments: TemplatePackage.testPackageNames)
    func portedUploadsPassDscverifyAndDput(_ name: String) throws {
        let template = try #require(TemplatePackage.testPackages.first { $0.name == name })
        try Self.assertPortsAreAccepted(template)
    }

    // MARK: Judges

    static func assertDpkgSourceAgrees(_ template: TemplatePackage) throws {
        let temp = try TemporaryDirectory("template-dsc")
        let dsc = try writer.write(template, into: temp.appending("gen"))
        let unpacked = temp.appending("x")
        let extract = try PortFixture.tool("dpkg-source", ["-x", dsc, unpacked])
        #expect(extract.status == 0, "dpkg-source -x: \(extract.stderr)")
        let rules = try FileManager.default.attributesOfItem(atPath: unpacked + "/debian/rules")
        #expect((rules[.posixPermissions] as? Int) == 0o755)

        let rebuilt = temp.appending("b")
        try FileManager.default.createDirectory(atPath: rebuilt, withIntermediateDirectories: true)
        let build = try PortFixture.tool("dpkg-source", ["-b", unpacked], directory: rebuilt)
        #expect(build.status == 0, "dpkg-source -b: \(build.stdout)\(build.stderr)")
        let ours = try fields(dsc)
        let theirs = try fields(rebuilt + "/" + URL(fileURLWithPath: dsc).lastPathComponent)
        #expect(ours.map(\.name) == theirs.map(\.name))
        let checksums: Set<String> = ["Checksums-Sha1", "Checksums-Sha256", "Files"]
        for (mine, real) in zip(ours, theirs) where !checksums.contains(mine.name) {
            #expect(mine.value == real.value, "field \(mine.name)")
        }
    }

    static func assertPortsAreAccepted(_ template: TemplatePackage) throws {
        let temp = try TemporaryDirectory("template-port")
        let dsc = try writer.write(template, into: temp.appending("gen"))
        let results = try PortFixture.port(dsc, targets: ["bookworm-test-unstable", "bullseye-test-unstable"],
                                           mode: .external(from: "file://" + dsc), output: temp.appending("out"))
        #expect(results.map(\.version) == [writer.version + "~test12+1", writer.version + "~test11+1"])
        let incoming = temp.appending("incoming")
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        let dputConfig = try temp.write("dput.cf", """
            [local-inc]
            method = local
            incoming = \(incoming)
            allow_unsigned_uploads = 1

            """)
        for result in results {
            let verify = try PortFixture.tool("dscverify", ["-u", "--no-sig-check", result.changes])
            #expect(verify.status == 0, "dscverify: \(verify.stdout)\(verify.stderr)")
            let dput = try PortFixture.tool("dput", ["-c", dputConfig, "-s", "local-inc", result.changes])
            #expect(dput.status == 0, "dput -s: \(dput.stdout)\(dput.stderr)")
            let unpacked = temp.appending("x-" + result.distribution)
            let extract = try PortFixture.tool("dpkg-source", ["-x", result.dsc, unpacked])
            #expect(extract.status == 0, "dpkg-source -x: \(extract.stderr)")
        }
    }

    static func fields(_ path: String) throws -> [Deb822Field] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        return try #require(try Deb822Document.parse(bytes: bytes, file: path).paragraphs.first).fields
    }
}


