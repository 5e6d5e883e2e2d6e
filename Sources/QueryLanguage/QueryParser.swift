/// Parses `--where` queries (aptly's package-query language, see ``parse(_:)`` for the grammar).
public enum QueryParser {
    /// Parses `text` into an expression.
    ///
    /// Grammar (`|` binds loosest, then `,`, then `!`):
    /// ```
    /// query     = or-expr ;
    /// or-expr   = and-expr { "|" and-expr } ;
    /// and-expr  = unary { "," unary } ;
    /// unary     = "!" unary | primary ;
    /// primary   = "(" or-expr ")" | field [ condition ] | package [ condition ] ;
    /// condition = "(" [ relation ] value ")" ;
    /// relation  = "=" | "%" | "~" | ">=" | "<=" | ">>" | "<<" | "<" | ">" ;
    /// value     = quoted | bare ;   (* bare: up to the next ")", trimmed *)
    /// ```
    /// - A `field` is a word starting with `$` (a pseudo-field: `$Source`, `$SourceVersion`, `$Version`,
    ///   `$Architecture`, `$PackageType`, `$Distribution`), starting with an uppercase letter, or one of
    ///   ``QueryFieldNames/controlFields`` in any case. Field names are case-insensitive.
    /// - `Field` without a condition means the field is present and not empty (aptly), parsed as
    ///   `Field (% ?*)`.
    /// - Any other word is a package name, as in aptly: `nginx` is `Name (nginx)`, and
    ///   `nginx (>= 1.0)` is `Name (nginx), $Version (>= 1.0)`.
    /// - `<` and `>` are dpkg's legacy spellings of `<=` and `>=`.
    /// - Regular expressions are checked here (PCRE2: Perl's syntax, the engine `--where` runs).
    /// - No NUL character anywhere.
    /// - At most 24 levels of `(` and `!` and at most 256 conditions (a package name with a version counts
    ///   twice): the SQL made from a query must stay within SQLite's parser and expression-depth limits.
    ///
    /// - Throws: ``QuerySyntaxError`` pointing at the first problem.
    public static func parse(_ text: String) throws(QuerySyntaxError) -> QueryExpression {
        // A command line cannot hold a NUL, and SQLite reads the bound values as C strings, so a value would
        // be cut there (found by fuzzing: a regex that compiled here failed in SQLite as its prefix).
        if let nul = text.unicodeScalars.firstIndex(of: "\0") {
            throw QuerySyntaxError(query: text, position: text[..<nul].count, reason: "NUL character in query")
        }
        var parser = try RecursiveDescentParser(text)
        if case .end = parser.current.kind { throw parser.scanner.error("empty query", at: 0) }
        let expression = try parser.orExpression()
        switch parser.current.kind {
        case .end:
            return expression
        case .closeParen:
            throw parser.scanner.error("unmatched ')'", at: parser.current.position)
        default:
            throw parser.scanner.error("expected ',', '|' or end of query, found \(parser.current.quotedForMessage)",
                                       at: parser.current.position)
        }
    }
}
