import SQLite

extension SearchService {
    /// Which packages ship a file matching `pattern`.
    ///
    /// Without wildcards the pattern is a case-sensitive substring of the path (binary paths are matched
    /// as `/usr/bin/x`). With wildcards it is a glob over the whole path; one that starts with neither `/`
    /// nor `*` may start at any path component (`debian/patches/*`). The trigram index narrows the rows
    /// first whenever the pattern has a literal run of at least 3 characters; directories are not listed.
    func paths(_ pattern: String, scope: Scope, query: SearchQuery) throws -> [PathHit] {
        guard !pattern.isEmpty else { throw SearchError("an empty path pattern matches every file; give part of a path") }
        let glob = GlobPattern(pattern)
        let value: String
        let literal: String
        if glob.hasWildcards {
            value = pattern.hasPrefix("/") || pattern.hasPrefix("*") ? glob.glob : GlobPattern("*/" + pattern).glob
            literal = glob.longestLiteral
        } else {
            value = pattern
            literal = pattern
        }
        // The stored paths have no leading slash: leading slashes are not part of what the index can find.
        let term = String(literal.drop { $0 == "/" })
        let prefilter = term.count >= 3
        func condition(_ column: String) -> String {
            glob.hasWildcards
                ? "('/' || \(column)) GLOB ?2"
                : "instr('/' || \(column), ?2) > 0"
        }
        let binaryFrom = prefilter
            ? "binary_path_fts JOIN binary_files bf ON bf.id = binary_path_fts.rowid"
            : "binary_files bf"
        let sourceFrom = prefilter
            ? "source_path_fts JOIN source_tree st ON st.id = source_path_fts.rowid"
            : "source_tree st"
        let binaryMatch = prefilter ? "binary_path_fts MATCH ?1 AND " : ""
        let sourceMatch = prefilter ? "source_path_fts MATCH ?1 AND " : ""
        var sql = """
            SELECT 'binary', b.package, b.version, b.architecture, f.area, '/' || bf.path, f.area_path
            FROM \(binaryFrom) JOIN binaries b ON b.id = bf.binary_id JOIN files f ON f.id = b.file_id
            WHERE \(binaryMatch)\(condition("bf.path")) AND bf.type <> 'directory' AND \(scope.binary)
            UNION ALL
            SELECT 'source', s.package, s.version, 'source', f.area, st.path, f.area_path
            FROM \(sourceFrom) JOIN sources s ON s.id = st.source_id JOIN files f ON f.id = s.file_id
            WHERE \(sourceMatch)\(condition("st.path")) AND st.type <> 'directory' AND \(scope.source)
            ORDER BY 1, 2, 3, 4, 5, 7, 6
            """
        var values: [SQLValue] = [.text(prefilter ? FTS5Pattern.substring(term) : ""), .text(value)]
        if let limit = query.limit, !query.latest {
            sql += " LIMIT ?3"
            values.append(.integer(Int64(limit)))
        }
        var hits = try db.query(sql, values) { row in
            PathHit(kind: row.string(0), package: row.string(1), version: row.string(2),
                    architecture: row.string(3), area: row.string(4), path: row.string(5), artifact: row.string(6))
        }
        if query.latest {
            hits = try keepNewest(hits, kind: \.kind, package: \.package, version: \.version, scope: scope)
            if let limit = query.limit { hits = Array(hits.prefix(limit)) }
        }
        return hits
    }

    /// Keeps the items whose version is the newest in scope for their kind and package (`--latest`).
    func keepNewest<Item>(_ items: [Item], kind: KeyPath<Item, String>, package: KeyPath<Item, String>,
                          version: KeyPath<Item, String>, scope: Scope) throws -> [Item] {
        var newest: [String: [String: String]] = [:]
        for itemKind in Set(items.map { $0[keyPath: kind] }) {
            let packages = Set(items.filter { $0[keyPath: kind] == itemKind }.map { $0[keyPath: package] })
            newest[itemKind] = try newestVersions(kind: itemKind, packages: packages, scope: scope)
        }
        return items.filter { newest[$0[keyPath: kind]]?[$0[keyPath: package]] == $0[keyPath: version] }
    }
}
