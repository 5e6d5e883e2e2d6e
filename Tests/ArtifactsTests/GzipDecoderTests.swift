import DebworkTestSupport
import Foundation
import Gzip
import Testing

/// ``GzipDecoder`` against `gzip` itself: what `zcat` writes it reads (fed whole or a byte at a time, members in
/// turn, what follows the last ignored, noting garbage as gzip warns of it), and what `gzip -t` refuses it refuses (a damaged CRC or length, a truncated
/// stream, damaged deflate data), naming zlib's reason; its output limit stops a bomb.
@Suite struct GzipDecoderTests {
    static func gzip(_ data: [UInt8], _ scratch: TemporaryDirectory, level: String = "-6") throws -> [UInt8] {
        let plain = try scratch.write("plain-\(data.count)-\(level)", data)
        let result = try runCommand("sh", ["-c", "gzip -nc \(level) '\(plain)' > '\(plain).gz'"])
        #expect(result.status == 0)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: plain + ".gz")))
    }

    static func decodeInSteps(_ bytes: [UInt8], step: Int, maximumOutput: Int64 = 4 << 30) throws -> [UInt8] {
        try decodeInSteps(bytes, step: step, with: GzipDecoder(source: "t.gz", maximumOutput: maximumOutput))
    }

    /// `bytes` fed to `decoder` `step` bytes at a time, the last input marked last.
    static func decodeInSteps(_ bytes: [UInt8], step: Int, with decoder: GzipDecoder) throws -> [UInt8] {
        var output: [UInt8] = []
        try bytes.withUnsafeBytes { all in
            var offset = 0
            repeat {
                let end = min(offset + step, all.count)
                try decoder.decode(UnsafeRawBufferPointer(rebasing: all[offset..<end]), isLast: end == all.count) {
                    output.append(contentsOf: $0)
                }
                offset = end
            } while offset < all.count
        }
        return output
    }

    static func gzipAccepts(_ bytes: [UInt8], _ scratch: TemporaryDirectory) throws -> Bool {
        let path = try scratch.write("check-\(bytes.count).gz", bytes)
        return try runCommand("gzip", ["-t", path]).status == 0
    }

    @Test func readsWhatGzipWrites() throws {
        let scratch = try TemporaryDirectory()
        var generator = SplitMix64(seed: 3)
        for size in [0, 1, 1000, 300_000, 2_000_000] {
            let data = (0..<size).map { _ in UInt8.random(in: 0...15, using: &generator) + 0x41 }
            let compressed = try Self.gzip(data, scratch)
            #expect(try GzipDecoder.decode(compressed, source: "t.gz") == data, "\(size) bytes")
            for step in [1, 7, 65_536] where size <= 300_000 || step > 1 {
                #expect(try Self.decodeInSteps(compressed, step: step) == data, "\(size) bytes in steps of \(step)")
            }
        }
    }

    /// What `zcat` writes and how `gzip -t` ends: members in turn; what follows a member and is not one (zero
    /// padding, garbage, a member after padding) ends the data, whatever the input's steps. gzip's status is the
    /// oracle for the rest: 0 (zero padding) is read without a word, 2 ("trailing garbage ignored") is read with
    /// ``GzipDecoder/ignoredTrailingGarbage`` set, 1 ("unexpected end of file": a member's magic, `1f` or `1f 8b`,
    /// alone at the end) is refused as truncated.
    @Test func readsMembersInTurnAndEndsAsGzipEnds() throws {
        let scratch = try TemporaryDirectory()
        let a = Array("usr/bin/a  utils/a\n".utf8), b = Array("usr/bin/b  utils/b\n".utf8)
        let first = try Self.gzip(a, scratch), second = try Self.gzip(b, scratch, level: "-1")
        let zeros = [UInt8](repeating: 0, count: 16)
        for bytes in [first + second, first + zeros, first + zeros + second, first + Array("garbage\n".utf8),
                      first + [0x1F], first + [0x1F, 0x8B], first + second + [0x1F], first + [0x1F, 0x00] + second,
                      first + zeros + [0x01], first + [0x00, 0x1F], first + second + zeros + second] {
            let path = try scratch.write("case.gz", bytes)
            let zcat = try runCommand("sh", ["-c", "zcat '\(path)' 2>/dev/null"]).stdout
            let status = try runCommand("gzip", ["-t", path]).status
            for step in [1, 2, 3, bytes.count] {
                let decoder = try GzipDecoder(source: "t.gz")
                do {
                    let output = try Self.decodeInSteps(bytes, step: step, with: decoder)
                    #expect(status != 1, "\(bytes.count) bytes in steps of \(step): gzip -t refuses, the decoder read it")
                    #expect(output == Array(zcat.utf8), "\(bytes.count) bytes in steps of \(step)")
                    #expect(decoder.ignoredTrailingGarbage == (status == 2), "\(bytes.count) bytes in steps of \(step): gzip -t status \(status)")
                } catch let error as GzipError {
                    #expect(status == 1, "\(bytes.count) bytes in steps of \(step): \(error.message)")
                    #expect(error.message.contains("truncated gzip input"), "\(error.message)")
                }
            }
        }
    }

    @Test func refusesWhatGzipRefuses() throws {
        let scratch = try TemporaryDirectory()
        let data = Array(String(repeating: "usr/share/doc/x/copyright  doc/x\n", count: 2000).utf8)
        let good = try Self.gzip(data, scratch)
        var crc = good
        crc[crc.count - 8] ^= 0xFF
        var length = good
        length[length.count - 1] ^= 0x01
        let truncated = Array(good.dropLast(20))
        var body = good
        body[body.count / 2] ^= 0x55
        for (name, bytes, reason) in [("crc", crc, "incorrect data check"), ("length", length, "incorrect length check"),
                                      ("truncated", truncated, "truncated gzip input"),
                                      ("damaged", body, ""), ("empty", [], "truncated gzip input")] as [(String, [UInt8], String)] {
            #expect(try !Self.gzipAccepts(bytes, scratch), "\(name)")
            #expect(throws: GzipError.self, "\(name)") { _ = try GzipDecoder.decode(bytes, source: "t.gz") }
            do {
                _ = try Self.decodeInSteps(bytes, step: 5)
                Issue.record("\(name): decoded")
            } catch let error as GzipError {
                #expect(reason.isEmpty || error.message.contains(reason), "\(name): \(error.message)")
            }
        }
    }

    @Test func stopsAtTheOutputLimit() throws {
        let scratch = try TemporaryDirectory()
        let compressed = try Self.gzip([UInt8](repeating: 0, count: 4 << 20), scratch, level: "-9")
        #expect(throws: GzipError.self) { _ = try GzipDecoder.decode(compressed, source: "bomb.gz", maximumOutput: 1 << 20) }
    }
}
