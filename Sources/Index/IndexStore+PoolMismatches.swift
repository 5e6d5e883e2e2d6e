import SQLite

/// A pool file whose content is not what a distribution's stanza says it is: a .deb whose SHA-256 or size differs
/// from its Packages stanza's `SHA256`/`Size`, a .dsc from its Sources stanza's `Checksums-Sha256` (or `Files`)
/// line. The index holds the file as it is on disk; this says that the archive's metadata disagrees with it (a
/// corrupted or tampered mirror, or a pool file replaced after the indices were written).
public struct PoolMismatch: Sendable, Hashable, Encodable {
    /// The pool file (absolute path).
    public var file: String
    public var distribution: String
    public var snapshot: String?
    public var component: String
    /// `Packages` or `Sources`: which index's stanza lists the file.
    public var list: String
    /// The stanza's claim (nil: it gives none).
    public var expectedSHA256: String?
    public var expectedSize: Int64?
    /// The indexed file's.
    public var actualSHA256: String
    public var actualSize: Int64

    enum CodingKeys: String, CodingKey {
        case file, distribution, snapshot, component, list
        case expectedSHA256 = "expected_sha256", expectedSize = "expected_size"
        case actualSHA256 = "actual_sha256", actualSize = "actual_size"
    }

    /// `dist/component`, or `dist (snapshot s)/component`.
    public var place: String {
        distribution + (snapshot.map { " (snapshot \($0))" } ?? "") + "/" + component
    }

    /// What is wrong, after the file's path.
    public var message: String { message(places: [place]) }

    func message(places: [String]) -> String {
        "does not match its \(list) stanza in \(places.joined(separator: ", ")): expected SHA256 "
            + "\(expectedSHA256 ?? "(none)") size \(expectedSize.map(String.init) ?? "(none)"), actual SHA256 \(actualSHA256) "
            + "size \(actualSize)"
    }

    /// The `W:` lines for `mismatches`: one per file and claim, naming every distribution that makes it (a pool file
    /// is listed by its distribution, its snapshots and rollbacks, each architecture's Packages for `all`).
    public static func warnings(_ mismatches: [PoolMismatch]) -> [String] {
        var order: [PoolMismatch] = []
        var places: [PoolMismatch: [String]] = [:]
        for mismatch in mismatches {
            var key = mismatch
            (key.distribution, key.snapshot, key.component) = ("", nil, "")
            if places[key] == nil { order.append(key) }
            places[key, default: []].append(mismatch.place)
        }
        return order.map { "\($0.file): \($0.message(places: places[$0] ?? []))" }
    }
}

extension IndexStore {
    /// Marks `pool_mismatches` as needing ``recordPoolMismatches()``: a file was written, or failed and lost its
    /// rows. Written in the same transaction as the change, so the mark survives whatever stops the run before its end.
    func markPoolMismatchesStale() throws {
        try db.run("INSERT OR REPLACE INTO meta(key, value) VALUES ('pool_mismatches_stale', '1')", [])
    }

    func poolMismatchesAreStale() throws -> Bool {
        try db.scalar("SELECT count(*) FROM meta WHERE key = 'pool_mismatches_stale'")?.int == 1
    }

    /// Computes `pool_mismatches` again from what the index holds: every indexed pool file whose SHA-256 or size is
    /// not what a stanza listing it claims. A stanza whose file is not indexed (a metadata-only mirror) is no
    /// mismatch. Set statements driven by the stanzas, each a probe of `files`' unique path index: about 65 ms for
    /// bookworm main's 63 k binary and 34 k source stanzas (docs/BENCHMARKS.md), so the indexer runs it only after a
    /// run that changed a file (``markPoolMismatchesStale()``). Must run inside a transaction.
    ///
    /// - Returns: the mismatches that were not recorded before (each reported once, when either side changes).
    func recordPoolMismatches() throws -> [PoolMismatch] {
        let before = Set(try poolMismatches())
        try db.execute("DELETE FROM pool_mismatches; DELETE FROM meta WHERE key = 'pool_mismatches_stale'")
        // A stanza without `Size` is read as size 0: no claim (a .deb is never empty).
        try db.execute("""
            INSERT INTO pool_mismatches(file_id, distribution_id, component, expected_size, expected_sha256)
            SELECT DISTINCT f.id, d.id, b.component, nullif(b.size, 0), lower(b.sha256)
            FROM dist_binaries b JOIN distributions d ON d.id = b.distribution_id
            JOIN repositories r ON r.id = d.repository_id
            JOIN files f ON f.path = r.root || '/' || b.path
            WHERE f.kind IN ('deb', 'udeb', 'ddeb') AND f.sha256 IS NOT NULL
                AND ((b.size > 0 AND b.size != f.size) OR (b.sha256 IS NOT NULL AND lower(b.sha256) != f.sha256));
            INSERT INTO pool_mismatches(file_id, distribution_id, component, expected_size, expected_sha256)
            SELECT DISTINCT f.id, d.id, s.component, s.dsc_size, s.dsc_sha256
            FROM dist_sources s JOIN distributions d ON d.id = s.distribution_id
            JOIN repositories r ON r.id = d.repository_id
            JOIN files f ON f.path = r.root || '/' || s.dsc_path
            WHERE f.kind = 'dsc' AND f.sha256 IS NOT NULL
                AND (s.dsc_size != f.size OR s.dsc_sha256 != f.sha256);
            """)
        return try poolMismatches().filter { !before.contains($0) }
    }

    /// Every recorded pool mismatch, by file, distribution, snapshot and component; with `source`, those of the files
    /// that hold that source or a binary built from it (as the file on disk says).
    public func poolMismatches(ofSource source: String? = nil) throws -> [PoolMismatch] {
        try db.query("""
            SELECT f.path, d.name, d.snapshot, m.component, f.kind, m.expected_sha256, m.expected_size, f.sha256, f.size
            FROM pool_mismatches m JOIN files f ON f.id = m.file_id JOIN distributions d ON d.id = m.distribution_id
            WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM binaries WHERE file_id = f.id AND source = ?1)
                OR EXISTS (SELECT 1 FROM sources WHERE file_id = f.id AND package = ?1)
            ORDER BY f.path, d.name, d.snapshot, m.component, m.expected_sha256, m.expected_size
            """, [SQLValue(source)]) { row in
            PoolMismatch(file: row.string(0), distribution: row.string(1), snapshot: row.optionalString(2),
                         component: row.string(3), list: row.string(4) == "dsc" ? "Sources" : "Packages",
                         expectedSHA256: row.optionalString(5), expectedSize: row.optionalInt(6),
                         actualSHA256: row.optionalString(7) ?? "", actualSize: row.int(8))
        }
    }
}
