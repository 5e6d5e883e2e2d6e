import DebianFormats

/// A JSON document whose objects keep their key order, so `-J` output is byte-for-byte stable.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(serialized())
    }

    /// Serialises with two-space indentation (`pretty`) or compactly, keys in insertion order.
    public func serialized(pretty: Bool = true) -> String {
        var output = ""
        write(to: &output, indent: pretty ? 0 : nil, python: false)
        return output
    }

    /// Exactly what Python's `json.dumps(value, indent=2)` prints (mini-buildd-api's output): two-space
    /// indentation, `", "`/`": "` separators, `ensure_ascii` (every non-ASCII character as `\uXXXX`, UTF-16
    /// surrogate pairs above U+FFFF), `\b` and `\f`, lowercase hex.
    public func serializedAsPython() -> String {
        var output = ""
        write(to: &output, indent: 0, python: true)
        return output
    }

    /// The document ``versioned(_:_:)``(`key`, `.array(elements)`) as ``serialized(pretty:)`` (or, with `python`,
    /// ``serializedAsPython()``) writes it, given to `write` piece by piece: `produce` hands over the elements one at a
    /// time, and they are never held together (a listing too long to hold). Each piece is one element with what leads
    /// it; the caller buffers.
    public static func streamVersionedArray(_ key: String, pretty: Bool = true, python: Bool = false,
                                            produce: ((JSONValue) -> Void) throws -> Void, write: (String) -> Void) rethrows {
        try stream(key, opening: "[", closing: "]", pretty: pretty, python: python,
                   produce: { item in try withoutActuallyEscaping(item) { item in try produce { item(nil, $0) } } }, write: write)
    }

    /// An object of the members `produce` hands over one at a time, as ``serialized(pretty:)`` (or, with `python`,
    /// ``serializedAsPython()``) writes it; with `versionedKey`, the document ``versioned(_:_:)``(`versionedKey`,
    /// that object). Written piece by piece as ``streamVersionedArray(_:pretty:python:produce:write:)``.
    public static func streamObject(_ versionedKey: String?, pretty: Bool = true, python: Bool = false,
                                    produce: ((String, JSONValue) -> Void) throws -> Void, write: (String) -> Void) rethrows {
        try stream(versionedKey, opening: "{", closing: "}", pretty: pretty, python: python,
                   produce: { item in try withoutActuallyEscaping(item) { item in try produce { item($0, $1) } } }, write: write)
    }

    /// An array (items without keys) or an object, alone or as the second member of a versioned document.
    private static func stream(_ versionedKey: String?, opening: String, closing: String, pretty: Bool, python: Bool,
                               produce: ((String?, JSONValue) -> Void) throws -> Void, write: (String) -> Void) rethrows {
        let indent: Int? = pretty || python ? 0 : nil
        let separator = indent == nil ? ":" : ": "
        var head = ""
        var container = indent
        if let versionedKey {
            let member = indent.map { $0 + 1 }
            head = "{"
            newline(&head, member)
            writeString("schema", to: &head, python: python)
            head += separator + String(schemaVersion) + ","
            newline(&head, member)
            writeString(versionedKey, to: &head, python: python)
            head += separator
            container = member
        }
        let element = container.map { $0 + 1 }
        var count = 0
        // The item callback is called only while `produce` runs: `write` does not escape.
        try withoutActuallyEscaping(write) { write in
            try produce { key, value in
                var piece = count == 0 ? head + opening : ","
                newline(&piece, element)
                if let key {
                    writeString(key, to: &piece, python: python)
                    piece += separator
                }
                value.write(to: &piece, indent: element, python: python)
                write(piece)
                count += 1
            }
        }
        var tail = count == 0 ? head + opening + closing : ""
        if count > 0 {
            newline(&tail, container)
            tail += closing
        }
        if versionedKey != nil {
            newline(&tail, indent)
            tail += "}"
        }
        write(tail)
    }

    /// The text ``serialized(pretty:)`` (or, with `python`, ``serializedAsPython()``) returns, handed to `write` in
    /// pieces of about `chunk` bytes as it is made: a long document (`search -J '*'`, a whole release) is never one
    /// string as well as its tree.
    public func write(pretty: Bool = true, python: Bool = false, chunk: Int = 1 << 20, to write: (String) -> Void) {
        var output = ""
        withoutActuallyEscaping(write) { write in
            self.write(to: &output, indent: pretty || python ? 0 : nil, python: python) { output in
                guard output.utf8.count >= chunk else { return }
                write(output)
                output = ""
            }
        }
        write(output)
    }

    /// `flush`, when given, is offered the text so far after each element of an array or member of an object.
    private func write(to output: inout String, indent: Int?, python: Bool, flush: ((inout String) -> Void)? = nil) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value):
            output += value.isFinite ? String(value) : "null"
        case .string(let value): Self.writeString(value, to: &output, python: python)
        case .array(let values):
            guard !values.isEmpty else { output += "[]"; return }
            output += "["
            for (offset, value) in values.enumerated() {
                if offset > 0 { output += "," }
                Self.newline(&output, indent.map { $0 + 1 })
                value.write(to: &output, indent: indent.map { $0 + 1 }, python: python, flush: flush)
                flush?(&output)
            }
            Self.newline(&output, indent)
            output += "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            for (offset, member) in members.enumerated() {
                if offset > 0 { output += "," }
                Self.newline(&output, indent.map { $0 + 1 })
                Self.writeString(member.key, to: &output, python: python)
                output += indent == nil ? ":" : ": "
                member.value.write(to: &output, indent: indent.map { $0 + 1 }, python: python, flush: flush)
                flush?(&output)
            }
            Self.newline(&output, indent)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, _ indent: Int?) {
        guard let indent else { return }
        output += "\n" + String(repeating: "  ", count: indent)
    }

    /// A JSON string: `"`, `\\`, `\n`, `\r`, `\t` and other C0 controls escaped, and what a terminal would act on
    /// (DEL, C1 controls such as U+009B, a CSI, and bidirectional overrides: ``Printable/needsEscape(_:)``) as
    /// `\uXXXX`: the same string to every JSON reader, and `debwork -J` on a terminal prints no control. `python`: as
    /// Python's `json` module writes it with `ensure_ascii=True` — also `\b` and `\f` by name, and everything above
    /// `~` (DEL and non-ASCII) as `\uXXXX`, UTF-16 surrogate pairs beyond U+FFFF.
    /// Whether every byte of `string` is printable ASCII other than `"` and `\\`: such a string is its own JSON
    /// text in both forms (most names and paths; the scalar loop below cost a third of a 9,000-hit `search -J`).
    static func isVerbatim(_ string: String) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 > 0x7E || $0 == 0x22 || $0 == 0x5C }
        } ?? false
    }

    public static func writeString(_ string: String, to output: inout String, python: Bool = false) {
        func hex(_ unit: UInt16) -> String {
            let text = String(unit, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - text.count) + text
        }
        output += "\""
        if isVerbatim(string) {
            output += string
            output += "\""
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}" where python: output += "\\b"
            case "\u{0C}" where python: output += "\\f"
            default:
                if python ? scalar.value < 0x20 || scalar.value > 0x7E : Printable.needsEscape(scalar) {
                    for unit in String(scalar).utf16 { output += hex(unit) }
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
