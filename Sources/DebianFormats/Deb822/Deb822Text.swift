/// Small text helpers shared by the parsers (the standard library has no trimming or case folding without
/// Foundation). Only ASCII white space and letters matter in Debian's formats.
enum Deb822Text {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || (b >= 0x0A && b <= 0x0D) }

    /// `s` without leading and trailing ASCII white space.
    static func trimmed(_ s: Substring) -> String {
        let bytes = s.utf8
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(Substring(s.unicodeScalars[first...last]))
    }

    static func trimmed(_ s: String) -> String { trimmed(Substring(s)) }

    /// `s` without trailing ASCII white space.
    static func trimmedEnd(_ s: Substring) -> Substring {
        guard let last = s.utf8.lastIndex(where: { !isSpace($0) }) else { return s.prefix(0) }
        return Substring(s.unicodeScalars[...last])
    }

    static func lowercased(_ s: String) -> String {
        String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count
            && zip(a.utf8, b.utf8).allSatisfy { x, y in
                x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)
            }
    }

    /// The lines of `text` split at `\n` only (Swift treats `\r\n` as one character, so splitting
    /// characters would not see it), with one trailing `\r` removed from each line.
    static func lines(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        let scalars = text.unicodeScalars
        var start = utf8.startIndex
        var i = start
        // A line feed byte is always a whole scalar, so its UTF-8 index is a valid scalar index.
        while i < utf8.endIndex {
            if utf8[i] == 0x0A {
                result.append(stripCR(scalars[start..<i]))
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if start < utf8.endIndex { result.append(stripCR(scalars[start..<utf8.endIndex])) }
        return result
    }

    /// Slices by Unicode scalars so that no index is rounded to a grapheme boundary (`\r\n` is one grapheme).
    private static func stripCR(_ s: Substring.UnicodeScalarView) -> Substring {
        s.last == "\r" ? Substring(s[..<s.index(before: s.endIndex)]) : Substring(s)
    }
}
