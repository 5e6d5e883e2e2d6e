import SQLite

extension IndexSearch {
    /// One full-text hit.
    public struct TextMatch: Sendable, Hashable {
        /// `binary`, `source` or `upload`.
        public var kind: String
        public var package: String
        public var version: String
        public var area: String
        public var areaPath: String
        /// The best column's `snippet()`.
        public var snippet: String
        /// The `bm25()` score (lower is better); nil when SQLite gave none.
        public var rank: Double?
        /// An index-only binary's distribution and component (`area` is then `index-only`, `areaPath` its
        /// `Filename`); nil for a file.
        public var distribution: String? = nil
        public var component: String? = nil
    }

    /// Column weights for `bm25()`: name, version (not indexed), description, changelog, control text.
    static let textWeights = "10.0, 0.0, 4.0, 1.0, 1.0"
    /// The same weights for `dist_text_fts`: name, description.
    static let indexOnlyTextWeights = "10.0, 4.0"

    /// Full-text search over names, descriptions, changelogs and control text, best first (`bm25`), each
    /// hit with a `snippet()` of its best column between `open` and `close`.
    ///
    /// - Parameter expression: an FTS5 expression built from user words (never the raw text).
    public func text(matching expression: String, highlight open: String, _ close: String, limit: Int?,
                     scope: Scope) throws -> [TextMatch] {
        // rowid = 4·id for binaries, 4·id+1 for sources, 4·id+2 for uploads (Schema); the index-only binaries'
        // stanzas are in their own table (dist_text_fts, rowid = dist_binaries.id), so the files' ranks do not
        // depend on them.
        var sql = """
            SELECT * FROM (
            SELECT CASE t.rowid % 4 WHEN 0 THEN 'binary' WHEN 1 THEN 'source' ELSE 'upload' END,
                coalesce(b.package, s.package, u.source), coalesce(b.version, s.version, u.version),
                f.area, f.area_path, snippet(text_fts, -1, ?2, ?3, '…', 12), bm25(text_fts, \(Self.textWeights)) AS r,
                NULL, NULL
            FROM text_fts t
            LEFT JOIN binaries b ON t.rowid % 4 = 0 AND b.id = t.rowid / 4
            LEFT JOIN sources s ON t.rowid % 4 = 1 AND s.id = t.rowid / 4
            LEFT JOIN uploads u ON t.rowid % 4 = 2 AND u.id = t.rowid / 4
            JOIN files f ON f.id = coalesce(b.file_id, s.file_id, u.file_id)
            WHERE text_fts MATCH ?1
                AND CASE t.rowid % 4 WHEN 0 THEN \(scope.binary) WHEN 1 THEN \(scope.source) ELSE \(scope.upload) END
            UNION ALL
            SELECT 'binary', db.package, db.version, 'index-only', db.path, snippet(dist_text_fts, -1, ?2, ?3, '…', 12),
                bm25(dist_text_fts, \(Self.indexOnlyTextWeights)), d.name, db.component
            FROM dist_text_fts t JOIN dist_binaries db ON db.id = t.rowid
            JOIN distributions d ON d.id = db.distribution_id
            WHERE dist_text_fts MATCH ?1 AND (\(scope.indexOnly)) AND \(Self.binaryIsIndexOnly))
            ORDER BY 7, 2, 3, 4, 5, 1
            """
        var values: [SQLValue] = [.text(expression), .text(open), .text(close)]
        if let limit {
            sql += " LIMIT ?4"
            values.append(.integer(Int64(limit)))
        }
        return try db.query(sql, values) { row in
            var rank: Double?
            if case .real(let score) = row[6] { rank = score }
            return TextMatch(kind: row.string(0), package: row.string(1), version: row.string(2), area: row.string(3),
                             areaPath: row.string(4), snippet: row.string(5), rank: rank,
                             distribution: row.optionalString(7), component: row.optionalString(8))
        }
    }
}
