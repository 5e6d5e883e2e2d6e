import DebianFormats
import SQLite

extension IndexStore {
    /// Every distribution the index knows, exported or only configured, snapshots included; ordered by
    /// repository, name, then snapshot (the distribution itself first).
    ///
    /// A configured distribution appears once: when `dists/<Codename>/Release` was read, that row wins (it
    /// says what the repository holds); the configuration adds the ones not exported yet.
    public func knownDistributions() throws -> [KnownDistribution] {
        var known = try db.query("""
            SELECT r.identity, r.root, d.name, d.snapshot, d.codename, d.suite, d.rollback, d.components,
                d.architectures, d.origin,
                (SELECT count(*) FROM dist_sources WHERE distribution_id = d.id),
                (SELECT count(*) FROM dist_binaries WHERE distribution_id = d.id), d.signed_by
            FROM distributions d JOIN repositories r ON r.id = d.repository_id
            """, []) { row in
            KnownDistribution(
                repository: row.string(0), root: row.string(1), name: row.string(2), snapshot: row.optionalString(3),
                codename: row.optionalString(4) ?? row.string(2), suite: row.optionalString(5),
                rollback: row.optionalInt(6).map { Int($0) }, components: Self.words(row.optionalString(7) ?? "main"),
                architectures: Self.words(row.optionalString(8) ?? "").filter { $0 != "source" },
                origin: row.optionalString(9), isExported: true, signedBy: row.optionalString(12),
                sourceCount: Int(row.int(10)), binaryCount: Int(row.int(11)))
        }
        let exported = Set(known.filter { $0.snapshot == nil }.map { [$0.root, $0.name] })
        let configured = try db.query("""
            SELECT r.identity, r.root, c.codename, c.suite, c.rollback, c.components, c.architectures, c.origin
            FROM configured_distributions c JOIN repositories r ON r.id = c.repository_id
            ORDER BY r.root, c.file_id, c.position
            """, []) { row in
            KnownDistribution(
                repository: row.string(0), root: row.string(1), name: row.string(2), snapshot: nil,
                codename: (try? Distribution(row.string(2)))?.codename ?? row.string(2), suite: row.optionalString(3),
                rollback: row.optionalInt(4).map { Int($0) }, components: Self.words(row.string(5)),
                architectures: Self.words(row.string(6)), origin: row.optionalString(7),
                isExported: false, signedBy: nil, sourceCount: 0, binaryCount: 0)
        }
        var added: Set<[String]> = exported
        for distribution in configured where added.insert([distribution.root, distribution.name]).inserted {
            known.append(distribution)
        }
        return known.sorted { a, b in
            if a.repository != b.repository { return a.repository < b.repository }
            if a.root != b.root { return a.root < b.root }
            if a.name != b.name { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
            return (a.snapshot ?? "").utf8.lexicographicallyPrecedes((b.snapshot ?? "").utf8)
        }
    }

    /// Whether the index knows a (non-snapshot) distribution named `name`, exported or only configured.
    public func knowsDistribution(named name: String) throws -> Bool {
        try db.scalar("""
            SELECT EXISTS (SELECT 1 FROM distributions WHERE name = ?1 AND snapshot IS NULL)
                OR EXISTS (SELECT 1 FROM configured_distributions WHERE codename = ?1)
            """, [.text(name)])?.int == 1
    }

    static func words(_ text: String) -> [String] {
        RepreproDistributions.words(text)
    }
}

/// One package version a distribution (or snapshot) lists: a binary, or its source (`architecture` "source").
public struct DistributionMember: Sendable, Hashable {
    public var package: String
    public var version: String
    public var architecture: String
    public var component: String
}

extension IndexStore {
    /// Every source and binary distribution `name` (its snapshot `snapshot`) lists, or nil when the index does
    /// not know it. A distribution only configured lists nothing.
    public func members(of name: String, snapshot: String?) throws -> [DistributionMember]? {
        let ids = try db.query("SELECT id FROM distributions WHERE name = ?1 AND snapshot IS ?2", [.text(name), SQLValue(snapshot)]) {
            $0.int(0)
        }
        if ids.isEmpty {
            guard snapshot == nil else { return nil }
            return try knowsDistribution(named: name) ? [] : nil
        }
        var members: [DistributionMember] = []
        for id in ids {
            members += try db.query("SELECT package, version, component FROM dist_sources WHERE distribution_id = ?1",
                                    [.integer(id)]) {
                DistributionMember(package: $0.string(0), version: $0.string(1), architecture: "source", component: $0.string(2))
            }
            members += try db.query("SELECT package, version, architecture, component FROM dist_binaries WHERE distribution_id = ?1",
                                    [.integer(id)]) {
                DistributionMember(package: $0.string(0), version: $0.string(1), architecture: $0.string(2), component: $0.string(3))
            }
        }
        return members
    }
}

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
