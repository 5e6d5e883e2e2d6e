import DebianFormats
import Index

/// What a port asks the index: where a source version is, and what a target already holds. The index's
/// read models answer; this adds the port's choice (the highest version wins).
struct PortIndex {
    let store: IndexStore

    /// The .dsc (absolute path) and version of `source` in distribution `name` (not a snapshot); with
    /// `version`, exactly that version. The highest version wins if a distribution holds several.
    func located(source: String, distribution name: String, version: String?) throws -> (version: String, dsc: String)? {
        let rows = try store.listedSources(of: source, in: name)
        let wanted = try version.map { try DebianVersion($0) }
        var best: (version: String, dsc: String, parsed: DebianVersion)?
        for row in rows {
            guard let parsed = try? DebianVersion(row.version) else { continue }
            if let wanted, parsed != wanted { continue }
            if best.map({ $0.parsed < parsed }) ?? true { best = (row.version, row.dscFile, parsed) }
        }
        return best.map { ($0.version, $0.dsc) }
    }

    /// The non-rollback distributions of repository `repository` that hold `version` of `source`.
    func distributions(holding source: String, version: String, repository: String) throws -> [String] {
        try store.distributions(listing: source, version: version, repository: repository)
    }

    /// The versions of `source` in distribution `name` now.
    func versions(of source: String, in name: String) throws -> [String] {
        try store.listedSources(of: source, in: name).map(\.version)
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
        var best: [(source: String, version: String, dsc: String, parsed: DebianVersion)] = []
        for row in try store.listedSources(in: name) {
            guard let parsed = try? DebianVersion(row.version) else { continue }
            if let last = best.last, last.source == row.package {
                if last.parsed < parsed { best[best.count - 1] = (row.package, row.version, row.dscFile, parsed) }
            } else {
                best.append((row.package, row.version, row.dscFile, parsed))
            }
        }
        return best.map { ($0.source, $0.version, $0.dsc) }
    }
}
