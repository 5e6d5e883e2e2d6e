import PCRE2

/// Why a `--where` query cannot be compiled or evaluated (syntax errors are ``QuerySyntaxError``s).
public enum QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `regexp()` pattern PCRE2 refuses; `reason` is PCRE2's message.
    case invalidRegularExpression(pattern: String, reason: String)
    /// A regular expression one of whose matches needed more than PCRE2's limits (``RegularExpression/matchLimit``
    /// backtracking steps): it backtracks catastrophically on that value. `phrase` names it, escaped.
    case runawayRegularExpression(phrase: String)
    /// A glob SQLite's GLOB matcher refuses (longer than ``SQLiteGlob/maximumPatternLength``).
    case invalidGlob(pattern: String, reason: String)
    /// A field name that is not a deb822 field name (only reachable with a hand-built expression).
    case invalidFieldName(String)
    /// A `$Name` that is not a known pseudo-field (only reachable with a hand-built expression).
    case unknownPseudoField(String)

    public var description: String {
        switch self {
        case .invalidRegularExpression(let pattern, let reason):
            "invalid regular expression '\(pattern)': \(reason)"
        case .runawayRegularExpression(let phrase):
            "\(phrase) needs more than \(RegularExpression.matchLimit) backtracking steps on one value "
                + "(catastrophic backtracking?); stopped"
        case .invalidGlob(let pattern, let reason):
            "invalid glob '\(pattern)': \(reason)"
        case .invalidFieldName(let name):
            "invalid field name '\(name)'"
        case .unknownPseudoField(let name):
            "unknown pseudo-field '\(name)'"
        }
    }
}
