/// An open-addressing table that numbers distinct byte strings (lines) densely from 0, hashing eight
/// bytes at a time. Much faster than a `Dictionary` keyed by slices, which hashes byte by byte.
struct LineHashTable {
    private struct Representative {
        var buffer: Int
        var start: Int
        var count: Int
        var flag: Bool
        var hash: UInt64
    }

    private var slots: [Int32]
    private var mask: Int
    private var representatives: [Representative] = []
    private let buffers: [[UInt8]]

    /// A table for lines drawn from `buffers`, expecting about `capacity` lines in all.
    init(buffers: [[UInt8]], capacity: Int) {
        self.buffers = buffers
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        representatives.reserveCapacity(capacity)
    }

    /// The number of distinct lines seen.
    var count: Int { representatives.count }

    /// The class of `buffers[buffer][range]` with `flag` (lines differing in the flag differ).
    mutating func intern(buffer: Int, _ range: Range<Int>, flag: Bool) -> Int {
        let hash = buffers[buffer].withUnsafeBytes { Self.hash(UnsafeRawBufferPointer(rebasing: $0[range])) }
            ^ (flag ? 0x9E37_79B9_7F4A_7C15 : 0)
        var slot = Int(truncatingIfNeeded: hash >> 7) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 {
                slots[slot] = Int32(truncatingIfNeeded: representatives.count)
                representatives.append(Representative(
                    buffer: buffer, start: range.lowerBound, count: range.count, flag: flag, hash: hash))
                return representatives.count - 1
            }
            let candidate = representatives[id]
            if candidate.hash == hash && candidate.count == range.count && candidate.flag == flag
                && equal(candidate.buffer, candidate.start, buffer, range.lowerBound, range.count) {
                return id
            }
            slot = (slot + 1) & mask
        }
    }

    private func equal(_ b1: Int, _ s1: Int, _ b2: Int, _ s2: Int, _ count: Int) -> Bool {
        buffers[b1].withUnsafeBytes { p1 in
            buffers[b2].withUnsafeBytes { p2 in
                var i = 0
                while i + 8 <= count {
                    if p1.loadUnaligned(fromByteOffset: s1 + i, as: UInt64.self)
                        != p2.loadUnaligned(fromByteOffset: s2 + i, as: UInt64.self) { return false }
                    i += 8
                }
                while i < count {
                    if p1[s1 + i] != p2[s2 + i] { return false }
                    i += 1
                }
                return true
            }
        }
    }

    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 32)
    }
}
