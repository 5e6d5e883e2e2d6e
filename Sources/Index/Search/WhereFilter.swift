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
        /// Whether it reads an index (a field's equality: the `(name, value)` index; a name's equality, glob with
        /// a literal start or trigrams), not a scan of a field's values or of the names: counting its rows is cheap.
        public var isProbe: Bool
        /// For a scan of one field's values, the same test over a value `x` of that field: the search may run
        /// it once per distinct value instead of once per row when the field's values repeat
        /// (`Maintainer (% *Vila*)`: 2,255 distinct values in 97,775 rows on bookworm main).
        public var scan: Scan?

        /// A test on the values of one field.
        public struct Scan: Sendable, Hashable {
            /// The field's name as stored (lowercase).
            public var field: String
            /// An SQL condition over the column `x`, with plain `?` parameters.
            public var test: String
            public var values: [SQLValue]
            /// A text that every value passing the test contains (a glob's longest literal run, a regular
            /// expression's longest ASCII one), or nil: the search may then find the values through `field_text`
            /// (Schema 12) instead of reading every row.
            public var literal: String?

            public init(field: String, test: String, values: [SQLValue], literal: String? = nil) {
                self.field = field
                self.test = test
                self.values = values
                self.literal = literal
            }

            /// The owners whose value of the field passes the test, the test run once per distinct value: each
            /// value found by a seek of the `(name, value)` index past the one before.
            public var overDistinctValues: Owners {
                let sql = """
                    SELECT owner FROM field_values WHERE name = ? AND value IN (
                        WITH RECURSIVE v(x) AS (SELECT min(value) FROM field_values WHERE name = ?
                            UNION ALL SELECT (SELECT min(value) FROM field_values WHERE name = ? AND value > x) FROM v
                            WHERE x IS NOT NULL)
                        SELECT x FROM v WHERE x IS NOT NULL AND \(test))
                    """
                let name = SQLValue.text(field)
                return Owners(sql: sql, values: [name, name, name] + values, isProbe: false)
            }
        }

        public init(sql: String, values: [SQLValue], isProbe: Bool, scan: Scan? = nil) {
            self.sql = sql
            self.values = values
            self.isProbe = isProbe
            self.scan = scan
        }
    }

    /// Whether `sql` has only plain `?` parameters (every filter ``WhereCompiler`` makes; a filter with `owners`
    /// must): the search may then narrow it by an owners query of its own (the name glob's), whose parameters
    /// come first.
    public var hasPlainParameters: Bool

    /// Whether `owners` selects exactly the rows `sql` is true for (a query of one condition, whose owners query
    /// runs the same test): narrowed by it, the filter need not be applied again.
    public var ownersAreExact: Bool

    public init(sql: String, values: [SQLValue], owners: Owners? = nil, ownerAlternatives: [Owners]? = nil,
                hasPlainParameters: Bool = false, ownersAreExact: Bool = false) {
        self.sql = sql
        self.values = values
        self.owners = owners
        self.ownerAlternatives = ownerAlternatives ?? owners.map { [$0] } ?? []
        self.hasPlainParameters = hasPlainParameters || owners != nil
        self.ownersAreExact = ownersAreExact && owners != nil
    }
}
