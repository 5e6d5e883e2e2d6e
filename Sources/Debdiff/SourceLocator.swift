import Artifacts
import Index

/// Finds the .dsc of a source version in the index, for `debdiff SOURCE [REPO] VERSION_A VERSION_B`.
public struct SourceLocator {
    public let store: IndexStore

    public init(store: IndexStore) { self.store = store }

    /// The absolute path of the .dsc of `source` at `version`: a pool file of `repository` first (any
    /// repository when nil), then loose builds, then uploads (events).
    /// - Throws: ``DebdiffError`` when the index holds no such .dsc.
    public func dsc(source: String, version: String, repository: String?) throws(DebdiffError) -> String {
        let rows: [IndexedArtifact]
        do {
            rows = try store.sourceArtifacts(of: source, version: version)
        } catch {
            throw DebdiffError(store.path, underlying: error)
        }
        func rank(_ row: IndexedArtifact) -> Int {
            Self.rank(area: row.area, identity: row.repository, repository: repository)
        }
        let candidates = rows.filter { repository == nil || rank($0) < 3 }.sorted { lhs, rhs in
            rank(lhs) != rank(rhs) ? rank(lhs) < rank(rhs) : lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8)
        }
        guard let best = candidates.first else {
            let place = repository.map { " in repository '\($0)' (or in builds and uploads)" } ?? ""
            throw DebdiffError("no .dsc of source '\(source)' version '\(version)' in the index\(place)")
        }
        return best.path
    }

    /// Where an artifact is preferred from, lowest first: a pool file of `repository` (any repository
    /// when nil) 0, loose builds 1, uploads 2; 3 is another repository's pool (left out).
    static func rank(area: Area, identity: String?, repository: String?) -> Int {
        switch area {
        // A pool file whose repository is gone compares as the empty identity, as it always did.
        case .repositories: return repository == nil || (identity ?? "") == repository ? 0 : 3
        case .builds: return 1
        case .events: return 2
        }
    }
}
