import DebianFormats
import Index
import SQLite

/// The `show` call: `ls` plus upload state, suite flags, and what only the index knows.
public struct ShowService: Sendable {
    public var filter: LsService

    public init(filter: LsService = LsService()) { self.filter = filter }

    public func run(_ source: String, store: IndexStore, layout: Layout = .default) throws -> ShowResult {
        let db = store.database
        let rows = try SourceListing.rows(of: source, filter: filter.filter, layout: layout, in: db)
        var result = ShowResult(source: source)
        // Versions per distribution name, for is_migrated.
        var present: [String: String] = [:]
        for row in rows where row.rollback == nil { present[row.distribution] = row.version }

        for row in rows {
            var distributions = result.repositories[row.repository] ?? .init()
            let suite = layout.suite(row.suite)
            let migratesTo = suite?.migratesTo.map { target -> String in
                (try? Distribution(row.base)).map {
                    Distribution(codename: $0.codename, repository: $0.repository, suite: target, rollback: nil).description
                } ?? target
            }
            var distribution = distributions[row.base] ?? ShowResult.Distribution(
                listing: .init(), dscPath: nil, changesPath: nil, uploadable: suite?.uploadable ?? false,
                migratesTo: migratesTo, isMigrated: false, extras: .init())
            let entry = LsResult.Entry(version: row.version, component: row.component)
            let dscFile = row.repositoryRoot + "/" + row.dscPath
            if row.rollback != nil {
                distribution.listing.rollbacks[row.distribution] = entry
                distribution.extras.rollbacks[row.distribution] = row.repository + "/" + row.dscPath
            } else {
                distribution.listing.current = entry
                distribution.dscPath = row.repository + "/" + row.dscPath
                distribution.changesPath = try changesPath(source: source, version: row.version, distribution: row.distribution, db: db)
                if let target = migratesTo, let migrated = present[target] {
                    distribution.isMigrated = Self.sameVersion(migrated, row.version)
                }
                distribution.extras.dscFile = dscFile
                distribution.extras.binaries = try binaries(source: source, version: row.version, distribution: row.distribution,
                                                            root: row.repositoryRoot, db: db)
                try addSourceDetails(dscFile: dscFile, to: &distribution.extras, db: db)
            }
            distributions[row.base] = distribution
            result.repositories[row.repository] = distributions
        }
        result.elsewhere = try elsewhere(source: source, db: db)
        result.elsewhere.findings = try store.findings(ofSource: source)
        return result
    }

    static func sameVersion(_ a: String, _ b: String) -> Bool {
        guard let left = try? DebianVersion(a), let right = try? DebianVersion(b) else { return a == b }
        return left == right
    }

    private func changesPath(source: String, version: String, distribution: String, db: Database) throws -> String? {
        let candidates = try db.query("""
            SELECT f.area_path, u.distribution, u.version FROM uploads u JOIN files f ON f.id = u.file_id
            WHERE u.source = ?1 ORDER BY f.area_path
            """, [.text(source)]) { ($0.string(0), $0.string(1), $0.string(2)) }
        let matching = candidates.filter { Self.sameVersion($0.2, version) }
        return (matching.first { $0.1 == distribution } ?? matching.first)?.0
    }

    /// The binaries a distribution holds that were built from this source version (their `Source:` field).
    private func binaries(source: String, version: String, distribution: String, root: String, db: Database) throws -> [ShowResult.Binary] {
        try db.query("""
            SELECT b.package, b.version, b.architecture, b.component, b.source_version FROM dist_binaries b
            JOIN distributions d ON d.id = b.distribution_id JOIN repositories r ON r.id = d.repository_id
            WHERE b.source = ?1 AND d.name = ?2 AND d.snapshot IS NULL AND r.root = ?3
            ORDER BY b.package, b.architecture
            """, [.text(source), .text(distribution), .text(root)]) { row in
            (ShowResult.Binary(package: row.string(0), version: row.string(1), architecture: row.string(2), component: row.string(3)),
             row.string(4))
        }.filter { Self.sameVersion($0.1, version) }.map(\.0).reduce(into: [ShowResult.Binary]()) { unique, binary in
            // An arch:all package is listed once per architecture's Packages index: keep it once.
            if !unique.contains(where: { $0.package == binary.package && $0.version == binary.version
                                          && $0.architecture == binary.architecture }) { unique.append(binary) }
        }
    }

    private func addSourceDetails(dscFile: String, to extras: inout ShowResult.Extras, db: Database) throws {
        guard let id = try db.scalar("SELECT s.id FROM sources s JOIN files f ON f.id = s.file_id WHERE f.path = ?1",
                                     [.text(dscFile)])?.int else { return }
        extras.files = try db.query("SELECT name, size, sha256 FROM source_files WHERE source_id = ?1 ORDER BY rowid",
                                    [.integer(id)]) {
            ShowResult.ListedFile(name: $0.string(0), size: $0.int(1), sha256: $0.optionalString(2))
        }
        extras.changelog = try db.query("""
            SELECT version, distributions, urgency, maintainer, date, changes FROM changelog_entries
            WHERE source_id = ?1 ORDER BY position LIMIT 1
            """, [.integer(id)]) {
            ShowResult.ChangelogBlock(version: $0.string(0), distributions: $0.string(1), urgency: $0.string(2),
                                      maintainer: $0.string(3), date: $0.string(4), changes: $0.string(5))
        }.first
    }

    private func elsewhere(source: String, db: Database) throws -> ShowResult.Elsewhere {
        let rows = try db.query("""
            SELECT f.area, f.area_path, f.path, f.kind, s.package, s.version FROM sources s JOIN files f ON f.id = s.file_id
                WHERE s.package = ?1 AND f.area != 'repositories'
            UNION ALL
            SELECT f.area, f.area_path, f.path, f.kind, b.package, b.version FROM binaries b JOIN files f ON f.id = b.file_id
                WHERE b.source = ?1 AND f.area != 'repositories'
            UNION ALL
            SELECT f.area, f.area_path, f.path, f.kind, u.source, u.version FROM uploads u JOIN files f ON f.id = u.file_id
                WHERE u.source = ?1
            ORDER BY 2, 3
            """, [.text(source)]) { row in
            (row.string(0), ShowResult.Artifact(path: row.string(1), file: row.string(2), kind: row.string(3),
                                                package: row.string(4), version: row.string(5)))
        }
        var result = ShowResult.Elsewhere()
        for (area, artifact) in rows {
            if area == "events" { result.events.append(artifact) } else { result.builds.append(artifact) }
        }
        return result
    }
}
