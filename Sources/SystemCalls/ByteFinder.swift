/// A search for one needle in many haystacks (the distinct values of a control field, Contents paths), faster than
/// `memmem(3)` when the needle has a rare byte: `memchr(3)` finds that byte 32 bytes a step, and the needle is
/// compared only where it is. glibc's `memmem` steps at most the needle's length a time (`libzstd1` in bookworm
/// main's 6.3 MB of Depends values: 10.6 M instructions; `z` is there 7,758 times). Which byte is rarest comes from
/// a table of Debian control text (``frequencyClassText``); a needle with no rare byte, or a haystack where that
/// byte turns out common (more than one false hit per 16 bytes after 32 of them), goes to `memmem`.
public struct ByteFinder: Sendable {
    public let needle: [UInt8]
    /// The index in ``needle`` of the byte `memchr` looks for; nil: `memmem` only.
    private let anchor: Int?

    public init(_ needle: [UInt8]) {
        self.needle = needle
        // The rarest byte, the last one on ties (a path's or a name's end is the rarer part); none in an empty needle.
        guard let rarest = needle.indices.min(by: { (Self.frequencyClass(needle[$0]), -$0) < (Self.frequencyClass(needle[$1]), -$1) })
        else { anchor = nil; return }
        anchor = Self.frequencyClass(needle[rarest]) <= Self.rareClass ? rarest : nil
    }

    /// Bytes of this class or below (fewer than 2^14 a million: at most about one byte in 64) are rare enough to
    /// anchor on.
    static let rareClass = 13

    /// The offset of the first occurrence of the needle in `haystack`, or nil. An empty needle is found at 0.
    public func firstOffset(in haystack: UnsafeRawBufferPointer) -> Int? {
        let count = needle.count
        guard count > 0 else { return 0 }
        guard let base = haystack.baseAddress, haystack.count >= count else { return nil }
        return needle.withUnsafeBytes { needle -> Int? in
            let needleBase = needle.baseAddress!
            guard let anchor else { return ByteSearch.firstOffset(of: needle, in: haystack) }
            let byte = Int32(needle[anchor])
            let lastStart = haystack.count - count
            var start = 0
            var misses = 0
            while start <= lastStart {
                // The anchor byte of a match starting in [start, lastStart].
                guard let found = glibcMemchr(base + start + anchor, byte, lastStart - start + 1) else { return nil }
                let candidate = base.distance(to: UnsafeRawPointer(found)) - anchor
                if glibcMemcmp(base + candidate, needleBase, count) == 0 { return candidate }
                misses += 1
                start = candidate + 1
                if misses > 32 && start < misses * 16 {
                    let rest = UnsafeRawBufferPointer(rebasing: haystack[start...])
                    return ByteSearch.firstOffset(of: needle, in: rest).map { start + $0 }
                }
            }
            return nil
        }
    }

    /// `byte`'s frequency class in Debian control text (``frequencyClassText``).
    static func frequencyClass(_ byte: UInt8) -> Int {
        frequencyClassText.utf8.withContiguousStorageIfAvailable { Int($0[Int(byte)]) - Int(UInt8(ascii: "a")) } ?? 20
    }
}
