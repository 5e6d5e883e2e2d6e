import SQLite

/// A compiled `--where` query: an SQL boolean expression with positional parameters.
///
/// The expression may only use these columns of the candidate row it is applied to (the search
/// service provides them, e.g. from a CTE named `candidates`):
///
/// | column | meaning |
/// |---|---|
/// | `kind` | `'binary'` or `'source'` (`$PackageType`: `deb`, `udeb`, `ddeb` map to binary kinds via `type`) |
/// | `type` | `'deb'`, `'udeb'`, `'ddeb'` or `'source'` |
/// | `package` | package name (`Name`/`Package`) |
/// | `version` | version string |
/// | `architecture` | `Architecture` (for sources the .dsc's list) |
/// | `source` | source package name (`$Source`) |
/// | `source_version` | source version |
/// | `distribution` | the distribution a repository row belongs to, NULL for builds/events |
/// | `owner` | the key of the row's control fields in the index's `field_values(owner, name, value)` table (lowercase names) |
///
/// SQL functions available (registered by ``registerDebworkFunctions(on:)``): `debvercmp(a, b)` → -1/0/1
/// with dpkg ordering, `regexp(pattern, text)` → 0/1 (so `text REGEXP pattern` works).
public struct WhereFilter: Sendable, Hashable {
    public var sql: String
    public var values: [SQLValue]

    public init(sql: String, values: [SQLValue]) {
        self.sql = sql
        self.values = values
    }
}
