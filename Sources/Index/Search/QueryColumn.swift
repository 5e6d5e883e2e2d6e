import QueryLanguage

/// What a query field reads from a candidate row (the columns documented on ``WhereFilter``).
enum QueryColumn: Hashable {
    /// `package`, `source`, `distribution`: compared as text.
    case text(String)
    /// `version`, `source_version`: `=` is dpkg equality (`1.0` = `1.0-0` = `0:1.0`).
    case version(String)
    /// `architecture`: `=` also matches one word of a source's space-separated list.
    case architecture
    /// `type`, with `binary` meaning `kind = 'binary'` under `=`.
    case packageType
    /// A control field by its lowercase name (`depends`), read from the index's `field_values` rows.
    case field(String)

    /// Resolves a field name, case-insensitively.
    /// - Throws: ``QueryError`` for an unknown pseudo-field or a name that is not a deb822 field name.
    init(field: String) throws(QueryError) {
        switch field.lowercased() {
        case "name", "package": self = .text("package")
        case "$source": self = .text("source")
        case "$sourceversion": self = .version("source_version")
        case "$version", "version": self = .version("version")
        case "$architecture", "architecture": self = .architecture
        case "$packagetype": self = .packageType
        case "$distribution": self = .text("distribution")
        case let other where other.hasPrefix("$"):
            throw .unknownPseudoField(field)
        case let other:
            guard QueryFieldNames.isValidFieldName(other) else { throw .invalidFieldName(field) }
            self = .field(other)
        }
    }
}
