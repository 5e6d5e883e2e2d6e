import SQLite

extension IndexStore {
    /// An indexed distribution's place on disk.
    public struct DistributionLocation: Sendable, Hashable {
        /// The repository's identity (its root for a plain APT repository).
        public var repository: String
        /// The `dists/<name>` folder holding its Release file.
        public var directory: String
    }

    /// Where the indexed distributions called `name` are (snapshots left out), one per repository that has
    /// one, ordered by repository.
    ///
    /// - Throws: `SQLiteError` when the index cannot be read.
    public func distributionLocations(named name: String) throws -> [DistributionLocation] {
        try db.query("""
            SELECT r.identity, f.path FROM distributions d
            JOIN files f ON f.id = d.file_id JOIN repositories r ON r.id = d.repository_id
            WHERE d.name = ?1 AND d.snapshot IS NULL ORDER BY r.identity, f.path
            """, [.text(name)]) { row in
            let release = row.string(1)
            let directory = release.lastIndex(of: "/").map { String(release[..<$0]) } ?? "."
            return DistributionLocation(repository: row.string(0), directory: directory)
        }
    }
}
