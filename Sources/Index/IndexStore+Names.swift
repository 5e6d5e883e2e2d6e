extension IndexStore {
    /// Source package names starting with `prefix` (indexed packages and repository members), sorted, at most
    /// `limit`: what shell completion offers.
    public func sourceNames(prefix: String, limit: Int = 200) throws -> [String] {
        let upper = prefix + "\u{10FFFF}"
        return try db.query("""
            SELECT package FROM sources WHERE package >= ?1 AND package < ?2
            UNION SELECT package FROM dist_sources WHERE package >= ?1 AND package < ?2
            ORDER BY 1 LIMIT ?3
            """, [.text(prefix), .text(upper), .integer(Int64(limit))]) { $0.string(0) }
    }

    /// Distribution names (exported or configured, no snapshots) starting with `prefix`, sorted.
    public func distributionNames(prefix: String) throws -> [String] {
        let upper = prefix + "\u{10FFFF}"
        return try db.query("""
            SELECT name FROM distributions WHERE snapshot IS NULL AND name >= ?1 AND name < ?2
            UNION SELECT codename FROM configured_distributions WHERE codename >= ?1 AND codename < ?2
            ORDER BY 1
            """, [.text(prefix), .text(upper)]) { $0.string(0) }
    }
}
