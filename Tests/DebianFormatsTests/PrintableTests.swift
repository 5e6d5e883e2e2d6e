@testable import DebianFormats
import DebworkTestSupport
import Testing

/// The word-at-a-time printable-ASCII test agrees with the byte-by-byte definition (0x20–0x7E), whatever the
/// byte and wherever it sits in its word; `escapedCell` agrees with `escaped` and `columnWidth`.
struct PrintableTests {
    /// Bytes at the edges of the printable range, and some far from them.
    static let edges: [UInt8] = [0x00, 0x01, 0x09, 0x1B, 0x1F, 0x20, 0x21, 0x41, 0x7E, 0x7F, 0x80, 0x9B, 0xC3, 0xFF]

    static func bytewise(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E } }

    @Test func oneOddByteAnywhereInAnyLength() {
        for length in 0...20 {
            for position in 0..<max(length, 1) {
                for byte in Self.edges {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    if length > 0 { bytes[position] = byte }
                    let text = String(decoding: bytes, as: UTF8.self)
                    // Invalid UTF-8 is repaired to U+FFFD: compare with the bytes the string holds.
                    #expect(Printable.isPrintableASCII(text) == Self.bytewise(Array(text.utf8)), "\(bytes)")
                }
            }
        }
    }

    @Test func randomMixturesAgree() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...40, using: &random)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &random) ? Self.edges.randomElement(using: &random)! : UInt8.random(in: 0x20...0x7E, using: &random)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(Printable.isPrintableASCII(text) == Self.bytewise(Array(text.utf8)), "\(bytes)")
            let cell = Printable.escapedCell(text)
            #expect(cell.text == Printable.escaped(text))
            #expect(cell.width == Printable.escaped(text).columnWidth)
        }
    }
}
