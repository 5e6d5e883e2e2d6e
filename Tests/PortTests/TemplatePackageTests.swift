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

    /// mbd-test-cpp's program builds with its Makefile (g++, libcrypto) and prints a SHA-256; mbd-test-ftbfs's
    /// build step fails (its `debian/rules` override run alone, without debhelper).
    @Test func cppBuildsAndFtbfsFails() throws {
        let temp = try TemporaryDirectory("template-build")
        for name in ["mbd-test-cpp", "mbd-test-ftbfs"] {
            let template = try #require(TemplatePackage.testPackages.first { $0.name == name })
            let dsc = try Self.writer.write(template, into: temp.appending("gen"))
            let extract = try PortFixture.tool("dpkg-source", ["-x", dsc, temp.appending(name)])
            #expect(extract.status == 0, "\(extract.stderr)")
        }
        let make = try PortFixture.tool("make", ["-C", temp.appending("mbd-test-cpp")])
        #expect(make.status == 0, "\(make.stdout)\(make.stderr)")
        let run = try PortFixture.tool(temp.appending("mbd-test-cpp/mbd-test-cpp"), ["abc"])
        #expect(run.stdout == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n")
        let ftbfs = try PortFixture.tool("make", ["-f", "debian/rules", "override_dh_auto_build"],
                                         directory: temp.appending("mbd-test-ftbfs"))
        #expect(ftbfs.status != 0)
        #expect(ftbfs.stderr.contains("failing to build on purpose"))
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


