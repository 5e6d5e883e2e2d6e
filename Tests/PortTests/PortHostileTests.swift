import DebianFormats
import DebworkTestSupport
import Foundation
import Port
import Testing

/// Hostile or clashing inputs: a clear error and nothing written.
@Suite struct PortHostileTests {
    @Test func wrongChecksumsAreRefused() throws {
        let temp = try TemporaryDirectory("port-bad")
        let output = temp.appending("out")
        #expect(throws: (any Error).self) {
            try PortFixture.port(Fixtures.path("bad/bad-checksum.dsc"), targets: ["bullseye-test-unstable"],
                                 mode: .external(from: "x"), output: output)
        }
        do {
            _ = try PortFixture.port(Fixtures.path("bad/bad-checksum.dsc"), targets: ["bullseye-test-unstable"],
                                     mode: .external(from: "x"), output: output)
        } catch {
            #expect("\(error)".contains("mismatch"))
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func dotDotMemberInDebianTarballIsRefused() throws {
        let temp = try TemporaryDirectory("port-dotdot")
        let orig = try temp.copy(Fixtures.path("packages/dwhello_1.0.orig.tar.gz"))
        _ = orig
        let tarball = temp.appending("dwhello_1.0-1.debian.tar.xz")
        let script = """
            import io, lzma, tarfile, sys
            src, dst = sys.argv[1], sys.argv[2]
            with tarfile.open(src) as old, lzma.open(dst, "wb") as raw, tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as new:
                for member in old.getmembers():
                    new.addfile(member, old.extractfile(member) if member.isfile() else None)
                evil = tarfile.TarInfo("debian/../../evil")
                data = b"owned\\n"
                evil.size = len(data)
                new.addfile(evil, io.BytesIO(data))
            """
        let make = try runCommand("python3", ["-c", script, Fixtures.path("packages/dwhello_1.0-1.debian.tar.xz"), tarball])
        #expect(make.status == 0, "\(make.stderr)")
        // A .dsc with correct checksums for the hostile tarball.
        let original = try Deb822Document.parse(try PortFixture.text(Fixtures.path("packages/dwhello_1.0-1.dsc")), file: "dsc")
        let files = try [temp.appending("dwhello_1.0.orig.tar.gz"), tarball].map { path in
            let md5 = try runCommand("md5sum", [path]).stdout.prefix(32)
            let sha1 = try runCommand("sha1sum", [path]).stdout.prefix(40)
            let sha256 = try runCommand("sha256sum", [path]).stdout.prefix(64)
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            return UploadFile(name: URL(fileURLWithPath: path).lastPathComponent, size: Int64(size), md5: String(md5),
                              sha1: String(sha1), sha256: String(sha256))
        }
        let dsc = try temp.write("dwhello_1.0-1.dsc", UploadWriter.dsc(from: try #require(original.paragraphs.first),
                                                                      version: "1.0-1", files: files))
        let output = temp.appending("out")
        var message = ""
        do {
            _ = try PortFixture.port(dsc, targets: ["bullseye-test-unstable"], mode: .external(from: "x"), output: output)
        } catch {
            message = "\(error)"
        }
        #expect(message.contains("'..'"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: temp.appending("evil")))
        #expect(!FileManager.default.fileExists(atPath: output + "/bullseye-test-unstable"))
    }

    @Test func existingOutputNeedsForce() throws {
        let temp = try TemporaryDirectory("port-exists")
        let output = temp.appending("out")
        let dsc = Fixtures.path("packages/dwhello_1.0-2.dsc")
        let first = try PortFixture.port(dsc, targets: ["bullseye-test-unstable"], mode: .external(from: "x"), output: output)
        let before = try PortFixture.text(try #require(first.first).changes)
        #expect(throws: (any Error).self) {
            try PortFixture.port(dsc, targets: ["bullseye-test-unstable"], mode: .external(from: "x"), output: output)
        }
        #expect(try PortFixture.text(try #require(first.first).changes) == before)
        let forced = try PortService().run(try PortFixture.request(dsc, targets: ["bullseye-test-unstable"],
                                                                  mode: .external(from: "x"), output: output, force: true))
        #expect(forced.results.count == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func targetThatRejectsTheVersionIsAWarning() throws {
        let plans = try PortService().plan(try PortFixture.request(
            Fixtures.path("packages/dwhello_1.0-2.dsc"), targets: ["bookworm-test-unstable"],
            mode: .internalPort(from: "bookworm-test-experimental"), output: "/nonexistent"))
        // 1.0-2 has no experimental appendix: the unstable appendix is appended and accepted.
        #expect(plans.first?.version == "1.0-2~test12+1")
        #expect(plans.first?.warnings == [])
        let rebuild = try PortService().plan(try PortFixture.request(
            Fixtures.path("packages/dwhello_1.0-2.dsc"), targets: ["bookworm-test-unstable"],
            mode: .rebuild, output: "/nonexistent"))
        #expect(rebuild.first?.warnings.first?.contains("mandatory version regex") == true)
    }
}
