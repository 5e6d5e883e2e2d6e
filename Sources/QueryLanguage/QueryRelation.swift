/// The operator of a condition, spelled as in the query.
///
/// The dpkg legacy spellings `<` (meaning `<=`) and `>` (meaning `>=`) are accepted by the parser and
/// mapped to ``lessOrEqual`` and ``greaterOrEqual``.
public enum QueryRelation: String, Sendable, CaseIterable {
    /// Equality; the default when a condition has no operator (`Priority (optional)`).
    case equal = "="
    /// A shell-style glob (`*`, `?`, `[…]`, `[^…]`), case-sensitive.
    case glob = "%"
    /// A regular expression found anywhere in the value (not anchored).
    case regex = "~"
    /// Later or equal in Debian version ordering.
    case greaterOrEqual = ">="
    /// Earlier or equal in Debian version ordering.
    case lessOrEqual = "<="
    /// Strictly later in Debian version ordering.
    case greater = ">>"
    /// Strictly earlier in Debian version ordering.
    case less = "<<"

    /// Reads an operator as the query spells it, including the legacy `<` and `>`.
    public init?(spelling: String) {
        switch spelling {
        case "<": self = .lessOrEqual
        case ">": self = .greaterOrEqual
        default: self.init(rawValue: spelling)
        }
    }
}
