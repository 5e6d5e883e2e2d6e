import MiniBuildd
import DebianFormats
import Artifacts
import JSONOutput
import SQLite

extension IndexStore {
    /// Gathers the `status` call's data.
    public func status(version: String, identity: String, layout: Layout = .default) throws -> IndexStatus {
        var files = OrderedObject<OrderedObject<Int>>()
        for kind in ArtifactKind.allCases {
            var byArea = OrderedObject<Int>()
            for (area, count) in try db.query("SELECT area, count(*) FROM files WHERE kind = ?1 GROUP BY area ORDER BY area",
                                              [.text(kind.rawValue)], { ($0.string(0), Int($0.int(1))) }) {
                byArea[area] = count
            }
            if !byArea.isEmpty { files[kind.rawValue] = byArea }
        }
        var packages = OrderedObject<Int>()
        packages["binaries"] = Int(try db.scalar("SELECT count(*) FROM binaries")?.int ?? 0)
        packages["sources"] = Int(try db.scalar("SELECT count(*) FROM sources")?.int ?? 0)
        packages["uploads"] = Int(try db.scalar("SELECT count(*) FROM uploads")?.int ?? 0)
        packages["binary_files"] = Int(try db.scalar("SELECT count(*) FROM binary_files")?.int ?? 0)
        packages["source_files"] = Int(try db.scalar("SELECT count(*) FROM source_tree")?.int ?? 0)

        var miniBuildd = OrderedObject<IndexStatus.Repository>()
        var indexed: [IndexStatus.IndexedRepository] = []
        let known = try knownDistributions()
        let repositories = try db.query("SELECT identity, root FROM repositories ORDER BY identity, root", []) {
            ($0.string(0), $0.string(1))
        }
        for (identity, root) in repositories {
            let rows = known.filter { $0.root == root }
            var distributions: [IndexStatus.Distribution] = []
            for row in rows where row.snapshot == nil {
                distributions.append(.init(
                    name: row.name, codename: row.codename, suite: row.suite, rollback: row.rollback,
                    exported: row.isExported, signedBy: row.signedBy, sources: row.sourceCount, binaries: row.binaryCount,
                    snapshots: rows.filter { $0.name == row.name }.compactMap(\.snapshot)))
            }
            let codenames = Self.uniqueSorted(rows.map(\.codename))
            let suites = Self.uniqueSorted(rows.compactMap(\.suite))
            indexed.append(.init(identity: identity, root: root, codenames: codenames, suites: suites,
                                 distributions: distributions))
            // mini-buildd's layout: every suite the repository is configured with, in the layout's order.
            let allSuites = Set(suites + (miniBuildd[identity]?.layout.members.map(\.key) ?? []))
            var suiteLayout = OrderedObject<Layout.Suite>()
            for suite in layout.suites where allSuites.contains(suite.name) { suiteLayout[suite.name] = suite }
            let allCodenames = Self.uniqueSorted((miniBuildd[identity]?.codenames ?? []) + codenames)
            miniBuildd[identity] = .init(codenames: allCodenames, layout: suiteLayout)
        }

        let lastUpdate = try db.scalar("SELECT value FROM meta WHERE key = 'last_update'")?.string
            .flatMap { Int64($0) }.map(Self.isoDate)
        let index = IndexStatus.Index(
            path: path, schemaVersion: schemaVersion, sqliteVersion: Database.libraryVersion,
            sizeBytes: Self.sizeOnDisk(path), lastUpdate: lastUpdate, files: files, packages: packages,
            failures: Int(try db.scalar("SELECT count(*) FROM failures")?.int ?? 0), failedFiles: nil,
            findings: try findings(), poolMismatches: try poolMismatches(),
            roots: try db.query("SELECT path FROM roots ORDER BY path", []) { $0.string(0) },
            repositories: indexed)
        return IndexStatus(version: version, identity: identity, url: nil, incomingURL: nil, load: 0,
                           chroots: [], remotes: [], repositories: miniBuildd, index: index)
    }

    /// The files the index remembers as failed (`status --failed`), by path.
    public func failedFiles() throws -> [IndexStatus.FailedFile] {
        try db.query("SELECT path, reason, failed_at FROM failures ORDER BY path", []) { row in
            IndexStatus.FailedFile(path: row.string(0), reason: row.string(1), failedAt: Self.isoDate(row.int(2)))
        }
    }

    /// Every finding (claims the data contradicts), by file and path.
    public func findings(ofSource source: String? = nil) throws -> [IndexStatus.Finding] {
        try db.query("""
            SELECT f.path, b.package, b.version, x.kind, x.path, x.claimed, x.actual
            FROM findings x JOIN files f ON f.id = x.file_id JOIN binaries b ON b.file_id = f.id
            WHERE ?1 IS NULL OR b.source = ?1 ORDER BY f.path, x.path
            """, [SQLValue(source)]) { row in
            IndexStatus.Finding(file: row.string(0), package: row.string(1), version: row.string(2), kind: row.string(3),
                                path: row.string(4), claimed: row.optionalString(5), actual: row.optionalString(6))
        }
    }

    /// The index file plus its WAL, in bytes.
    static func sizeOnDisk(_ path: String) -> Int64 {
        ["", "-wal", "-shm"].reduce(Int64(0)) { $0 + (FileSystem.status(path + $1)?.size ?? 0) }
    }

    static func uniqueSorted(_ values: [String]) -> [String] {
        Array(Set(values)).sorted()
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for a Unix time.
    static func isoDate(_ seconds: Int64) -> String {
        CivilTime(timestamp: Int(seconds)).iso8601
    }
}
