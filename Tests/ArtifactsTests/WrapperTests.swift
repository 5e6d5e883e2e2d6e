import Artifacts
import DebworkTestSupport
import Digest
import Foundation
import LibArchive
import LZMA
import Testing

@Suite struct WrapperTests {
    @Test func digestsMatchKnownVectors() throws {
        let hasher = try Hasher()
        hasher.update(Array("abc".utf8))
        let digests = hasher.finalize()
        #expect(digests[.md5] == "900150983cd24fb0d6963f7d28e17f72")
        #expect(digests[.sha1] == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(digests[.sha256] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func fileDigestAgreesWithSha256sum() throws {
        let path = Fixtures.path("packages/dwhello_1.1.orig.tar.xz")
        let digest = try FileDigest.compute(path: path)
        let oracle = try runCommand("sha256sum", [path]).stdout.split(separator: " ").first.map(String.init)
        #expect(digest[.sha256] == oracle)
        #expect(digest.size == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64))
    }

    @Test func missingFileIsAClearError() {
        #expect {
            _ = try FileDigest.compute(path: "/nonexistent/file.deb")
        } throws: { error in
            String(describing: error) == "/nonexistent/file.deb: cannot open file: No such file or directory"
        }
    }

    @Test func xzRoundTripsThroughLiblzma() throws {
        var generator = SplitMix64(seed: 7)
        let input = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: generator.next() % 17) }
        let compressed = try XZEncoder.encode(input)
        #expect(compressed.count < input.count)
        #expect(try XZDecoder.decode(compressed, source: "test") == input)
        // xz(1) reads what we wrote.
        let scratch = try TemporaryDirectory()
        let path = try scratch.write("data.xz", compressed)
        #expect(try runCommand("xz", ["-t", path]).status == 0)
    }

    @Test func xzDecoderStopsAtTheOutputLimit() throws {
        let zeros = [UInt8](repeating: 0, count: 4 << 20)
        let compressed = try XZEncoder.encode(zeros)
        #expect(throws: LZMAError.self) {
            _ = try XZDecoder.decode(compressed, source: "bomb.xz", maximumOutput: 1 << 20)
        }
    }

    @Test func truncatedXZIsReported() throws {
        let compressed = try XZEncoder.encode(Array(repeating: 65, count: 10_000))
        #expect {
            _ = try XZDecoder.decode(Array(compressed.dropLast(10)), source: "cut.xz")
        } throws: { error in
            String(describing: error).hasPrefix("cut.xz: ")
        }
    }

    @Test func nestedReadersStreamADeb() throws {
        let outer = try ArchiveReader(path: Fixtures.path("packages/dwhello_1.0-1_amd64.deb"), formats: .ar)
        var members: [String] = []
        var dataEntries = 0
        while let member = try outer.nextEntry() {
            members.append(member.path)
            if member.path.hasPrefix("data.tar") {
                let inner = try outer.nested(member: member.path)
                while try inner.nextEntry() != nil {
                    dataEntries += 1
                    try inner.skipData()
                }
                #expect(inner.filterNames.count == 1, "one compression filter: \(inner.filterNames)")
            } else {
                try outer.skipData()
            }
        }
        #expect(members.first == "debian-binary")
        #expect(members.contains { $0.hasPrefix("control.tar") })
        #expect(dataEntries > 5)
    }

    @Test func expansionLimitStopsABomb() throws {
        let scratch = try TemporaryDirectory()
        // 64 MiB of zeros in a tar, gzip'd by tar(1): a few hundred KB on disk.
        let zeros = try scratch.write("zeros", [UInt8](repeating: 0, count: 64 << 20))
        let tarball = scratch.appending("bomb.tar.gz")
        #expect(try runCommand("tar", ["-czf", tarball, "-C", scratch.path, "zeros"]).status == 0)
        try FileManager.default.removeItem(atPath: zeros)
        let reader = try ArchiveReader(path: tarball, formats: .tar, limits: .init(floor: 1 << 20, ratio: 10))
        #expect {
            while try reader.nextEntry() != nil { try reader.skipData() }
        } throws: { error in
            (error as? ArchiveError)?.kind == .expansionLimit(limit: 1 << 20)
                || String(describing: error).contains("decompression bomb")
        }
    }

    @Test func compressedIndexFilesReadAlike() throws {
        let base = Fixtures.path("repo/dists/bookworm-test-unstable/main/binary-amd64/Packages")
        let plain = try CompressedFile.read(base)
        #expect(!plain.isEmpty)
        #expect(try CompressedFile.read(base + ".xz") == plain)
        #expect(try CompressedFile.read(base + ".gz") == plain)
        // apt keeps its lists as .lz4: compressed by the lz4 tool, read through libarchive's lz4 filter.
        guard Fixtures.hasTool("lz4") else { return }
        let temp = try TemporaryDirectory("lz4")
        let lz4 = temp.appending("Packages.lz4")
        let compressed = try runCommand("lz4", ["-q", base, lz4])
        try #require(compressed.status == 0, "\(compressed.stderr)")
        #expect(try CompressedFile.read(lz4) == plain)
        var streamed: [UInt8] = []
        try CompressedFile.stream(lz4) { streamed += $0 }
        #expect(streamed == plain)
    }

    /// An index without blank lines (zeros, or one endless paragraph) is refused once a paragraph passes 16 MiB:
    /// never held whole, nor decompressed to the end.
    @Test func anEndlessParagraphIsRefusedEarly() throws {
        let scratch = try TemporaryDirectory()
        let zeros = try scratch.write("Packages.xz", try XZEncoder.encode([UInt8](repeating: 0, count: 64 << 20)))
        var consumed = 0
        #expect {
            try CompressedFile.forEachParagraph(zeros, observing: { consumed += $0.count }) { _, _ in }
        } throws: { error in
            String(describing: error).contains("Packages.xz") && String(describing: error).contains("line 1 is longer than 16 MiB")
        }
        #expect(consumed < 20 << 20, "stopped after \(consumed) bytes")
        // Stanzas just under the limit, and after them one over it (its first line reported).
        let long = "Package: a\nDescription: " + String(repeating: "x", count: 15 << 20) + "\n\nPackage: b\n"
        let lines = try scratch.write("Packages", long + "\nPackage: c\nDescription: " + String(repeating: "y\n ", count: 6 << 20))
        var names: [String] = []
        #expect {
            try CompressedFile.forEachParagraph(lines) { bytes, _ in names.append(String(decoding: bytes.prefix(10), as: UTF8.self)) }
        } throws: { error in String(describing: error).contains("line 6 is longer than 16 MiB") }
        #expect(names == ["Package: a", "Package: b"])
    }
}
