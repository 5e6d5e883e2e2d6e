/// The small subset of TOML debwork's configuration uses: `[table]` and `[a.b]` headers, `key = value`
/// with strings (basic `"…"` with escapes, literal `'…'`), integers, booleans and one-line arrays of those,
/// `#` comments. Anything else is an error naming the line.
public struct TOMLDocument: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case string(String)
        case integer(Int64)
        case bool(Bool)
        case array([Value])

        public var string: String? { if case .string(let value) = self { value } else { nil } }
        public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
        public var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
        public var strings: [String]? {
            if case .array(let values) = self { return values.compactMap(\.string) }
            return string.map { [$0] }
        }
    }

    /// Values by table path (`""` for the root table, `"repositories.test"` for `[repositories.test]`).
    public private(set) var tables: [String: [String: Value]] = [:]
    /// Table paths in the order they appear.
    public private(set) var tableOrder: [String] = []

    public subscript(table: String) -> [String: Value] { tables[table] ?? [:] }

    /// The tables directly below `prefix` (`subtables(of: "repositories")` → `["test": …]`).
    public func subtables(of prefix: String) -> [(name: String, values: [String: Value])] {
        tableOrder.compactMap { path in
            guard path.hasPrefix(prefix + "."), let values = tables[path] else { return nil }
            let name = String(path.dropFirst(prefix.count + 1))
            return name.contains(".") ? nil : (TOMLDocument.unquote(name), values)
        }
    }

    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> TOMLDocument {
        var document = TOMLDocument()
        var table = ""
        document.tableOrder.append("")
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(rawLine).trimmed
            let number = offset + 1
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), !line.hasPrefix("[[") else {
                    throw ConfigurationError(file: file, line: number, reason: "malformed table header '\(line)'")
                }
                table = String(line.dropFirst().dropLast()).trimmed
                guard !table.isEmpty else {
                    throw ConfigurationError(file: file, line: number, reason: "empty table name")
                }
                if document.tables[table] == nil { document.tableOrder.append(table) }
                document.tables[table, default: [:]] = document.tables[table] ?? [:]
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigurationError(file: file, line: number, reason: "expected 'key = value', got '\(line)'")
            }
            let key = unquote(String(line[..<equals]).trimmed)
            let valueText = String(line[line.index(after: equals)...]).trimmed
            guard !key.isEmpty else {
                throw ConfigurationError(file: file, line: number, reason: "missing key before '='")
            }
            var cursor = valueText[...]
            let value = try parseValue(&cursor, file: file, line: number)
            guard cursor.trimmed.isEmpty else {
                throw ConfigurationError(file: file, line: number, reason: "unexpected text after value: '\(cursor.trimmed)'")
            }
            if document.tables[table]?[key] != nil {
                throw ConfigurationError(file: file, line: number, reason: "duplicate key '\(key)'")
            }
            document.tables[table, default: [:]][key] = value
        }
        return document
    }

    private static func parseValue(_ text: inout Substring, file: String, line: Int) throws(ConfigurationError) -> Value {
        text = text.drop { $0 == " " || $0 == "\t" }
        guard let first = text.first else {
            throw ConfigurationError(file: file, line: line, reason: "missing value")
        }
        switch first {
        case "\"", "'":
            text = text.dropFirst()
            var result = ""
            while let character = text.first {
                text = text.dropFirst()
                if character == first { return .string(result) }
                if character == "\\" && first == "\"" {
                    guard let escaped = text.first else { break }
                    text = text.dropFirst()
                    switch escaped {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "\\": result.append("\\")
                    case "\"": result.append("\"")
                    default:
                        throw ConfigurationError(file: file, line: line, reason: "unsupported escape '\\\(escaped)'")
                    }
                } else {
                    result.append(character)
                }
            }
            throw ConfigurationError(file: file, line: line, reason: "unterminated string")
        case "[":
            text = text.dropFirst()
            var values: [Value] = []
            while true {
                text = text.drop { $0 == " " || $0 == "\t" || $0 == "," }
                if text.first == "]" {
                    text = text.dropFirst()
                    return .array(values)
                }
                guard !text.isEmpty else {
                    throw ConfigurationError(file: file, line: line, reason: "unterminated array")
                }
                values.append(try parseValue(&text, file: file, line: line))
                text = text.drop { $0 == " " || $0 == "\t" }
                if let next = text.first, next != ",", next != "]" {
                    throw ConfigurationError(file: file, line: line, reason: "expected ',' or ']' in array")
                }
            }
        default:
            let word = text.prefix { $0 != "," && $0 != "]" && $0 != " " && $0 != "\t" }
            text = text.dropFirst(word.count)
            if word == "true" { return .bool(true) }
            if word == "false" { return .bool(false) }
            if let number = Int64(word.filter { $0 != "_" }) { return .integer(number) }
            throw ConfigurationError(file: file, line: line, reason: "unsupported value '\(word)' (use a quoted string, an integer, true/false or [ … ])")
        }
    }

    /// Drops a `#` comment that is not inside a string.
    private static func stripComment(_ line: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open && !(open == "\"" && previous == "\\") { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                return line[..<index]
            }
            previous = character
        }
        return line
    }

    static func unquote(_ key: String) -> String {
        if key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first {
            return String(key.dropFirst().dropLast())
        }
        return key
    }
}

/// A configuration file that cannot be used: where and why.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}

extension StringProtocol {
    var trimmed: String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
