import SQLite

extension SearchService {
    /// The candidate rows a ``WhereFilter`` is applied to, with exactly the columns it documents, plus where
    /// each artifact is (`area`, `area_path`). No wide column (control text, fields JSON) is read: a scan of
    /// the candidates touches only the packages' leading columns, the fields are probed in `field_values`. A repository artifact has one row per (non-snapshot)
    /// distribution listing it, and one row with a NULL `distribution` when none does.
    static let candidatesSQL = """
        WITH members AS (
            SELECT DISTINCT db.package, db.path, d.repository_id, d.name FROM dist_binaries db
            JOIN distributions d ON d.id = db.distribution_id WHERE d.snapshot IS NULL),
        source_members AS (
            SELECT DISTINCT ds.package, ds.dsc_path AS path, d.repository_id, d.name FROM dist_sources ds
            JOIN distributions d ON d.id = ds.distribution_id WHERE d.snapshot IS NULL),
        candidates AS (
            SELECT 'binary' AS kind, f.kind AS type, b.package AS package, b.version AS version,
                b.architecture AS architecture, b.source AS source, b.source_version AS source_version,
                m.name AS distribution, f.area AS area, f.area_path AS area_path,
                b.id * 2 AS owner
            FROM binaries b JOIN files f ON f.id = b.file_id
            LEFT JOIN members m ON f.area = 'repositories' AND m.package = b.package AND m.path = f.area_path
                AND m.repository_id = f.repository_id
            UNION ALL
            SELECT 'source', 'source', s.package, s.version, s.architecture, s.package, s.version,
                m.name, f.area, f.area_path, s.id * 2 + 1
            FROM sources s JOIN files f ON f.id = s.file_id
            LEFT JOIN source_members m ON f.area = 'repositories' AND m.package = s.package
                AND m.path = f.area_path AND m.repository_id = f.repository_id)
        """

    /// mini-buildd's shape over the artifacts a `--where` query selects (and, when given, whose package or
    /// source name matches the name glob). Unlike a plain name search, only the matching artifacts are
    /// listed, each under its own file's area.
    func filtered(_ whereQuery: String, pattern: String?, scope: Scope, query: SearchQuery) throws -> PackageSearchResult {
        if whereQuery.utf8.count > GlobPattern.maximumLength { throw SearchError.tooLong("the --where query", whereQuery) }
        let filter: WhereFilter
        do {
            filter = try WhereCompiler.compile(whereQuery)
        } catch {
            throw SearchError.invalidWhere(whereQuery, error)
        }
        return try apply(filter, pattern: pattern, scope: scope, query: query)
    }

    /// Applies a compiled filter. The filter's SQL comes first in the statement, so its positional
    /// parameters (`?` or `?1…?n`) are numbered before the service's own, which follow with plain `?`.
    func apply(_ filter: WhereFilter, pattern: String?, scope: Scope, query: SearchQuery) throws -> PackageSearchResult {
        let db = store.database
        try registerDebworkFunctions(on: db)
        var sql = Self.candidatesSQL + """

            SELECT DISTINCT candidates.kind, candidates.package, candidates.version, candidates.source,
                candidates.source_version, candidates.area, candidates.area_path
            FROM candidates
            WHERE (\(filter.sql))
            """
        var values = filter.values
        if let pattern, !pattern.isEmpty {
            sql += " AND (candidates.package GLOB ? OR candidates.source GLOB ?)"
            let glob = GlobPattern.packageName(pattern).glob
            values += [.text(glob), .text(glob)]
        }
        if !query.areas.isEmpty {
            let list = query.areas.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            sql += " AND candidates.area IN (\(list))"
        }
        if let distribution = query.distribution {
            sql += " AND candidates.area = 'repositories' AND candidates.distribution = ?"
            values.append(.text(distribution))
        }
        struct Match { var kind, package, version, source, sourceVersion, area, path: String }
        var matches = try db.query(sql, values) { row in
            Match(kind: row.string(0), package: row.string(1), version: row.string(2), source: row.string(3),
                  sourceVersion: row.string(4), area: row.string(5), path: row.string(6))
        }
        if query.latest {
            matches = try keepNewest(matches, kind: \.kind, package: \.package, version: \.version, scope: scope)
        }
        let rows = matches.map { ArtifactRow(source: $0.source, version: $0.sourceVersion, area: $0.area, path: $0.path) }
        return Self.group(rows, latest: false, limit: query.limit)
    }
}
