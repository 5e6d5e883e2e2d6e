/// A parsed `--where` query: conditions combined with `,` (and), `|` (or) and `!` (not), in the spirit of
/// aptly's package queries.
///
/// Produced by ``QueryParser/parse(_:)``; the SQL is made elsewhere (the `Index` module's `WhereCompiler`).
public indirect enum QueryExpression: Sendable, Hashable {
    /// Both sides match (`a, b`).
    case and(QueryExpression, QueryExpression)
    /// Either side matches (`a | b`).
    case or(QueryExpression, QueryExpression)
    /// The operand does not match (`!a`).
    case not(QueryExpression)
    /// One `Field (op value)` test.
    case condition(QueryCondition)
}
