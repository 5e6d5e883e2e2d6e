import Artifacts
import SQLite
import SystemCalls

extension IndexSearch {
    /// The candidate rows a ``WhereFilter`` is applied to, with exactly the columns it documents, plus where
    /// each artifact is (`area`, `area_path`). No wide column (control text, fields JSON) is read: a scan of
    /// the candidates touches only the packages' leading columns, the fields are probed in `field_values`. A repository artifact has one row per (non-snapshot)
    /// distribution listing it, and one row with a NULL `distribution` when none does. An index-only package
    /// (``IndexOnlyPackage``) has one row per distribution listing it, in the pseudo-area `index-only`, its
    /// `owner` negative (Schema 8), `area_path` its stanza's pool path; `indexOnly` (constants only, over
    /// `distributions d`) says which distributions' are candidates. With `owners` (a ``WhereFilter/Owners``
    /// query, whose parameters then come first), only the rows it selects are candidates: each kind of row is
    /// looked up by its id (an `owner` decoded), instead of every package being a candidate.
    static func candidatesSQL(indexOnly: String, owners: String? = nil) -> String {
        // owner = id * 2 (binary file), id * 2 + 1 (source file), -2^50 + id * 2 (+ 1) (a stanza; Schema 8).
        func ids(_ id: String, files: Bool, source: Bool) -> String {
            guard owners != nil else { return "1" }
            let decoded = files ? "owner" : "(owner + 1125899906842624)"
            return "\(id) IN (SELECT \(decoded) / 2 FROM owners WHERE owner \(files ? ">=" : "<") 0 "
                + "AND \(decoded) % 2 = \(source ? 1 : 0))"
        }
        return (owners.map { "WITH owners(owner) AS MATERIALIZED (\($0)),\n" } ?? "WITH ") + """
        members AS (
            SELECT DISTINCT db.package, db.path, d.repository_id, d.name FROM dist_binaries db
            JOIN distributions d ON d.id = db.distribution_id WHERE d.snapshot IS NULL),
        source_members AS (
            SELECT DISTINCT ds.package, ds.dsc_path AS path, d.repository_id, d.name FROM dist_sources ds
            JOIN distributions d ON d.id = ds.distribution_id WHERE d.snapshot IS NULL),
        candidates AS (
            SELECT 'binary' AS kind, f.kind AS type, b.package AS package, b.version AS version,
                b.architecture AS architecture, b.source AS source, b.source_version AS source_version,
                m.name AS distribution, f.area AS area, f.area_path AS area_path,
                b.id * 2 AS owner, NULL AS component
            FROM binaries b JOIN files f ON f.id = b.file_id
            LEFT JOIN members m ON f.area = 'repositories' AND m.package = b.package AND m.path = f.area_path
                AND m.repository_id = f.repository_id
            WHERE \(ids("b.id", files: true, source: false))
            UNION ALL
            SELECT 'source', 'source', s.package, s.version, s.architecture, s.package, s.version,
                m.name, f.area, f.area_path, s.id * 2 + 1, NULL
            FROM sources s JOIN files f ON f.id = s.file_id
            LEFT JOIN source_members m ON f.area = 'repositories' AND m.package = s.package
                AND m.path = f.area_path AND m.repository_id = f.repository_id
            WHERE \(ids("s.id", files: true, source: true))
            UNION ALL
            SELECT 'binary', CASE WHEN db.path GLOB '*.udeb' THEN 'udeb' ELSE 'deb' END, db.package, db.version,
                db.architecture, db.source, db.source_version, d.name, 'index-only', db.path, -1125899906842624 + db.id * 2, db.component
            FROM dist_binaries db JOIN distributions d ON d.id = db.distribution_id
            WHERE \(ids("db.id", files: false, source: false)) AND (\(indexOnly)) AND \(binaryIsIndexOnly)
            UNION ALL
            SELECT 'source', 'source', ds.package, ds.version,
                (SELECT f.value FROM field_values f WHERE f.owner = -1125899906842624 + ds.id * 2 + 1 AND f.name = 'architecture'),
                ds.package, ds.version, d.name, 'index-only', ds.dsc_path, -1125899906842624 + ds.id * 2 + 1, ds.component
            FROM dist_sources ds JOIN distributions d ON d.id = ds.distribution_id
            WHERE \(ids("ds.id", files: false, source: true)) AND (\(indexOnly)) AND \(sourceIsIndexOnly))
        """
    }

    /// A candidate row's name column a ``WhereFilter/Owners`` query can select owners by.
    enum NameColumn: String {
        /// `package`: every kind of row's own name.
        case package
        /// `source`: a binary's source, a source's own name.
        case source
    }

    /// The owners of the candidate rows (``candidatesSQL(indexOnly:owners:)``) one of whose `columns` passes `test`,
    /// an SQL condition over the column name it is given with plain `?` parameters `values`. Each kind of row is
    /// read through its table's name indexes, the same columns the candidates read (a source's `source` is its
    /// `package`: tested once): `Name (bash)` is four seeks instead of every candidate row (bookworm main: 200 k).
    ///
    /// - Parameters:
    ///   - literal: a text every passing name contains, or nil: with three characters or more, the index-only
    ///     stanzas' names are narrowed through their trigram indexes (schema 10) before `test` runs, and the
    ///     query counts as a probe (`Name (% *zstd*)`: 22 stanzas instead of 100 k names tested).
    ///   - isProbe: whether `test` itself is a seek of the name index (an equality, a glob with a literal start).
    static func owners(byName columns: [NameColumn], test: (String) -> String, values: [SQLValue], literal: String?,
                       isProbe: Bool) -> WhereFilter.Owners {
        let binaryTest = columns.map { test($0.rawValue) }.joined(separator: " OR ")
        let binaryValues = Array(Array(repeating: values, count: columns.count).joined())
        let trigrams = isProbe ? nil : literal.flatMap(trigramQuery)
        func narrowed(_ fts: String) -> String {
            trigrams == nil ? "" : "id IN (SELECT rowid FROM \(fts) WHERE \(fts) MATCH ?) AND "
        }
        let match = trigrams.map { [SQLValue.text($0)] } ?? []
        return WhereFilter.Owners(sql: """
            SELECT id * 2 FROM binaries WHERE \(binaryTest)
            UNION ALL SELECT id * 2 + 1 FROM sources WHERE \(test("package"))
            UNION ALL SELECT \(Schema.stanzaOwnerBase) + id * 2 FROM dist_binaries
                WHERE \(narrowed("dist_binary_names_fts"))(\(binaryTest))
            UNION ALL SELECT \(Schema.stanzaOwnerBase) + id * 2 + 1 FROM dist_sources
                WHERE \(narrowed("dist_source_names_fts"))\(test("package"))
            """, values: binaryValues + values + match + binaryValues + match + values,
            isProbe: isProbe || trigrams != nil)
    }

    /// Of the queries that may narrow a filter's candidates, the one selecting fewest rows among the probes
    /// (the first 8, each counted up to a cap: `Section (editors)` before `Priority (optional)`, whatever their
    /// order in the query), else the first; nil when there is none.
    func narrowest(_ alternatives: [WhereFilter.Owners]) throws -> WhereFilter.Owners? {
        let probes = alternatives.filter(\.isProbe).prefix(8)
        guard probes.count > 1 else { return probes.first ?? alternatives.first }
        var best: (owners: WhereFilter.Owners, count: Int64)?
        for owners in probes {
            let count = try db.scalar("SELECT count(*) FROM (\(owners.sql) LIMIT 20000)", owners.values)?.int ?? 0
            if let current = best, current.count <= count { continue }
            best = (owners, count)
        }
        return best?.owners
    }

    /// `owners`, its scan of a field's values replaced when that is cheaper: by the values holding its literal,
    /// found through `field_text` (``ownersThroughFieldText(_:literal:)``), else by the test run once per distinct
    /// value (each found by a seek of the `(name, value)` index) when the field's values repeat: its first 32
    /// distinct values cover at least 256 rows. A seek costs about 15 rows of the scan: `Maintainer (% *Vila*)` reads 2,255 values instead of
    /// 97,775 rows (100 M instructions to 35 M), `Depends` (42,153 values in 55,795 rows) is scanned.
    func overDistinctValues(_ owners: WhereFilter.Owners) throws -> WhereFilter.Owners {
        guard let scan = owners.scan else { return owners }
        if let literal = scan.literal, let found = try ownersThroughFieldText(scan, literal: literal) { return found }
        let field = SQLValue.text(scan.field)
        // Bounded: 32 seeks and at most 256 rows (a sample by count(DISTINCT) read 2,000 long Depends values).
        let covered = try db.scalar("""
            WITH RECURSIVE v(x, n) AS (SELECT min(value), 1 FROM field_values WHERE name = ?1
                UNION ALL SELECT (SELECT min(value) FROM field_values WHERE name = ?1 AND value > x), n + 1 FROM v
                WHERE x IS NOT NULL AND n < 32)
            SELECT count(*) FROM (SELECT 1 FROM field_values WHERE name = ?1 AND value <= (SELECT max(x) FROM v) LIMIT 256)
            """, [field])?.int ?? 0
        guard covered >= 256 else { return owners }
        return scan.overDistinctValues
    }

    /// Values holding the literal are looked up one by one up to one per this many rows of the field; beyond, the
    /// scan of the field's rows is cheaper (callgrind, bookworm main: a lookup about 20 k instructions, a row of
    /// the scan about 1.8 k; `Build-Depends (% *dh-python*)`, 3,384 values in 34 k rows, cost as much either way).
    static let rowsPerLookup = 12
    /// As many lookups are always allowed (a few hundred microseconds).
    static let minimumLookups = 64

    /// The owners whose value of `scan`'s field passes its test, the values found through `field_text` (Schema 12):
    /// those holding `literal`, found with `memmem` in each chunk of the field's distinct values, each then tested
    /// and looked up in the `(name, value)` index. `Depends (% *libzstd1*)` on bookworm main: 6 MB of chunks
    /// instead of 56 k rows. Nil when `field_text` cannot serve: it is stale, the field has no chunks, or more
    /// than one value per ``rowsPerLookup`` rows (and more than ``minimumLookups``) holds the literal.
    func ownersThroughFieldText(_ scan: WhereFilter.Owners.Scan, literal: String) throws -> WhereFilter.Owners? {
        let needle = ByteFinder(Array(literal.utf8))
        guard !needle.needle.contains(0),
              try db.scalar("SELECT count(*) FROM meta WHERE key = 'field_text_stale'")?.int == 0 else { return nil }
        let field = SQLValue.text(scan.field)
        guard let rows = try db.scalar("SELECT sum(rows) FROM field_text WHERE name = ?1", [field])?.int else { return nil }
        let limit = max(Self.minimumLookups, Int(rows) / Self.rowsPerLookup)
        let chunks = try db.prepare("SELECT text FROM field_text WHERE name = ?1 ORDER BY chunk")
        defer { chunks.reset() }
        try chunks.bind([field])
        var holding: [[UInt8]] = []
        while try chunks.step() {
            let complete = chunks.withBytes(at: 0) { text in
                FieldText.values(in: text, containing: needle, limit: limit - holding.count) { holding.append(Array($0)) }
            }
            guard complete else { return nil }
        }
        // Each value tested as the scan would test it, then its rows found by a seek of the `(name, value)` index.
        let lookup = try db.prepare("""
            SELECT owner FROM (SELECT owner, value AS x FROM field_values WHERE name = ?1 AND value = ?2) WHERE \(scan.test)
            """)
        defer { lookup.reset() }
        lookup.reset()
        try lookup.bind([field, .null] + scan.values)
        var owners: [Int64] = []
        for value in holding {
            lookup.rewind()
            try value.withUnsafeBytes { try lookup.bind(text: $0, at: 2) }
            while try lookup.step() { owners.append(lookup.value(at: 0).int ?? 0) }
        }
        return WhereFilter.Owners(sql: "SELECT value FROM json_each(?)", values: [.text(FieldText.jsonArray(owners))],
                                  isProbe: true)
    }

    /// An artifact a `--where` filter selects.
    public struct FilteredArtifact: Sendable, Hashable {
        /// `binary` or `source`.
        public var kind: String
        public var package: String
        public var version: String
        public var source: String
        public var sourceVersion: String
        public var area: String
        public var areaPath: String
        /// An index-only package's architecture, distribution and component (nil for a file).
        public var architecture: String? = nil
        public var distribution: String? = nil
        public var component: String? = nil
    }

    /// The artifacts `filter` selects, narrowed to those whose package or source matches `glob`,
    /// to `areas` (empty: all), and to the repository artifacts distribution `distribution` lists.
    ///
    /// The filter's SQL comes first in the statement (after its ``WhereFilter/owners`` query, whose plain `?`
    /// are numbered first), so its positional parameters (`?`, or `?1…?n` in a filter without `owners`) are
    /// numbered before these, which follow with plain `?`.
    /// With `indexOnly`, the index-only packages of the (non-snapshot) distributions are candidates too, when
    /// `areas` has the repositories.
    /// A file listed by several distributions, or a stanza listed twice, may come more than once: the caller's
    /// grouping keeps each path and index-only package once (a `DISTINCT` over the ten columns here was a temporary
    /// B-tree of every row: 97,775 for `Section (% *)` on bookworm main).
    /// Each artifact is handed to `body` as it is read, none kept here (a whole release is 97,775 of them).
    public func forEachArtifact(where filter: WhereFilter, glob: String?, areas: [Area], distribution: String?,
                                indexOnly: Bool = false, _ body: (FilteredArtifact) throws -> Void) throws {
        try registerDebworkFunctions(on: db)
        let withIndexOnly = indexOnly && (areas.isEmpty || areas.contains(.repositories))
        var alternatives = filter.ownerAlternatives
        if let glob, filter.hasPlainParameters, let byName = WhereCompiler.owners(byName: [.package, .source], .glob, glob) {
            // The name glob narrows too: the rows whose package or source matches it.
            alternatives.append(byName)
        }
        let chosen = try narrowest(alternatives)
        let owners = try chosen.map(overDistinctValues)
        // Narrowed by exactly the rows the filter selects (its own owners, found by any of their forms), the
        // filter is not run again on each (`Depends (% *libzstd1*)`: 622 probes and globs of long values).
        let filter = filter.ownersAreExact && chosen == filter.owners
            ? WhereFilter(sql: "1", values: [], owners: filter.owners, hasPlainParameters: true) : filter
        var sql = Self.candidatesSQL(indexOnly: withIndexOnly ? "d.snapshot IS NULL" : "0", owners: owners?.sql) + """

            SELECT candidates.kind, candidates.package, candidates.version, candidates.source,
                candidates.source_version, candidates.area, candidates.area_path,
                CASE WHEN candidates.owner < 0 THEN candidates.architecture END,
                CASE WHEN candidates.owner < 0 THEN candidates.distribution END,
                candidates.component
            FROM candidates
            WHERE (\(filter.sql))
            """
        var values = (owners?.values ?? []) + filter.values
        if let glob {
            sql += " AND (candidates.package GLOB ? OR candidates.source GLOB ?)"
            values += [.text(glob), .text(glob)]
        }
        if !areas.isEmpty {
            let list = areas.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            sql += " AND candidates.area IN (\(list), 'index-only')"
        }
        if let distribution {
            sql += " AND candidates.area IN ('repositories', 'index-only') AND candidates.distribution = ?"
            values.append(.text(distribution))
        }
        try db.forEach(sql, values) { row in
            try body(FilteredArtifact(kind: row.string(0), package: row.string(1), version: row.string(2),
                                      source: row.string(3), sourceVersion: row.string(4), area: row.string(5),
                                      areaPath: row.string(6), architecture: row.optionalString(7),
                                      distribution: row.optionalString(8), component: row.optionalString(9)))
        }
    }
}
