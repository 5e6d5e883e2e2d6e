import SQLite

/// An upload (.changes) of a source: where it is and what it targets.
public struct IndexedUpload: Sendable, Hashable {
    /// The .changes' path inside the events area.
    public var areaPath: String
    public var distribution: String
    public var version: String
}

/// One binary a repository distribution lists (a `Packages` index entry).
public struct ListedBinary: Sendable, Hashable {
    public var package: String
    public var version: String
    public var architecture: String
    public var component: String
    /// The version of the source it was built from (its `Source:` field, else its own version).
    public var sourceVersion: String
}

/// What the index read from one .dsc beyond its name and version.
public struct IndexedSourceDetails: Sendable, Hashable {
    /// A file the .dsc names.
    public struct File: Sendable, Hashable {
        public var name: String
        public var size: Int64
        public var sha256: String?
    }

    /// The top `debian/changelog` entry.
    public struct ChangelogEntry: Sendable, Hashable {
        public var version: String
        public var distributions: String
        public var urgency: String
        public var maintainer: String
        public var date: String
        public var changes: String
    }

    /// The files the .dsc names, in its order.
    public var files: [File]
    /// The newest changelog entry; nil when the source has no readable changelog.
    public var latestChangelogEntry: ChangelogEntry?
}

extension IndexStore {
    /// Every upload of `source`, ordered by area path.
    public func uploads(ofSource source: String) throws -> [IndexedUpload] {
        try db.query("""
            SELECT f.area_path, u.distribution, u.version FROM uploads u JOIN files f ON f.id = u.file_id
            WHERE u.source = ?1 ORDER BY f.area_path
            """, [.text(source)]) { IndexedUpload(areaPath: $0.string(0), distribution: $0.string(1), version: $0.string(2)) }
    }

    /// The binaries built from `source` (any version) that distribution `name` (not a snapshot) of the
    /// repository at `root` lists, ordered by package and architecture (an arch:all package once per
    /// architecture's Packages index).
    public func listedBinaries(builtFrom source: String, in name: String, repositoryRoot root: String) throws -> [ListedBinary] {
        try db.query("""
            SELECT b.package, b.version, b.architecture, b.component, b.source_version FROM dist_binaries b
            JOIN distributions d ON d.id = b.distribution_id JOIN repositories r ON r.id = d.repository_id
            WHERE b.source = ?1 AND d.name = ?2 AND d.snapshot IS NULL AND r.root = ?3
            ORDER BY b.package, b.architecture
            """, [.text(source), .text(name), .text(root)]) { row in
            ListedBinary(package: row.string(0), version: row.string(1), architecture: row.string(2),
                         component: row.string(3), sourceVersion: row.string(4))
        }
    }

    /// The changelog text kept for an indexed binary package (the newest entries of its `changelog.Debian.gz`,
    /// a binNMU's own entries first), or nil when no .deb of it is indexed or it had none.
    public func binaryChangelog(package: String, version: String, architecture: String) throws -> String? {
        try db.scalar("""
            SELECT changelog FROM binaries WHERE package = ?1 AND version = ?2 AND architecture = ?3
                AND changelog IS NOT NULL LIMIT 1
            """, [.text(package), .text(version), .text(architecture)])?.string
    }

    /// The details of the indexed .dsc at the absolute path `dscFile`, or nil when it is not indexed.
    public func sourceDetails(dscFile: String) throws -> IndexedSourceDetails? {
        guard let id = try db.scalar("SELECT s.id FROM sources s JOIN files f ON f.id = s.file_id WHERE f.path = ?1",
                                     [.text(dscFile)])?.int else { return nil }
        let files = try db.query("SELECT name, size, sha256 FROM source_files WHERE source_id = ?1 ORDER BY rowid",
                                 [.integer(id)]) {
            IndexedSourceDetails.File(name: $0.string(0), size: $0.int(1), sha256: $0.optionalString(2))
        }
        let changelog = try db.query("""
            SELECT version, distributions, urgency, maintainer, date, changes FROM changelog_entries
            WHERE source_id = ?1 ORDER BY position LIMIT 1
            """, [.integer(id)]) {
            IndexedSourceDetails.ChangelogEntry(version: $0.string(0), distributions: $0.string(1), urgency: $0.string(2),
                                                maintainer: $0.string(3), date: $0.string(4), changes: $0.string(5))
        }.first
        return IndexedSourceDetails(files: files, latestChangelogEntry: changelog)
    }
}
