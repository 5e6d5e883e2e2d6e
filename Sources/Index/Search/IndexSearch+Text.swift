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

    /// Full-text search over names, descriptions, changelogs and control text, best first (`bm25`), each
    /// hit with a `snippet()` of its best column between `open` and `close`.
    ///
    /// - Parameter expression: an FTS5 expression built from user words (never the raw text).
    public func text(matching expression: String, highlight open: String, _ close: String, limit: Int?,
                     scope: Scope) throws -> [TextMatch] {
        // rowid = 4·id for binaries, 4·id+1 for sources, 4·id+2 for uploads, 4·id+3 for the index-only
        // binaries' stanzas (dist_binaries; Schema).
        var sql = """
            SELECT CASE t.rowid % 4 WHEN 0 THEN 'binary' WHEN 1 THEN 'source' WHEN 2 THEN 'upload' ELSE 'binary' END,
                coalesce(b.package, s.package, u.source, db.package), coalesce(b.version, s.version, u.version, db.version),
                coalesce(f.area, 'index-only'), coalesce(f.area_path, db.path), snippet(text_fts, -1, ?2, ?3, '…', 12),
                bm25(text_fts, \(Self.textWeights)) AS r, d.name, db.component
            FROM text_fts t
            LEFT JOIN binaries b ON t.rowid % 4 = 0 AND b.id = t.rowid / 4
            LEFT JOIN sources s ON t.rowid % 4 = 1 AND s.id = t.rowid / 4
            LEFT JOIN uploads u ON t.rowid % 4 = 2 AND u.id = t.rowid / 4
            LEFT JOIN dist_binaries db ON t.rowid % 4 = 3 AND db.id = t.rowid / 4
            LEFT JOIN distributions d ON d.id = db.distribution_id
            LEFT JOIN files f ON f.id = coalesce(b.file_id, s.file_id, u.file_id)
            WHERE text_fts MATCH ?1
                AND CASE t.rowid % 4 WHEN 0 THEN \(scope.binary) WHEN 1 THEN \(scope.source) WHEN 2 THEN \(scope.upload)
                    ELSE (\(scope.indexOnly)) AND \(Self.binaryIsIndexOnly) END
            ORDER BY r, 2, 3, 4, 5, 1
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
