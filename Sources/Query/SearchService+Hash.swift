import SQLite

extension SearchService {
    /// Which packages ship a file whose content has `digest`: an MD5 (32 hex digits: binary packages' files)
    /// or a SHA-256 (64: binary packages' files and unpacked source trees), found through the digest indexes.
    func files(withDigest digest: String, scope: Scope, query: SearchQuery) throws -> [PathHit] {
        let value = digest.lowercased()
        let isHex = value.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        guard isHex, value.utf8.count == 32 || value.utf8.count == 64 else {
            throw SearchError("'\(digest)' is not an MD5 (32 hex digits) or SHA-256 (64 hex digits) digest")
        }
        let column = value.utf8.count == 32 ? "md5" : "sha256"
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
        var values: [SQLValue] = [.text(value)]
        if let limit = query.limit, !query.latest {
            sql += " LIMIT ?2"
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
}
