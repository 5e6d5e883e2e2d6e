import Index
import SQLite

/// Finds the .dsc of a source version in the index, for `debdiff SOURCE [REPO] VERSION_A VERSION_B`.
public struct SourceLocator {
    public let store: IndexStore

    public init(store: IndexStore) { self.store = store }

    /// The absolute path of the .dsc of `source` at `version`: a pool file of `repository` first (any
    /// repository when nil), then loose builds, then uploads (events).
    /// - Throws: ``DebdiffError`` when the index holds no such .dsc.
    public func dsc(source: String, version: String, repository: String?) throws(DebdiffError) -> String {
        let rows: [(path: String, area: String, identity: String)]
        do {
            rows = try store.database.query("""
                SELECT f.path, f.area, COALESCE(r.identity, '')
                FROM sources s JOIN files f ON f.id = s.file_id LEFT JOIN repositories r ON r.id = f.repository_id
                WHERE s.package = ?1 AND s.version = ?2
                """, [.text(source), .text(version)]) { row in (row.string(0), row.string(1), row.string(2)) }
        } catch {
            throw DebdiffError("\(store.path): \(error)")
        }
        func rank(_ row: (path: String, area: String, identity: String)) -> Int {
            Self.rank(area: row.area, identity: row.identity, repository: repository)
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
    static func rank(area: String, identity: String, repository: String?) -> Int {
        switch area {
        case "repositories": return repository == nil || identity == repository ? 0 : 3
        case "builds": return 1
        default: return 2
        }
    }
}
