/// A query that does not parse, with the place where parsing stopped.
///
/// Its description is three lines: `invalid query at position N: <reason>`, the query, and a caret under
/// the position (tabs and line breaks in the query are shown as spaces so the caret lines up).
public struct QuerySyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The query as given.
    public var query: String
    /// The 0-based character offset of the problem; the query's length for "end of query".
    public var position: Int
    /// What is wrong, lowercase, e.g. `missing ')'`.
    public var reason: String

    /// Creates an error for `query` at `position`.
    public init(query: String, position: Int, reason: String) {
        self.query = query
        self.position = position
        self.reason = reason
    }

    public var description: String {
        let shown = String(query.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        let caret = String(repeating: " ", count: max(0, position)) + "^"
        return "invalid query at position \(position): \(reason)\n\(shown)\n\(caret)"
    }
}
