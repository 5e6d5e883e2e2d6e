import QueryLanguage
import SQLite

/// Turns `--where` queries into SQL over the candidate columns documented on ``WhereFilter``.
///
/// Every value (and every JSON path) is bound as a parameter; the SQL text holds only column names,
/// operators and `?`. Each condition is wrapped in `COALESCE(…, 0)`, so a row where the tested column or
/// control field is NULL (absent) does not match the condition, and does match its negation.
///
/// Semantics per relation:
/// - `=`: text equality; dpkg equality (`debvercmp(…) = 0`) for `$Version`/`Version`/`$SourceVersion`;
///   for `Architecture`/`$Architecture` plain equality (`all` does not match `amd64`, unlike aptly) or one
///   word of a source's space-separated list; `$PackageType (binary)` means any binary kind.
/// - `%`: SQLite `GLOB` (case-sensitive; `*` also matches `/`).
/// - `~`: `regexp(pattern, column)`, unanchored.
/// - `>=`, `<=`, `>>`, `<<`: `debvercmp(column, value)`, Debian ordering for every field, as aptly does.
public enum WhereCompiler {
    /// Parses and compiles a `--where` query.
    /// - Throws: `QuerySyntaxError` for a query that does not parse, ``QueryError`` for one that cannot be
    ///   compiled.
    public static func compile(_ query: String) throws -> WhereFilter {
        try compile(QueryParser.parse(query))
    }

    /// Compiles a parsed query.
    /// - Throws: ``QueryError`` for an unknown pseudo-field or an invalid field name.
    public static func compile(_ expression: QueryExpression) throws(QueryError) -> WhereFilter {
        // A conjunction's operands each narrow on their own: the search takes the one selecting fewest rows.
        var alternatives: [WhereFilter.Owners] = []
        if case .and = expression {
            for operand in operands(of: expression, and: true) {
                if let owners = try owners(for: operand) { alternatives.append(owners) }
            }
        } else if let owners = try owners(for: expression) {
            alternatives = [owners]
        }
        var values: [SQLValue] = []
        let sql = try sql(for: expression, narrowed: !alternatives.isEmpty, values: &values)
        // One condition: its owners query runs the condition's own test (on `field_values` or the name columns
        // the candidates read), so it selects exactly the rows the filter would.
        let isOneCondition = if case .condition = expression { true } else { false }
        return WhereFilter(sql: sql, values: values, owners: alternatives.first, ownerAlternatives: alternatives,
                           hasPlainParameters: true, ownersAreExact: isOneCondition)
    }

    /// The owners a query can select, as a query over `field_values` or the name indices, when every row it
    /// selects must have a control field or a name passing a test: a field's condition (an absent field never
    /// matches), a name's (`Name`, `$Source`), a conjunction with at least one such operand (an equality
    /// preferred: a probe, not a scan), a disjunction of such operands only. Nil for a negation or a test of
    /// another pseudo-field (any row may pass those).
    private static func owners(for expression: QueryExpression) throws(QueryError) -> WhereFilter.Owners? {
        switch expression {
        case .condition(let condition):
            let column = try QueryColumn(field: condition.field)
            if case .text(let name) = column, let byName = IndexSearch.NameColumn(rawValue: name) {
                return owners(byName: [byName], condition.relation, condition.value)
            }
            guard case .field(let name) = column else { return nil }
            let value = SQLValue.text(condition.value)
            let select = "SELECT owner FROM field_values WHERE name = ? AND "
            switch condition.relation {
            case .equal:
                return .init(sql: select + "value = ?", values: [.text(name), value], isProbe: true)
            case .glob:
                return .init(sql: select + "value GLOB ?", values: [.text(name), value], isProbe: false,
                             scan: .init(field: name, test: "x GLOB ?", values: [value],
                                         literal: globLiteral(condition.value)))
            case .regex:
                return .init(sql: select + "regexp(?, value)", values: [.text(name), value], isProbe: false,
                             scan: .init(field: name, test: "regexp(?, x)", values: [value],
                                         literal: regexLiteral(condition.value)))
            case .greaterOrEqual, .lessOrEqual, .greater, .less:
                let operation = switch condition.relation {
                case .greaterOrEqual: ">="
                case .lessOrEqual: "<="
                case .greater: ">"
                default: "<"
                }
                return .init(sql: select + "debvercmp(value, ?) \(operation) 0", values: [.text(name), value],
                             isProbe: false,
                             scan: .init(field: name, test: "debvercmp(x, ?) \(operation) 0", values: [value]))
            }
        case .and:
            var best: WhereFilter.Owners?
            for operand in operands(of: expression, and: true) {
                guard let owners = try owners(for: operand) else { continue }
                if owners.isProbe { return owners }
                if best == nil { best = owners }
            }
            return best
        case .or:
            var parts: [WhereFilter.Owners] = []
            for operand in operands(of: expression, and: false) {
                guard let owners = try owners(for: operand) else { return nil }
                parts.append(owners)
            }
            return .init(sql: parts.map(\.sql).joined(separator: " UNION ALL "), values: parts.flatMap(\.values),
                         isProbe: parts.allSatisfy(\.isProbe))
        case .not:
            return nil
        }
    }

    /// The owners of the rows whose name (`Name`, `Package`) or source name (`$Source`), or either, passes a
    /// condition, through the name indices (``IndexSearch/owners(byName:test:values:literal:isProbe:)``): a probe for an
    /// equality and a glob with a literal start (a range of the index), the names' trigrams for a glob or a
    /// regular expression with a literal of three characters, a scan of the names otherwise. Nil for a version
    /// relation.
    static func owners(byName columns: [IndexSearch.NameColumn], _ relation: QueryRelation, _ value: String) -> WhereFilter.Owners? {
        let test: (String) -> String
        switch relation {
        case .equal:
            test = { "\($0) = ?" }
        case .glob:
            test = { "\($0) GLOB ?" }
        case .regex:
            test = { "regexp(?, \($0))" }
        case .greaterOrEqual, .lessOrEqual, .greater, .less:
            return nil
        }
        let literal = relation == .glob ? globLiteral(value) : relation == .regex ? regexLiteral(value) : nil
        let isProbe = relation == .equal || relation == .glob && value.first.map { !"*?[".contains($0) } ?? false
        return IndexSearch.owners(byName: columns, test: test, values: [.text(value)], literal: literal, isProbe: isProbe)
    }

    /// Chains of the same operator become one flat `(a AND b AND c)` and runs of `!` cancel in pairs (every
    /// operand is non-NULL, so `NOT NOT x` is `x`): SQLite's parser overflows at about 40 nested parentheses,
    /// and a query of 50 alternatives `a | b | …` must not nest 50 deep.
    ///
    /// `narrowed`: the candidates are few (those of ``WhereFilter/owners``), so a field's equality is one probe
    /// of `field_values` per candidate, not a list of every owner with that value (60 k for `Priority (optional)`).
    private static func sql(for expression: QueryExpression, narrowed: Bool, values: inout [SQLValue]) throws(QueryError) -> String {
        switch expression {
        case .and, .or:
            let isAnd = if case .and = expression { true } else { false }
            var parts: [String] = []
            for operand in operands(of: expression, and: isAnd) {
                parts.append(try sql(for: operand, narrowed: narrowed, values: &values))
            }
            return "(" + parts.joined(separator: isAnd ? " AND " : " OR ") + ")"
        case .not:
            var operand = expression
            var negations = 0
            while case .not(let inner) = operand {
                negations += 1
                operand = inner
            }
            let inner = try sql(for: operand, narrowed: narrowed, values: &values)
            return negations % 2 == 1 ? "(NOT \(inner))" : inner
        case .condition(let condition):
            return "COALESCE(\(try test(condition, narrowed: narrowed, values: &values)), 0)"
        }
    }

    /// The operands of a chain of `.and` (or `.or`) nodes, left to right (the order of the `?` in the SQL),
    /// collected without recursion.
    /// The longest run of plain characters of an SQLite `GLOB` pattern, outside `*`, `?` and classes `[…]` (a
    /// `]` right after `[` or `[^` is a member; SQLite has no escape character in GLOB): every text the pattern
    /// matches contains it. Nil when the pattern has none. An unclosed `[` ends the runs (it matches nothing).
    static func globLiteral(_ pattern: String) -> String? {
        let scalars = Array(pattern.unicodeScalars)
        var longest = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        func end() {
            if run.count > longest.count { longest = run }
            run = String.UnicodeScalarView()
        }
        var index = 0
        scan: while index < scalars.count {
            switch scalars[index] {
            case "*", "?":
                end()
            case "[":
                end()
                var close = index + 1
                if close < scalars.count, scalars[close] == "^" { close += 1 }
                if close < scalars.count, scalars[close] == "]" { close += 1 }
                while close < scalars.count, scalars[close] != "]" { close += 1 }
                guard close < scalars.count else { break scan }
                index = close
            default:
                run.append(scalars[index])
            }
            index += 1
        }
        end()
        return longest.isEmpty ? nil : String(longest)
    }

    /// The longest ASCII run every match of a `~` pattern contains (``RegexLiterals``): nil when the pattern has
    /// top-level alternatives, inline options (`(?i)`: the runs would not be case-sensitive) or no run. ASCII
    /// only: an ASCII character in the pattern only ever matches its own byte. (Chosen when the engine was Swift's
    /// `Regex`, which compares characters by canonical equivalence; PCRE2 compares code points, so non-ASCII runs
    /// could narrow too.)
    static func regexLiteral(_ pattern: String) -> String? {
        guard !pattern.contains("(?"), let branches = RegexLiterals.alternatives(in: pattern, minimum: 1),
              branches.count == 1 else { return nil }
        let pieces = branches[0].flatMap { $0.split(whereSeparator: { !$0.isASCII }) }
        return pieces.max { $0.utf8.count < $1.utf8.count }.map(String.init)
    }

    private static func operands(of expression: QueryExpression, and isAnd: Bool) -> [QueryExpression] {
        var result: [QueryExpression] = []
        var pending = [expression]
        while let next = pending.popLast() {
            switch (next, isAnd) {
            case (.and(let left, let right), true), (.or(let left, let right), false):
                pending.append(right)
                pending.append(left)
            default:
                result.append(next)
            }
        }
        return result
    }

    /// One condition as an SQL boolean that may be NULL. Parameters are appended in the order their `?`
    /// appear in the text.
    private static func test(_ condition: QueryCondition, narrowed: Bool, values: inout [SQLValue]) throws(QueryError) -> String {
        let column = try QueryColumn(field: condition.field)
        let value = condition.value
        func read() -> String {
            switch column {
            case .text(let name), .version(let name): return name
            case .architecture: return "architecture"
            case .packageType: return "type"
            case .field(let name):
                values.append(.text(name))
                return "(SELECT f.value FROM field_values f WHERE f.owner = candidates.owner AND f.name = ?)"
            }
        }
        func bind(_ text: String) -> String {
            values.append(.text(text))
            return "?"
        }
        func compare(_ operation: String) -> String {
            let lhs = read()
            return "debvercmp(\(lhs), \(bind(value))) \(operation) 0"
        }

        switch condition.relation {
        case .equal:
            switch column {
            case .version:
                return compare("=")
            case .architecture:
                // A source's Architecture is a list ("amd64 arm64"): one of its words may match.
                let whole = bind(value)
                let hasBlank = bind(value)
                let word = bind(value)
                return "(architecture = \(whole) OR (instr(\(hasBlank), ' ') = 0 AND "
                    + "instr(' ' || architecture || ' ', ' ' || \(word) || ' ') > 0))"
            case .packageType where value == "binary":
                return "kind = \(bind("binary"))"
            case .field(let name) where narrowed:
                let field = bind(name)
                return "EXISTS (SELECT 1 FROM field_values f WHERE f.name = \(field) AND f.value = \(bind(value)) "
                    + "AND f.owner = candidates.owner)"
            case .field(let name):
                // One probe of the (name, value) index instead of a lookup per candidate row.
                let field = bind(name)
                return "owner IN (SELECT f.owner FROM field_values f WHERE f.name = \(field) AND f.value = \(bind(value)))"
            default:
                let lhs = read()
                return "\(lhs) = \(bind(value))"
            }
        case .glob:
            let lhs = read()
            return "\(lhs) GLOB \(bind(value))"
        case .regex:
            let pattern = bind(value)
            return "regexp(\(pattern), \(read()))"
        case .greaterOrEqual: return compare(">=")
        case .lessOrEqual: return compare("<=")
        case .greater: return compare(">")
        case .less: return compare("<")
        }
    }
}
