import Artifacts
import SQLite

/// One indexed file holding a package: a .dsc, .deb (.udeb, .ddeb) or .changes, with where it lives.
public struct IndexedArtifact: Sendable, Hashable {
    /// The absolute path of the file.
    public var path: String
    public var area: Area
    /// The path inside its area (mini-buildd's `search` paths).
    public var areaPath: String
    public var kind: String
    /// The identity of the repository whose tree holds the file; nil outside repositories.
    public var repository: String?
    /// The package the file holds (an upload's source) and its version.
    public var package: String
    public var version: String
    /// A binary's architecture; nil for sources and uploads.
    public var architecture: String?
}

extension IndexStore {
    /// Decodes `files.area`: the indexer only writes ``Area`` values, anything else is a damaged index.
    func decodeArea(_ text: String) throws -> Area {
        guard let area = Area(rawValue: text) else {
            throw IndexError(path: path, reason: "unknown area '\(text)' in table files")
        }
        return area
    }

    /// The indexed .dsc files of `package` at `version` (any area), in the index's order.
    public func sourceArtifacts(of package: String, version: String) throws -> [IndexedArtifact] {
        try db.query("""
            SELECT f.path, f.area, f.area_path, f.kind, r.identity, s.package, s.version
            FROM sources s JOIN files f ON f.id = s.file_id LEFT JOIN repositories r ON r.id = f.repository_id
            WHERE s.package = ?1 AND s.version = ?2
            """, [.text(package), .text(version)]) { row in
            IndexedArtifact(path: row.string(0), area: try decodeArea(row.string(1)), areaPath: row.string(2), kind: row.string(3),
                            repository: row.optionalString(4), package: row.string(5), version: row.string(6))
        }
    }

    /// The indexed .deb and .udeb files (any area) whose `Source:` is `source` at `version`, in the index's
    /// order.
    public func binaryArtifacts(builtFrom source: String, version: String) throws -> [IndexedArtifact] {
        try db.query("""
            SELECT f.path, f.area, f.area_path, f.kind, r.identity, b.package, b.version, b.architecture
            FROM binaries b JOIN files f ON f.id = b.file_id LEFT JOIN repositories r ON r.id = f.repository_id
            WHERE b.source = ?1 AND b.source_version = ?2 AND f.kind IN ('deb', 'udeb')
            """, [.text(source), .text(version)]) { row in
            IndexedArtifact(path: row.string(0), area: try decodeArea(row.string(1)), areaPath: row.string(2), kind: row.string(3),
                            repository: row.optionalString(4), package: row.string(5), version: row.string(6),
                            architecture: row.string(7))
        }
    }

    /// Everything of `source` outside repository trees: its .dsc and binaries among builds and uploads, and
    /// its uploads (.changes); ordered by area path, then path.
    public func artifactsOutsideRepositories(ofSource source: String) throws -> [IndexedArtifact] {
        try db.query("""
            SELECT f.area, f.area_path, f.path, f.kind, s.package, s.version, NULL FROM sources s JOIN files f ON f.id = s.file_id
                WHERE s.package = ?1 AND f.area != 'repositories'
            UNION ALL
            SELECT f.area, f.area_path, f.path, f.kind, b.package, b.version, b.architecture FROM binaries b JOIN files f ON f.id = b.file_id
                WHERE b.source = ?1 AND f.area != 'repositories'
            UNION ALL
            SELECT f.area, f.area_path, f.path, f.kind, u.source, u.version, NULL FROM uploads u JOIN files f ON f.id = u.file_id
                WHERE u.source = ?1
            ORDER BY 2, 3
            """, [.text(source)]) { row in
            IndexedArtifact(path: row.string(2), area: try decodeArea(row.string(0)), areaPath: row.string(1), kind: row.string(3),
                            repository: nil, package: row.string(4), version: row.string(5),
                            architecture: row.optionalString(6))
        }
    }
}
