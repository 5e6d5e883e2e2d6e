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
        var bounds: [Int] = [0]
        bytes.withUnsafeBufferPointer { buffer in
            var newlines = 0
            for byte in buffer where byte == 0x0A { newlines += 1 }
            bounds.reserveCapacity(newlines + 2)
            for (offset, byte) in buffer.enumerated() where byte == 0x0A {
                bounds.append(offset + 1)
            }
        }
        hasMissingNewline = !bytes.isEmpty && bytes[bytes.count - 1] != 0x0A
        if hasMissingNewline { bounds.append(bytes.count) }
        self.bounds = bounds
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
