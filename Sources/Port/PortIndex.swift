import DebianFormats
import Index
import SQLite

/// What a port asks the index: where a source version is, and what a target already holds.
struct PortIndex {
    let store: IndexStore

    /// The .dsc (absolute path) and version of `source` in distribution `name` (not a snapshot); with
    /// `version`, exactly that version. The highest version wins if a distribution holds several.
    func located(source: String, distribution name: String, version: String?) throws -> (version: String, dsc: String)? {
        let rows = try store.database.query("""
            SELECT s.version, r.root, s.dsc_path FROM dist_sources s
            JOIN distributions d ON d.id = s.distribution_id JOIN repositories r ON r.id = d.repository_id
            WHERE s.package = ?1 AND d.name = ?2 AND d.snapshot IS NULL
            """, [.text(source), .text(name)]) { row in
            (version: row.string(0), dsc: row.string(1) + "/" + row.string(2))
        }
        let wanted = try version.map { try DebianVersion($0) }
        var best: (version: String, dsc: String, parsed: DebianVersion)?
        for row in rows {
            guard let parsed = try? DebianVersion(row.version) else { continue }
            if let wanted, parsed != wanted { continue }
            if best.map({ $0.parsed < parsed }) ?? true { best = (row.version, row.dsc, parsed) }
        }
        return best.map { ($0.version, $0.dsc) }
    }

    /// The non-rollback distributions of repository `repository` that hold `version` of `source`.
    func distributions(holding source: String, version: String, repository: String) throws -> [String] {
        try store.database.query("""
            SELECT DISTINCT d.name FROM dist_sources s JOIN distributions d ON d.id = s.distribution_id
            WHERE s.package = ?1 AND s.version = ?2 AND d.repo = ?3 AND d.rollback IS NULL AND d.snapshot IS NULL
            ORDER BY d.name
            """, [.text(source), .text(version), .text(repository)]) { $0.string(0) }
    }

    /// The versions of `source` in distribution `name` now.
    func versions(of source: String, in name: String) throws -> [String] {
        try store.database.query("""
            SELECT s.version FROM dist_sources s JOIN distributions d ON d.id = s.distribution_id
            WHERE s.package = ?1 AND d.name = ?2 AND d.snapshot IS NULL
            """, [.text(source), .text(name)]) { $0.string(0) }
    }
}

extension PortIndex {
    /// Whether the index knows distribution `name` (not a snapshot), exported or only configured.
    func knows(distribution name: String) throws -> Bool {
        try store.knowsDistribution(named: name)
    }

    /// Every source in distribution `name` (not a snapshot) at its highest version, with its .dsc
    /// (absolute), ordered by name.
    func sources(in name: String) throws -> [(source: String, version: String, dsc: String)] {
        let rows = try store.database.query("""
            SELECT s.package, s.version, r.root, s.dsc_path FROM dist_sources s
            JOIN distributions d ON d.id = s.distribution_id JOIN repositories r ON r.id = d.repository_id
            WHERE d.name = ?1 AND d.snapshot IS NULL ORDER BY s.package
            """, [.text(name)]) { row in
            (source: row.string(0), version: row.string(1), dsc: row.string(2) + "/" + row.string(3))
        }
        var best: [(source: String, version: String, dsc: String, parsed: DebianVersion)] = []
        for row in rows {
            guard let parsed = try? DebianVersion(row.version) else { continue }
            if let last = best.last, last.source == row.source {
                if last.parsed < parsed { best[best.count - 1] = (row.source, row.version, row.dsc, parsed) }
            } else {
                best.append((row.source, row.version, row.dsc, parsed))
            }
        }
        return best.map { ($0.source, $0.version, $0.dsc) }
    }
}
