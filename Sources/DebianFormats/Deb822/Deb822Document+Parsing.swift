extension Deb822Document {
    /// Parses deb822 text (see ``Deb822Document`` for the rules).
    ///
    /// - Parameters:
    ///   - text: the whole file.
    ///   - file: the name used in error messages.
    /// - Throws: ``Deb822Error`` with the line of the first problem.
    public static func parse(_ text: String, file: String) throws(Deb822Error) -> Deb822Document {
        let lines = Deb822Text.lines(text)
        let (body, signed) = try unwrapSignature(lines, file: file)
        return Deb822Document(paragraphs: try parseParagraphs(body, file: file), isSigned: signed)
    }

    /// Parses deb822 bytes, which must be valid UTF-8.
    ///
    /// - Throws: ``Deb822Error`` naming the byte offset and line of the first invalid UTF-8 sequence, or any
    ///   error of ``parse(_:file:)``.
    public static func parse(bytes: [UInt8], file: String) throws(Deb822Error) -> Deb822Document {
        // A NUL is valid UTF-8 but ends a C string: stored or printed, the value would silently end there.
        if let offset = bytes.firstIndex(of: 0) {
            let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw Deb822Error(file: file, line: line, reason: "NUL byte at byte offset \(offset)")
        }
        if let offset = firstInvalidUTF8(bytes) {
            let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let hex = String(bytes[offset], radix: 16, uppercase: false)
            throw Deb822Error(
                file: file, line: line,
                reason: "invalid utf-8 at byte offset \(offset) (byte 0x\(hex.count == 1 ? "0" + hex : hex))")
        }
        return try parse(String(decoding: bytes, as: UTF8.self), file: file)
    }

    static func parseParagraphs(_ lines: [(Int, Substring)], file: String) throws(Deb822Error) -> [Deb822Paragraph] {
        var paragraphs: [Deb822Paragraph] = []
        var current = Deb822Paragraph()
        var seen: Set<String> = []
        func finish() {
            if !current.fields.isEmpty { paragraphs.append(current) }
            current = Deb822Paragraph()
            seen = []
        }
        for (number, line) in lines {
            let bytes = line.utf8
            guard let first = bytes.first, bytes.contains(where: { !Deb822Text.isSpace($0) }) else {
                finish()
                continue
            }
            if first == UInt8(ascii: "#") { continue }
            if first == 0x20 || first == 0x09 {
                guard !current.fields.isEmpty else {
                    throw Deb822Error(file: file, line: number,
                                      reason: "continuation line outside a field: '\(line)'")
                }
                current.fields[current.fields.count - 1].value += "\n" + Deb822Text.trimmedEnd(line)
                continue
            }
            let field = try parseFieldLine(line, number: number, file: file)
            let key = Deb822Text.lowercased(field.name)
            if seen.contains(key) {
                throw Deb822Error(file: file, line: number, reason: "duplicate value for '\(field.name)' field")
            }
            seen.insert(key)
            if current.fields.isEmpty { current.line = number }
            current.fields.append(field)
        }
        finish()
        return paragraphs
    }

    private static func parseFieldLine(_ line: Substring, number: Int, file: String) throws(Deb822Error) -> Deb822Field {
        let scalars = line.unicodeScalars
        let nameEnd = scalars.firstIndex { $0 == ":" || ($0.isASCII && Deb822Text.isSpace(UInt8($0.value))) }
            ?? scalars.endIndex
        let name = String(Substring(scalars[..<nameEnd]))
        func fail(_ reason: String) -> Deb822Error { Deb822Error(file: file, line: number, reason: reason) }
        if line.hasPrefix("-----BEGIN PGP") || line.hasPrefix("-----END PGP") {
            throw fail("openpgp armour not allowed here: '\(line)'")
        }
        if name.isEmpty { throw fail("empty field name in '\(line)'") }
        if name.hasPrefix("-") { throw fail("field name '\(name)' must not start with '-'") }
        var i = nameEnd
        while i < scalars.endIndex, scalars[i] == " " || scalars[i] == "\t" { i = scalars.index(after: i) }
        guard i < scalars.endIndex, scalars[i] == ":" else {
            if i == scalars.endIndex, nameEnd == scalars.endIndex {
                throw fail("line without colon: '\(line)'")
            }
            throw fail("field name '\(name)' must be followed by a colon in '\(line)'")
        }
        let value = Deb822Text.trimmed(Substring(scalars[scalars.index(after: i)...]))
        return Deb822Field(name: name, value: value, line: number)
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence (no overlong forms,
    /// no surrogates, nothing above U+10FFFF), or `nil`.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= bytes.count else { return i }
            if !(low...high).contains(bytes[i + 1]) { return i }
            for k in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[i + k]) { return i }
            i += length
        }
        return nil
    }
}
