/// The tokenizer of the query language.
///
/// Two modes, chosen by the parser: ``nextToken()`` reads the expression level (`(`, `)`, `,`, `|`, `!`,
/// words), and ``scanCondition()``, called right after the `(` that follows a field, reads
/// `[op] value )`, where a value is quoted (`"…"` or `'…'`, backslash escapes the next character) or bare
/// (everything up to the next `)`, blanks around it trimmed).
struct QueryScanner {
    /// The query, as given.
    let query: String
    private let characters: [Character]
    /// The offset of the next character to read.
    private(set) var index = 0

    /// Characters that end a word at the expression level.
    private static let delimiters: Set<Character> = ["(", ")", "|", ",", "!", "\"", "'"]
    /// Characters an operator is made of; a run of them that is not a relation is an error.
    private static let operatorCharacters: Set<Character> = ["<", ">", "=", "!", "%", "~"]

    init(_ query: String) {
        self.query = query
        self.characters = Array(query)
    }

    /// An error at `position` with `reason`.
    func error(_ reason: String, at position: Int) -> QuerySyntaxError {
        QuerySyntaxError(query: query, position: position, reason: reason)
    }

    /// The offset just past the last character (where "end of query" errors point).
    var endPosition: Int { characters.count }

    /// Reads the next expression-level token.
    /// - Throws: ``QuerySyntaxError`` for an unterminated quoted string.
    mutating func nextToken() throws(QuerySyntaxError) -> QueryToken {
        skipWhitespace()
        let start = index
        guard index < characters.count else { return QueryToken(kind: .end, position: start) }
        let character = characters[index]
        let single: QueryToken.Kind? = switch character {
        case "(": .openParen
        case ")": .closeParen
        case ",": .and
        case "|": .or
        case "!": .not
        default: nil
        }
        if let single {
            index += 1
            return QueryToken(kind: single, position: start)
        }
        if character == "\"" || character == "'" {
            return QueryToken(kind: .quoted(try scanQuoted()), position: start)
        }
        while index < characters.count, !characters[index].isWhitespace,
              !Self.delimiters.contains(characters[index]) {
            index += 1
        }
        return QueryToken(kind: .word(String(characters[start..<index])), position: start)
    }

    /// Reads a condition's inside up to and including its `)`; the `(` has been read.
    /// - Returns: the relation (`=` when none is written), the value and the value's offset.
    /// - Throws: ``QuerySyntaxError``: `unknown relation '…'`, `missing value`, `missing ')'`,
    ///   `unterminated quoted string`, `expected ')' after the quoted value, found '…'`.
    mutating func scanCondition() throws(QuerySyntaxError)
        -> (relation: QueryRelation, value: String, valuePosition: Int) {
        skipWhitespace()
        let relationStart = index
        while index < characters.count, Self.operatorCharacters.contains(characters[index]) { index += 1 }
        var relation = QueryRelation.equal
        if index > relationStart {
            let spelling = String(characters[relationStart..<index])
            guard let known = QueryRelation(spelling: spelling) else {
                throw error("unknown relation '\(spelling)'", at: relationStart)
            }
            relation = known
        }
        skipWhitespace()
        let valueStart = index
        guard index < characters.count else { throw error("missing ')'", at: endPosition) }

        if characters[index] == "\"" || characters[index] == "'" {
            let value = try scanQuoted()
            skipWhitespace()
            guard index < characters.count else { throw error("missing ')'", at: endPosition) }
            guard characters[index] == ")" else {
                throw error("expected ')' after the quoted value, found '\(characters[index])'", at: index)
            }
            index += 1
            return (relation, value, valueStart)
        }

        while index < characters.count, characters[index] != ")" { index += 1 }
        guard index < characters.count else { throw error("missing ')'", at: endPosition) }
        var valueEnd = index
        while valueEnd > valueStart, characters[valueEnd - 1].isWhitespace { valueEnd -= 1 }
        guard valueEnd > valueStart else { throw error("missing value", at: index) }
        index += 1
        return (relation, String(characters[valueStart..<valueEnd]), valueStart)
    }

    /// Reads a quoted string starting at the current quote character; a backslash takes the next
    /// character literally.
    private mutating func scanQuoted() throws(QuerySyntaxError) -> String {
        let start = index
        let quote = characters[index]
        index += 1
        var value = ""
        while index < characters.count {
            var character = characters[index]
            index += 1
            if character == quote { return value }
            if character == "\\" {
                guard index < characters.count else { break }
                character = characters[index]
                index += 1
            }
            value.append(character)
        }
        throw error("unterminated quoted string", at: start)
    }

    private mutating func skipWhitespace() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }
}
