import DebworkTestSupport
@testable import Diff
import Testing

/// `TextLines` splits on every `\n` wherever it falls in the eight-byte words it scans.
@Suite struct TextLinesTests {
    /// Line starts the slow way.
    static func naiveBounds(_ bytes: [UInt8]) -> [Int] {
        var bounds = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { bounds.append(offset + 1) }
        if let last = bytes.last, last != 0x0A { bounds.append(bytes.count) }
        return bounds
    }

    @Test(arguments: ["", "\n", "\n\n\n\n\n\n\n\n\n", "a", "abcdefgh", "abcdefgh\n", "1234567\n1234567\n",
                      "no newline at all but longer than eight", "\r\n\r\n", "\u{0B}\u{0C}\u{8A}\u{0A}x"])
    func splitsLikeAByteScan(_ text: String) {
        let bytes = Array(text.utf8)
        let lines = TextLines(bytes)
        #expect(lines.bounds == Self.naiveBounds(bytes))
        #expect(lines.hasMissingNewline == (!bytes.isEmpty && bytes.last != 0x0A))
    }

    @Test func randomBytesSplitLikeAByteScan() {
        var random = SplitMix64(seed: 7)
        // Bytes near 0x0A and with high bits set, where a word-at-a-time test could go wrong.
        let alphabet: [UInt8] = [0x0A, 0x0B, 0x09, 0x8A, 0x00, 0xFF, 0x0A, 0x61, 0x7F, 0x80]
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
            #expect(TextLines(bytes).bounds == Self.naiveBounds(bytes), "\(bytes)")
        }
    }
}
