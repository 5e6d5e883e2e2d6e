/// Terminal-safe text: what debwork prints for a human never carries a byte that a terminal would obey.
///
/// Package names, paths, field values and messages come from untrusted packages. Printed raw, an `ESC [`
/// sequence recolours or clears the screen, an OSC sequence sets the window title (or, on some terminals,
/// writes files), a CR or newline forges a second line of output. Like `ls -b` and git's quoted paths, the
/// human output escapes them; `-J` output needs nothing (JSON escapes control characters itself).
///
/// Escaped: C0 controls and DEL (`\t`, `\n`, `\r`, `\e`, else `\xHH`), C1 controls U+0080–U+009F (`\u{9b}`;
/// 8-bit terminals take U+009B as CSI), and the bidirectional overrides that reorder what is shown
/// (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069: "Trojan Source"). Everything else, including a backslash,
/// is printed as it is, so ordinary names and paths look the same as before.
public enum Printable {
    /// `text` with every unsafe scalar escaped.
    public static func escaped(_ text: String) -> String {
        if isPrintableASCII(text) { return text }
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) { result += escape(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// `text`, escaped, but keeping `\n` and `\t` as they are (for multi-line text such as a changelog or a
    /// diff printed for a human).
    public static func escapedKeepingLines(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) && scalar != "\n" && scalar != "\t" { result += escape(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// One byte as text for a message (`'/'`, `'\x00'`).
    public static func escaped(_ byte: UInt8) -> String {
        byte < 0x80 ? escaped(String(UnicodeScalar(byte))) : "\\x" + hex(UInt32(byte), digits: 2)
    }

    /// Whether every byte of `text` is printable ASCII (U+0020–U+007E): nothing to escape, found on the bytes
    /// in place (the scalar walk showed in the profile of 9,000-line listings).
    /// Eight bytes at a time: a listing's 45,000 cells (9,000 paths) spent 5 % of the call here byte by byte.
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { isPrintableASCII(UnsafeRawBufferPointer($0)) } ?? false
    }

    /// Whether every byte is printable ASCII (what ``isPrintableASCII(_:)-(String)`` asks of a string's UTF-8).
    public static func isPrintableASCII(_ raw: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset + 8 <= raw.count {
            if !isPrintableASCII(word: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return false }
            offset += 8
        }
        return !raw[offset...].contains { $0 < 0x20 || $0 > 0x7E }
    }

    /// Whether each of a word's eight bytes is in 0x20–0x7E (the has-less and has-zero bit tricks: a byte with
    /// its top bit set, a byte below 0x20, a byte equal to 0x7F).
    private static func isPrintableASCII(word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let below = (word &- ones &* 0x20) & ~word & high
        let delete = word ^ (ones &* 0x7F)
        let deletes = (delete &- ones) & ~delete & high
        return (word & high) | below | deletes == 0
    }

    /// `text` escaped (``escaped(_:)``) and its width in terminal columns (``Swift/String/columnWidth``); a
    /// printable-ASCII text (every name and path of a long listing) is looked at once.
    public static func escapedCell(_ text: String) -> (text: String, width: Int) {
        if isPrintableASCII(text) { return (text, text.utf8.count) }
        let shown = escaped(text)
        return (shown, shown.columnWidth)
    }

    /// Whether a scalar is one a terminal would act on.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\u{1B}": return "\\e"
        default:
            return scalar.value < 0x80 ? "\\x" + hex(scalar.value, digits: 2) : "\\u{" + hex(scalar.value, digits: 1) + "}"
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
