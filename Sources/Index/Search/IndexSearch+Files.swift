import SQLite

extension IndexSearch {
    /// A file of a binary package or an unpacked source tree.
    public struct FileMatch: Sendable, Hashable {
        /// `binary` or `source`.
        public var kind: String
        public var package: String
        public var version: String
        /// A binary's architecture, `source` for sources.
        public var architecture: String
        public var area: String
        /// The file's path: absolute (`/usr/bin/x`) in a binary, relative to the tree in a source.
        public var path: String
        /// The area path of the package file holding it (for a Contents hit, the Contents file's).
        public var artifact: String
        /// A Contents hit's distribution folder; nil for the files of indexed packages.
        public var distribution: String? = nil
        /// A Contents hit's component ("" for an old distribution-wide Contents file); nil otherwise.
        public var component: String? = nil
    }

    /// How a file path is matched.
    public enum PathMatch: Sendable, Hashable {
        /// `'/' || path` contains the text (case-sensitive).
        case substring(String)
        /// `'/' || path` matches the GLOB pattern.
        case glob(String)
        /// The regular expression (PCRE2) finds a match in the path as shown (`/usr/bin/x` in a binary,
        /// `debian/rules` in a source tree), through the `regexp` SQL function.
        case regex(String)
    }

    /// The non-directory files in scope whose path matches, ordered by kind, package, version,
    /// architecture, area, artifact, path.
    ///
    /// - Parameter trigrams: an FTS5 expression for the trigram indexes that every matching path satisfies,
    ///   to narrow the rows first; nil scans the file lists.
    public func files(matching match: PathMatch, trigrams: String?, limit: Int?, scope: Scope) throws -> [FileMatch] {
        let prefilter = trigrams != nil
        let value: String
        func condition(_ column: String) -> String {
            switch match {
            case .glob: "('/' || \(column)) GLOB ?2"
            case .substring: "instr('/' || \(column), ?2) > 0"
            // The path as it is shown: absolute in a binary, tree-relative in a source.
            case .regex: column.hasPrefix("bf.") ? "regexp(?2, '/' || \(column))" : "regexp(?2, \(column))"
            }
        }
        switch match {
        case .glob(let text), .substring(let text): value = text
        case .regex(let text):
            value = text
            try registerDebworkFunctions(on: db)
        }
        // Only the halves that have rows: preparing a statement over a trigram index reads that index's settings (3.6 M
        // of the 14.6 M instructions of `search --path sshd_config` on an index of Contents files and no package).
        var parts: [String] = []
        if try db.scalar("SELECT EXISTS (SELECT 1 FROM binary_files)")?.int == 1 {
            let from = prefilter ? "binary_path_fts JOIN binary_files bf ON bf.id = binary_path_fts.rowid" : "binary_files bf"
            parts.append("""
                SELECT 'binary', b.package, b.version, b.architecture, f.area, '/' || bf.path, f.area_path
                FROM \(from) JOIN binaries b ON b.id = bf.binary_id JOIN files f ON f.id = b.file_id
                WHERE \(prefilter ? "binary_path_fts MATCH ?1 AND " : "")\(condition("bf.path")) AND bf.type <> 'directory' AND \(scope.binary)
                """)
        }
        if try db.scalar("SELECT EXISTS (SELECT 1 FROM source_tree)")?.int == 1 {
            let from = prefilter ? "source_path_fts JOIN source_tree st ON st.id = source_path_fts.rowid" : "source_tree st"
            parts.append("""
                SELECT 'source', s.package, s.version, 'source', f.area, st.path, f.area_path
                FROM \(from) JOIN sources s ON s.id = st.source_id JOIN files f ON f.id = s.file_id
                WHERE \(prefilter ? "source_path_fts MATCH ?1 AND " : "")\(condition("st.path")) AND st.type <> 'directory' AND \(scope.source)
                """)
        }
        guard !parts.isEmpty else { return [] }
        var sql = parts.joined(separator: "\nUNION ALL\n") + "\nORDER BY 1, 2, 3, 4, 5, 7, 6"
        var values: [SQLValue] = [.text(trigrams ?? ""), .text(value)]
        if let limit {
            sql += " LIMIT ?3"
            values.append(.integer(Int64(limit)))
        }
        return try db.query(sql, values, FileMatch.init(row:))
    }

    /// The regular files in scope whose content has `digest` (lowercase hex): an MD5 (32 digits) is looked
    /// up among binary packages' files, a SHA-256 (64) also in unpacked source trees. Same order as
    /// ``files(matching:trigrams:limit:scope:)``.
    public func files(withDigest digest: String, limit: Int?, scope: Scope) throws -> [FileMatch] {
        let column = digest.utf8.count == 32 ? "md5" : "sha256"
        var sql = """
            SELECT 'binary', b.package, b.version, b.architecture, f.area, '/' || bf.path, f.area_path
            FROM binary_files bf JOIN binaries b ON b.id = bf.binary_id JOIN files f ON f.id = b.file_id
            WHERE bf.\(column) = ?1 AND bf.type = 'regular' AND \(scope.binary)
            """
        if column == "sha256" {
            sql += """

                UNION ALL
                SELECT 'source', s.package, s.version, 'source', f.area, st.path, f.area_path
                FROM source_tree st JOIN sources s ON s.id = st.source_id JOIN files f ON f.id = s.file_id
                WHERE st.sha256 = ?1 AND st.type = 'regular' AND \(scope.source)
                """
        }
        sql += " ORDER BY 1, 2, 3, 4, 5, 7, 6"
        var values: [SQLValue] = [.text(digest)]
        if let limit {
            sql += " LIMIT ?2"
            values.append(.integer(Int64(limit)))
        }
        return try db.query(sql, values, FileMatch.init(row:))
    }
}

extension IndexSearch.FileMatch {
    init(row: Row) {
        self.init(kind: row.string(0), package: row.string(1), version: row.string(2), architecture: row.string(3),
                  area: row.string(4), path: row.string(5), artifact: row.string(6))
    }
}
