@testable import SystemCalls
import Testing

/// ``ByteFinder`` against a plain search of every offset: needles with a rare byte (found by `memchr`), with none
/// (`memmem`), and haystacks where the rare byte is everywhere (the fallback after too many false hits).
struct ByteFinderTests {
    static func naive(_ needle: [UInt8], _ haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    static func found(_ needle: [UInt8], _ haystack: [UInt8]) -> Int? {
        haystack.withUnsafeBytes { ByteFinder(needle).firstOffset(in: $0) }
    }

    /// ``ByteSearch/sameBytes(_:_:)``: bytes, not characters; a copy of a string is equal without a comparison.
    @Test func sameBytes() {
        let long = String(repeating: "amd64/", count: 8)
        let copy = long
        #expect(ByteSearch.sameBytes(long, copy))
        #expect(ByteSearch.sameBytes(long, String(repeating: "amd64/", count: 8)), "another object, the same bytes")
        #expect(!ByteSearch.sameBytes("é", "e\u{301}"), "canonically equivalent, other bytes")
        #expect(!ByteSearch.sameBytes(long, long + "x"))
        #expect(ByteSearch.sameBytes("", ""))
        #expect(!ByteSearch.sameBytes("ab", "ba"))
    }

    @Test func tableShapes() {
        #expect(ByteFinder.frequencyClassText.utf8.count == 256)
        #expect(ByteFinder.frequencyClass(UInt8(ascii: "z")) <= ByteFinder.rareClass, "z is rare in control text")
        #expect(ByteFinder.frequencyClass(UInt8(ascii: "e")) > ByteFinder.rareClass, "e is not")
    }

    @Test(arguments: [
        ("libzstd1", "Depends: zlib1g, libzstd1 (>= 1.5)"), ("libzstd1", "zzzzzzzzzzlibzstd"), ("zz", "zzzz"),
        ("z", "abc"), ("z", "abz"), ("eee", "eeee"), ("", "x"), ("x", ""), ("abc", "ab"), ("1.5)", "libzstd1 (>= 1.5)"),
        ("\u{0}q", "a\u{0}q"), ("é", "café"),
    ])
    func examples(_ needle: String, _ haystack: String) {
        let needle = Array(needle.utf8), haystack = Array(haystack.utf8)
        #expect(Self.found(needle, haystack) == Self.naive(needle, haystack))
    }

    /// Random needles over a small alphabet with rare and common bytes, in haystacks of 0…600 bytes where the rare
    /// byte is sometimes everywhere: past 32 false hits the search goes on with `memmem` from where it was.
    @Test func againstNaive() {
        var generator = SystemRandomNumberGenerator()
        let alphabets: [[UInt8]] = [Array("zq".utf8), Array("zzze".utf8), Array("ez1 ".utf8), Array("abz\u{0}".utf8)]
        for round in 0..<3_000 {
            let alphabet = alphabets[round % alphabets.count]
            let needle = (0..<Int.random(in: 1...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let haystack = (0..<Int.random(in: 0...600, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(Self.found(needle, haystack) == Self.naive(needle, haystack), "needle \(needle) in \(haystack.count) bytes")
            // After a run of one byte (many false hits when it is the needle's rare byte).
            let padded = Array(repeating: alphabet[0], count: 70) + haystack
            #expect(Self.found(needle, padded) == Self.naive(needle, padded), "needle \(needle) after a run")
        }
    }
}
