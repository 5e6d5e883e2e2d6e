import PCRE2
/// The recursive-descent parser proper, one method per grammar rule.
struct RecursiveDescentParser {
    /// The deepest nesting of `(` and `!` accepted. The SQL made from a query nests as deep, and SQLite's
    /// parser refuses more than about 40 levels of parentheses ("parser stack overflow"); the limit also
    /// bounds this parser's recursion.
    static let maximumNesting = 24
    /// The most conditions a query may hold (a package name with a version counts twice). SQLite refuses an
    /// expression deeper than 1000 (`SQLITE_MAX_EXPR_DEPTH`), and a chain of `,` or `|` is as deep as it is long.
    static let maximumConditions = 256

    var scanner: QueryScanner
    /// The lookahead token.
    var current: QueryToken
    /// How many `(` and `!` enclose the current token.
    var nesting = 0
    /// Conditions made so far.
    var conditions = 0

    init(_ text: String) throws(QuerySyntaxError) {
        scanner = QueryScanner(text)
        current = try scanner.nextToken()
    }

    mutating func advance() throws(QuerySyntaxError) {
        current = try scanner.nextToken()
    }

    mutating func orExpression() throws(QuerySyntaxError) -> QueryExpression {
        var expression = try andExpression()
        while case .or = current.kind {
            try advance()
            expression = .or(expression, try andExpression())
        }
        return expression
    }

    mutating func andExpression() throws(QuerySyntaxError) -> QueryExpression {
        var expression = try unary()
        while case .and = current.kind {
            try advance()
            expression = .and(expression, try unary())
        }
        return expression
    }

    mutating func unary() throws(QuerySyntaxError) -> QueryExpression {
        if case .not = current.kind {
            try enter()
            let operand = try unary()
            nesting -= 1
            return .not(operand)
        }
        return try primary()
    }

    /// Steps over the `(` or `!` that opens a nested level.
    mutating func enter() throws(QuerySyntaxError) {
        nesting += 1
        if nesting > Self.maximumNesting {
            throw scanner.error("query nested too deeply (more than \(Self.maximumNesting) levels of '(' and '!')",
                                at: current.position)
        }
        try advance()
    }

    /// Counts `count` more conditions, starting at `position`.
    mutating func count(_ count: Int, at position: Int) throws(QuerySyntaxError) {
        conditions += count
        if conditions > Self.maximumConditions {
            throw scanner.error("query has more than \(Self.maximumConditions) conditions", at: position)
        }
    }

    mutating func primary() throws(QuerySyntaxError) -> QueryExpression {
        let token = current
        switch token.kind {
        case .openParen:
            try enter()
            let inner = try orExpression()
            switch current.kind {
            case .closeParen:
                nesting -= 1
                try advance()
            case .end: throw scanner.error("missing ')'", at: current.position)
            default: throw scanner.error("expected ')', found \(current.quotedForMessage)", at: current.position)
            }
            return inner
        case .word(let word):
            return try term(word, at: token.position)
        default:
            throw scanner.error("expected a field or package name, found \(token.quotedForMessage)",
                                at: token.position)
        }
    }

    /// A field or package name and its optional condition.
    mutating func term(_ word: String, at position: Int) throws(QuerySyntaxError) -> QueryExpression {
        let field: String?
        if word.hasPrefix("$") {
            guard let pseudo = QueryFieldNames.pseudoField(word) else {
                let known = QueryFieldNames.pseudoFields.joined(separator: ", ")
                throw scanner.error("unknown pseudo-field '\(word)' (known: \(known))", at: position)
            }
            field = pseudo
        } else if let known = QueryFieldNames.controlField(word) {
            field = known
        } else if let first = word.unicodeScalars.first, ("A"..."Z").contains(first) {
            guard QueryFieldNames.isValidFieldName(word) else {
                throw scanner.error("invalid field name '\(word)'", at: position)
            }
            field = word
        } else {
            guard QueryFieldNames.isValidPackageName(word) else {
                throw scanner.error("invalid package name '\(word)'", at: position)
            }
            field = nil
        }

        try advance()
        var condition: (relation: QueryRelation, value: String)?
        if case .openParen = current.kind {
            let inside = try scanner.scanCondition()
            if inside.relation == .regex { try checkRegex(inside.value, at: inside.valuePosition) }
            condition = (inside.relation, inside.value)
            try advance()
        }

        try count(field == nil && condition != nil ? 2 : 1, at: position)
        switch (field, condition) {
        case (let field?, let condition?):
            return .condition(QueryCondition(field: field, relation: condition.relation, value: condition.value,
                                             position: position))
        case (let field?, nil):
            // aptly: a field alone matches when it is present and not empty.
            return .condition(QueryCondition(field: field, relation: .glob, value: "?*", position: position))
        case (nil, let condition?):
            return .and(
                .condition(QueryCondition(field: "Name", relation: .equal, value: word, position: position)),
                .condition(QueryCondition(field: "$Version", relation: condition.relation, value: condition.value,
                                          position: position)))
        case (nil, nil):
            return .condition(QueryCondition(field: "Name", relation: .equal, value: word, position: position))
        }
    }

    /// Refuses a pattern PCRE2 (the engine `--where` runs) cannot compile, pointing at the value.
    func checkRegex(_ pattern: String, at position: Int) throws(QuerySyntaxError) {
        do {
            try RegularExpression.check(pattern)
        } catch {
            throw scanner.error("invalid regular expression '\(pattern)': \(error)", at: position)
        }
    }
}
