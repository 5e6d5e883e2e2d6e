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
    /// The rows the filter can select, narrowed through the index before the filter is applied: nil, or an
    /// SQL query of one column over `field_values` whose owners include every candidate `sql` is true for.
    public var owners: Owners?
    /// Queries any one of which may serve as `owners` (a conjunction's narrowing operands), `owners` first:
    /// the search may take the one selecting fewest rows. Each must be a superset as `owners` is.
    public var ownerAlternatives: [Owners]

    /// A query selecting a superset of the owners a filter selects, with its own parameters (plain `?`, bound
    /// before the filter's: a filter with `owners` uses plain `?` too).
    public struct Owners: Sendable, Hashable {
        public var sql: String
        public var values: [SQLValue]
        /// Whether it is probes of the `(name, value)` index (an equality), not a scan of a field's values.
        public var isProbe: Bool

        public init(sql: String, values: [SQLValue], isProbe: Bool) {
            self.sql = sql
            self.values = values
            self.isProbe = isProbe
        }
    }

    public init(sql: String, values: [SQLValue], owners: Owners? = nil, ownerAlternatives: [Owners]? = nil) {
        self.sql = sql
        self.values = values
        self.owners = owners
        self.ownerAlternatives = ownerAlternatives ?? owners.map { [$0] } ?? []
    }
}
