/// A token of the expression level of a query (the part outside a condition's parentheses).
struct QueryToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case openParen, closeParen, and, or, not
        /// A run of characters that are not blanks, quotes or `( ) | , !`: a field or package name.
        case word(String)
        /// A quoted string (not valid at this level, but reported as such).
        case quoted(String)
        case end
    }

    var kind: Kind
    /// The 0-based character offset of the token's first character.
    var position: Int

    /// How an error message names the token: `')'`, `'nginx'`, `a quoted string`, `end of query`.
    var quotedForMessage: String {
        switch kind {
        case .openParen: "'('"
        case .closeParen: "')'"
        case .and: "','"
        case .or: "'|'"
        case .not: "'!'"
        case .word(let word): "'\(word)'"
        case .quoted: "a quoted string"
        case .end: "end of query"
        }
    }
}
