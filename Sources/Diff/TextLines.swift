/// A text split into lines on `\n`, as bytes: files may hold invalid UTF-8 and `\r` stays part of the
/// line. The last line may lack its newline (``hasMissingNewline``).
public struct TextLines: Sendable {
    /// The whole text.
    public let bytes: [UInt8]
    /// Start offset of every line, plus the end of the text.
    let bounds: [Int]
    /// Whether the text is non-empty and does not end with `\n`.
    public let hasMissingNewline: Bool

    /// Splits `bytes` into lines.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        hasMissingNewline = !bytes.isEmpty && bytes[bytes.count - 1] != 0x0A
        let missingNewline = hasMissingNewline
        bounds = bytes.withUnsafeBytes { raw in
            let lines = Self.countNewlines(raw) + (missingNewline ? 1 : 0)
            return [Int](unsafeUninitializedCapacity: lines + 1) { buffer, initialized in
                buffer[0] = 0
                initialized = 1
                Self.forEachNewline(raw) { offset in
                    buffer[initialized] = offset + 1
                    initialized += 1
                }
                if missingNewline {
                    buffer[initialized] = raw.count
                    initialized += 1
                }
            }
        }
    }

    /// The bytes of `word` that are `\n`, as their high bits (eight bytes at a time: a byte-by-byte
    /// scan was the largest single cost of diffing a big source tree).
    @inline(__always)
    private static func newlineMask(_ word: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ 0x0A0A_0A0A_0A0A_0A0A
        // Exact per byte (no borrow between bytes): the high bit is set only where x's byte is zero.
        return ~(((x & low) &+ low) | x | low) & high
    }

    private static func countNewlines(_ raw: UnsafeRawBufferPointer) -> Int {
        var count = 0, i = 0
        while i + 8 <= raw.count {
            count += newlineMask(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))).nonzeroBitCount
            i += 8
        }
        while i < raw.count {
            if raw[i] == 0x0A { count += 1 }
            i += 1
        }
        return count
    }

    @inline(__always)
    private static func forEachNewline(_ raw: UnsafeRawBufferPointer, _ body: (Int) -> Void) {
        var i = 0
        while i + 8 <= raw.count {
            var mask = newlineMask(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            while mask != 0 {
                body(i + mask.trailingZeroBitCount / 8)
                mask &= mask &- 1
            }
            i += 8
        }
        while i < raw.count {
            if raw[i] == 0x0A { body(i) }
            i += 1
        }
    }

    /// The number of lines (a final line without newline counts).
    public var count: Int { bounds.count - 1 }

    /// Line `index` including its `\n` (absent only for an incomplete last line).
    public func line(_ index: Int) -> ArraySlice<UInt8> { bytes[bounds[index]..<bounds[index + 1]] }

    /// Line `index` without its `\n`.
    public func content(_ index: Int) -> ArraySlice<UInt8> {
        isComplete(index) ? bytes[bounds[index]..<(bounds[index + 1] - 1)] : line(index)
    }

    /// Whether line `index` ends with `\n`.
    public func isComplete(_ index: Int) -> Bool { !(hasMissingNewline && index == count - 1) }
}
