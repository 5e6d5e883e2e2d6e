import Index
import SQLite

/// `--area` and `--distribution` as SQL predicates over `files f` and `binaries b` / `sources s` /
/// `uploads u`. They hold only constants the service produced (area names from ``SearchArea``, integer ids),
/// never user text, so they can be written into SQL and leave the statement's parameters to the caller.
struct Scope {
    var binary: String
    var source: String
    var upload: String

    /// Resolves `distribution` (non-snapshot distributions of that name) once.
    /// - Throws: ``SearchError`` when no distribution of that name is indexed.
    init(areas: [SearchArea], distribution: String?, store: IndexStore) throws {
        let db = store.database
        let chosen = Set(areas.isEmpty ? SearchArea.allCases : areas)
        let areaList = SearchArea.allCases.filter(chosen.contains).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let area = "f.area IN (\(areaList))"
        guard let distribution else {
            (binary, source, upload) = (area, area, area)
            return
        }
        let pairs = try db.query(
            "SELECT id, repository_id FROM distributions WHERE name = ?1 AND snapshot IS NULL ORDER BY id",
            [.text(distribution)]) { ($0.int(0), $0.int(1)) }
        guard !pairs.isEmpty else {
            // Configured but not exported yet: known, and holding nothing.
            guard try store.knowsDistribution(named: distribution) else { throw SearchError.unknownDistribution(distribution) }
            (binary, source, upload) = ("0", "0", "0")
            return
        }
        func membership(_ alias: String) -> String {
            pairs.map { "(\(alias).distribution_id = \($0.0) AND f.repository_id = \($0.1))" }
                .joined(separator: " OR ")
        }
        // A distribution lists pool files only: builds and events never belong to one.
        let inRepository = "f.area = 'repositories' AND \(area)"
        binary = "\(inRepository) AND EXISTS (SELECT 1 FROM dist_binaries db WHERE db.package = b.package "
            + "AND db.path = f.area_path AND (\(membership("db"))))"
        source = "\(inRepository) AND EXISTS (SELECT 1 FROM dist_sources ds WHERE ds.package = s.package "
            + "AND ds.dsc_path = f.area_path AND (\(membership("ds"))))"
        upload = "0"
    }
}
