/// An FTS5 `MATCH` expression built from a user's words, never raw user text (like GRDB's `FTS5Pattern`).
///
/// Honoured: `"quoted phrases"`, the keywords `AND`, `OR`, `NOT` (upper case, as FTS5 wants them), and a
/// trailing `*` on a word or phrase (prefix search). Everything else is quoted as an FTS5 string, so the
/// tokenizer sees it as plain text: `NEAR(`, `^`, `:`, `(`, `-` or a stray `"` can never be FTS5 syntax.
/// Words with nothing the tokenizer would index (`*`, `)`, `--`) are dropped; operators that would be left
/// dangling (leading, trailing, doubled, a leading `NOT`) are dropped too, so the result always parses.
public struct FTS5Pattern: Sendable, Hashable {
    /// The expression for `MATCH`, bound as a parameter.
    public let expression: String

    enum Item: Equatable {
        case phrase(String, prefix: Bool)
        case keyword(String)
    }

    /// Builds the expression, or returns nil when `text` holds no searchable word.
    public init?(_ text: String) {
        var items: [Item] = []
        for item in Self.lex(text) {
            switch item {
            case .keyword(let keyword):
                // An operator needs an operand on its left; NOT is binary in FTS5 ("a NOT b").
                guard case .keyword(let previous) = items.last else {
                    if !items.isEmpty { items.append(item) }
                    continue
                }
                // Two operators in a row: the second wins ("a AND NOT b" is "a NOT b"), but NOT cannot
                // follow OR or NOT, so there it is dropped.
                if keyword != "NOT" || previous == "AND" { items[items.count - 1] = item }
                continue
            case .phrase:
                items.append(item)
            }
        }
        while case .keyword = items.last { items.removeLast() }
        guard !items.isEmpty else { return nil }
        expression = items.map { item -> String in
            switch item {
            case .keyword(let keyword): keyword
            case .phrase(let text, let prefix): Self.quote(text) + (prefix ? " *" : "")
            }
        }.joined(separator: " ")
    }

    /// Splits `text` into phrases and keywords; drops what the tokenizer would ignore.
    static func lex(_ text: String) -> [Item] {
        var items: [Item] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "\"" {
                var phrase = ""
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    phrase.append(characters[index])
                    index += 1
                }
                index += 1 // the closing quote (an unclosed phrase runs to the end)
                var prefix = false
                if index < characters.count, characters[index] == "*" {
                    prefix = true
                    while index < characters.count, characters[index] == "*" { index += 1 }
                }
                if hasToken(phrase) { items.append(.phrase(phrase, prefix: prefix)) }
            } else {
                var word = ""
                while index < characters.count, !characters[index].isWhitespace, characters[index] != "\"" {
                    word.append(characters[index])
                    index += 1
                }
                if word == "AND" || word == "OR" || word == "NOT" {
                    items.append(.keyword(word))
                    continue
                }
                var prefix = false
                while word.hasSuffix("*") {
                    word.removeLast()
                    prefix = true
                }
                if hasToken(word) { items.append(.phrase(word, prefix: prefix)) }
            }
        }
        return items
    }

    /// Whether the unicode61 tokenizer finds a token in `text` (letters, digits, anything non-ASCII).
    static func hasToken(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar.value >= 0x80 || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar)
        }
    }

    /// An FTS5 string: double quotes around, inner quotes doubled.
    static func quote(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            quoted.append(character)
            if character == "\"" { quoted.append("\"") }
        }
        return quoted + "\""
    }

    /// A trigram phrase for substring search over paths (the text quoted as one FTS5 string).
    public static func substring(_ text: String) -> String { quote(text) }
}
