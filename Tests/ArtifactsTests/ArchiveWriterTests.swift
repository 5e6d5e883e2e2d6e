import DebworkTestSupport
import Foundation
import LibArchive
import LZMA
import Testing

/// A tar.xz written through libarchive + liblzma is read back by tar(1), xz(1) and our reader.
@Suite struct ArchiveWriterTests {
    @Test func tarXZRoundTripsThroughGNUTar() throws {
        let encoder = try XZEncoder()
        var compressed: [UInt8] = []
        let writer = try ArchiveWriter(name: "debian.tar.xz") { block in
            try block.withUnsafeBytes { try encoder.encode($0, isLast: false) { compressed.append(contentsOf: $0) } }
        }
        let changelog = Array("pkg (1.0-1) unstable; urgency=medium\n\n  * x\n\n -- A <a@b>  Mon, 01 Jan 2024 00:00:00 +0000\n".utf8)
        try writer.write(.init(path: "debian", type: .directory, permissions: 0o755, mtime: 1_700_000_000))
        try writer.write(.init(path: "debian/changelog", type: .regular, permissions: 0o644, mtime: 1_700_000_000), contents: changelog)
        try writer.write(.init(path: "debian/rules", type: .regular, permissions: 0o755, mtime: 1_700_000_000), contents: Array("#!/usr/bin/make -f\n".utf8))
        try writer.write(.init(path: "debian/README.Debian", type: .symlink, permissions: 0o777, mtime: 1_700_000_000, linkTarget: "changelog"))
        try writer.close()
        try [UInt8]().withUnsafeBytes { try encoder.encode($0, isLast: true) { compressed.append(contentsOf: $0) } }

        let scratch = try TemporaryDirectory()
        let path = try scratch.write("debian.tar.xz", compressed)
        #expect(try runCommand("xz", ["-t", path]).status == 0)
        let listing = try runCommand("tar", ["-tvJf", path, "--numeric-owner"])
        #expect(listing.status == 0, "\(listing.stderr)")
        let lines = listing.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(lines.map { String($0[0]) } == ["drwxr-xr-x", "-rw-r--r--", "-rwxr-xr-x", "lrwxrwxrwx"])
        #expect(lines.map { String($0[1]) } == ["0/0", "0/0", "0/0", "0/0"])
        #expect(listing.stdout.contains("debian/README.Debian -> changelog"))
        let extracted = scratch.appending("x")
        try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        #expect(try runCommand("tar", ["-xJf", path, "-C", extracted]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: extracted + "/debian/changelog")) == Data(changelog))

        let reader = try ArchiveReader(path: path, formats: .tar)
        var paths: [String] = []
        while let entry = try reader.nextEntry() {
            paths.append(entry.path)
            try reader.skipData()
        }
        #expect(paths == ["debian/", "debian/changelog", "debian/rules", "debian/README.Debian"] || paths == ["debian", "debian/changelog", "debian/rules", "debian/README.Debian"])
    }

    @Test func anErrorFromTheOutputIsReported() throws {
        struct Full: Error {}
        let writer = try ArchiveWriter(name: "full.tar") { _ in throw Full() }
        #expect(throws: (any Error).self) {
            try writer.write(.init(path: "a", type: .regular, permissions: 0o644, mtime: 0), contents: Array(repeating: 1, count: 100_000))
            try writer.close()
        }
    }
}
