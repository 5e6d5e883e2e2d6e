import Index

/// Finds the binary packages built from a source version in the index, for
/// `debdiff --binaries SOURCE [REPO] VERSION_A VERSION_B`: the `--from … --to …` lists of two versions.
public struct BinaryLocator {
    public let store: IndexStore

    public init(store: IndexStore) { self.store = store }

    /// The .deb and .udeb files built from `source` at `version` (debug packages left out), one per
    /// package: a pool file of `repository` first (any repository when nil), then loose builds, then
    /// uploads; sorted by package name. `architecture` keeps that architecture and `all`.
    /// - Throws: ``DebdiffError`` when the index holds none.
    public func debs(source: String, version: String, repository: String?, architecture: String) throws(DebdiffError) -> [String] {
        let rows = try candidates(source: source, version: version, repository: repository)
            .filter { $0.architecture == architecture || $0.architecture == "all" }
        var best: [String: Row] = [:]
        for row in rows {
            if let current = best[row.package], !(row.rank < current.rank || (row.rank == current.rank && row.path.utf8.lexicographicallyPrecedes(current.path.utf8))) {
                continue
            }
            best[row.package] = row
        }
        guard !best.isEmpty else {
            let place = repository.map { " in repository '\($0)' (or in builds and uploads)" } ?? ""
            throw DebdiffError("no binary packages of source '\(source)' version '\(version)' for \(architecture) in the index\(place)")
        }
        return best.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.compactMap { best[$0]?.path }
    }

    /// The architectures (other than `all`) the index has binaries of `source` at any of `versions` for.
    public func architectures(source: String, versions: [String], repository: String?) throws(DebdiffError) -> [String] {
        var found: Set<String> = []
        for version in versions {
            for row in try candidates(source: source, version: version, repository: repository) where row.architecture != "all" {
                found.insert(row.architecture)
            }
        }
        return found.sorted()
    }

    struct Row {
        var path: String
        var package: String
        var architecture: String
        var rank: Int
    }

    private func candidates(source: String, version: String, repository: String?) throws(DebdiffError) -> [Row] {
        do {
            return try store.binaryArtifacts(builtFrom: source, version: version).map { artifact -> Row in
                Row(path: artifact.path, package: artifact.package, architecture: artifact.architecture ?? "",
                    rank: SourceLocator.rank(area: artifact.area, identity: artifact.repository, repository: repository))
            }.filter { repository == nil || $0.rank < 3 }
        } catch {
            throw DebdiffError(store.path, underlying: error)
        }
    }
}
