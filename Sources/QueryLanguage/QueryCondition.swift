/// One `Field (op value)` test of a query.
///
/// `field` is the name as the parser canonicalised it: pseudo-fields and well-known control fields in their
/// usual spelling (`$Version`, `Pre-Depends`), any other control field as written. A bare package name is
/// the field `Name`.
public struct QueryCondition: Sendable, Hashable {
    /// The field tested: `Name`, `Priority`, `$Version`, …
    public var field: String
    /// How the field is compared with ``value``.
    public var relation: QueryRelation
    /// The value compared with, unquoted and unescaped.
    public var value: String
    /// The 0-based character offset in the query of the term this condition came from (its field or
    /// package name), for error messages.
    public var position: Int

    /// Creates a condition.
    public init(field: String, relation: QueryRelation, value: String, position: Int) {
        self.field = field
        self.relation = relation
        self.value = value
        self.position = position
    }
}
