/// How lines are compared; output always shows the lines as they are.
public enum WhitespaceMode: Sendable, Hashable {
    /// Byte-for-byte comparison (a final line without newline differs from the same text with one).
    case exact
    /// `diff -b`, `--ignore-space-change`: runs of white space compare equal to one space, and white
    /// space at the end of a line is ignored.
    case ignoreSpaceChange
    /// `diff -w`, `--ignore-all-space`: white space is ignored entirely.
    case ignoreAllSpace

    /// C `isspace` in the C and UTF-8 locales: space, `\t`, `\n`, `\v`, `\f`, `\r`.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// The bytes GNU diff's hash and `lines_differ` effectively compare for a line's content.
    func normalized(_ content: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        switch self {
        case .exact:
            out.append(contentsOf: content)
        case .ignoreAllSpace:
            for byte in content where !Self.isSpace(byte) { out.append(byte) }
        case .ignoreSpaceChange:
            var pendingSpace = false
            for byte in content {
                if Self.isSpace(byte) {
                    pendingSpace = true
                } else {
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    out.append(byte)
                }
            }
        }
        return out
    }
}
