import SQLite

extension SearchService {
    /// Column weights for `bm25()`: name, version (not indexed), description, changelog, control text.
    static let textWeights = "10.0, 0.0, 4.0, 1.0, 1.0"

    /// Full-text search over names, descriptions, changelogs and control text, best first (`bm25`), each
    /// hit with a `snippet()` of its best column.
    func text(_ words: String, scope: Scope, query: SearchQuery) throws -> [TextHit] {
        guard let pattern = FTS5Pattern(words) else { throw SearchError.nothingToSearch(words) }
        // rowid = 4·id for binaries, 4·id+1 for sources, 4·id+2 for uploads (Schema).
        var sql = """
            SELECT CASE t.rowid % 4 WHEN 0 THEN 'binary' WHEN 1 THEN 'source' ELSE 'upload' END,
                coalesce(b.package, s.package, u.source), coalesce(b.version, s.version, u.version),
                f.area, f.area_path, snippet(text_fts, -1, ?2, ?3, '…', 12), bm25(text_fts, \(Self.textWeights)) AS r
            FROM text_fts t
            LEFT JOIN binaries b ON t.rowid % 4 = 0 AND b.id = t.rowid / 4
            LEFT JOIN sources s ON t.rowid % 4 = 1 AND s.id = t.rowid / 4
            LEFT JOIN uploads u ON t.rowid % 4 = 2 AND u.id = t.rowid / 4
            JOIN files f ON f.id = coalesce(b.file_id, s.file_id, u.file_id)
            WHERE text_fts MATCH ?1
                AND CASE t.rowid % 4 WHEN 0 THEN \(scope.binary) WHEN 1 THEN \(scope.source) ELSE \(scope.upload) END
            ORDER BY r, 2, 3, 4, 5, 1
            """
        var values: [SQLValue] = [.text(pattern.expression), .text(query.highlight.open), .text(query.highlight.close)]
        if let limit = query.limit, !query.latest {
            sql += " LIMIT ?4"
            values.append(.integer(Int64(limit)))
        }
        var hits = try db.query(sql, values) { row in
            TextHit(kind: row.string(0), package: row.string(1), version: row.string(2), area: row.string(3),
                    path: row.string(4), snippet: row.string(5),
                    rank: Self.rounded(row[6]))
        }
        if query.latest {
            hits = try keepNewest(hits, kind: \.kind, package: \.package, version: \.version, scope: scope)
            if let limit = query.limit { hits = Array(hits.prefix(limit)) }
        }
        return hits
    }

    /// A bm25 score rounded to 1/1000, so output is stable and short.
    static func rounded(_ value: SQLValue) -> Double {
        guard case .real(let score) = value else { return 0 }
        return (score * 1000).rounded() / 1000
    }
}
