import Artifacts
import SQLite

/// The searches `debwork search` runs over the index: name globs, file paths, full text, content digests.
///
/// The caller (Query's `SearchService`) turns the user's text into the values passed here (a GLOB pattern,
/// an FTS5 expression, a lowercase hex digest); every value is bound as a parameter, and the only SQL text
/// not written here is a ``Scope``'s, which holds constants. Not `Sendable` (it holds the connection).
public final class IndexSearch {
    let store: IndexStore
    var db: Database { store.db }

    public init(store: IndexStore) { self.store = store }

    /// `--area` and `--distribution` as SQL predicates over `files f` and `binaries b` / `sources s` /
    /// `uploads u`. They hold only constants (area names from ``Area``, integer ids), never user text, so
    /// they can be written into SQL and leave the statement's parameters to the query.
    public struct Scope: Sendable {
        var binary: String
        var source: String
        var upload: String
        /// Over `files f` and `contents_lists l` (a Contents file and what it speaks for).
        var contents: String
        /// Over `distributions d`: the distributions whose index-only packages are in scope ("0": none).
        var indexOnly = "0"
    }

    /// Resolves `distribution` (the non-snapshot distributions of that name) once.
    ///
    /// - Parameters:
    ///   - areas: the areas to look in; empty means all three.
    ///   - indexOnly: whether the packages distributions list without an indexed file are in scope (with
    ///     the repositories area; snapshots never).
    /// - Returns: nil when the index knows no distribution of that name (exported or configured).
    public func scope(areas: [Area], distribution: String?, indexOnly: Bool = false) throws -> Scope? {
        let chosen = Set(areas.isEmpty ? Area.allCases : areas)
        let areaList = Area.allCases.filter(chosen.contains).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let area = "f.area IN (\(areaList))"
        let withIndexOnly = indexOnly && chosen.contains(.repositories)
        guard let distribution else {
            return Scope(binary: area, source: area, upload: area, contents: area,
                         indexOnly: withIndexOnly ? "d.snapshot IS NULL" : "0")
        }
        let pairs = try db.query(
            "SELECT id, repository_id FROM distributions WHERE name = ?1 AND snapshot IS NULL ORDER BY id",
            [.text(distribution)]) { ($0.int(0), $0.int(1)) }
        guard !pairs.isEmpty else {
            // Configured but not exported yet: known, and holding nothing.
            guard try store.knowsDistribution(named: distribution) else { return nil }
            return Scope(binary: "0", source: "0", upload: "0", contents: "0")
        }
        func membership(_ alias: String) -> String {
            pairs.map { "(\(alias).distribution_id = \($0.0) AND f.repository_id = \($0.1))" }
                .joined(separator: " OR ")
        }
        // A distribution lists pool files only: builds and events never belong to one.
        let inRepository = "f.area = 'repositories' AND \(area)"
        return Scope(
            binary: "\(inRepository) AND EXISTS (SELECT 1 FROM dist_binaries db WHERE db.package = b.package "
                + "AND db.path = f.area_path AND (\(membership("db"))))",
            source: "\(inRepository) AND EXISTS (SELECT 1 FROM dist_sources ds WHERE ds.package = s.package "
                + "AND ds.dsc_path = f.area_path AND (\(membership("ds"))))",
            upload: "0",
            // A Contents file belongs to the distribution folder it lies in.
            contents: "\(inRepository) AND EXISTS (SELECT 1 FROM distributions dd WHERE dd.id IN ("
                + pairs.map { String($0.0) }.joined(separator: ", ")
                + ") AND dd.name = l.distribution AND dd.repository_id = f.repository_id)",
            indexOnly: withIndexOnly ? "d.id IN (" + pairs.map { String($0.0) }.joined(separator: ", ") + ")" : "0")
    }

    /// What kind of package a hit is: a binary (.deb, .udeb, .ddeb), a source (.dsc) or an upload (.changes).
    public enum Kind: String, Sendable, CaseIterable {
        case binary, source, upload
    }

    /// One artifact file of a source, for mini-buildd's name search.
    public struct SourceArtifact: Sendable, Hashable {
        /// The source package and version it belongs to (a binary's `Source:`).
        public var source: String
        public var version: String
        public var area: String
        public var areaPath: String
        /// The identity of the repository holding the file; nil outside repositories.
        public var repository: String?
    }

    /// The source names (of sources, of binaries' `Source:`, of uploads) matching `glob`, sorted.
    public func sourceNames(matching glob: String) throws -> [String] {
        // Each arm scans a covering index (names only), never the binaries table with its control text.
        try db.query("""
            SELECT package FROM sources WHERE package GLOB ?1
            UNION SELECT source FROM binaries WHERE source GLOB ?1
            UNION SELECT source FROM uploads WHERE source GLOB ?1
            ORDER BY 1
            """, [.text(glob)]) { $0.string(0) }
    }

    /// Every binary, source and upload in scope that belongs to one of `sources`, handed to `body` one at a time.
    public func forEachArtifact(ofSources sources: [String], scope: Scope, _ body: (SourceArtifact) throws -> Void) throws {
        try db.forEach("""
            SELECT b.source, b.source_version, f.area, f.area_path, r.identity, 1
            FROM binaries b JOIN files f ON f.id = b.file_id LEFT JOIN repositories r ON r.id = f.repository_id
            WHERE b.source IN (SELECT value FROM json_each(?1)) AND \(scope.binary)
            UNION ALL
            SELECT s.package, s.version, f.area, f.area_path, r.identity, 1
            FROM sources s JOIN files f ON f.id = s.file_id LEFT JOIN repositories r ON r.id = f.repository_id
            WHERE s.package IN (SELECT value FROM json_each(?1)) AND \(scope.source)
            UNION ALL
            SELECT u.source, u.version, f.area, f.area_path, NULL, 1
            FROM uploads u JOIN files f ON f.id = u.file_id
            WHERE u.source IN (SELECT value FROM json_each(?1)) AND \(scope.upload)
            """, [.text(IndexStore.jsonArray(sources))]) { row in
            try body(SourceArtifact(source: row.string(0), version: row.string(1), area: row.string(2),
                                    areaPath: row.string(3), repository: row.optionalString(4)))
        }
    }

    /// The binary package files in scope whose package name matches `glob`, under their source, handed to `body`
    /// one at a time.
    public func forEachBinaryArtifact(packagesMatching glob: String, scope: Scope,
                                      _ body: (SourceArtifact) throws -> Void) throws {
        try db.forEach("""
            SELECT b.source, b.source_version, f.area, f.area_path, r.identity
            FROM binaries b JOIN files f ON f.id = b.file_id LEFT JOIN repositories r ON r.id = f.repository_id
            WHERE b.id IN (SELECT id FROM binaries WHERE package GLOB ?1) AND \(scope.binary)
            """, [.text(glob)]) { row in
            try body(SourceArtifact(source: row.string(0), version: row.string(1), area: row.string(2),
                                    areaPath: row.string(3), repository: row.optionalString(4)))
        }
    }

    /// Every (package, version) of `kind` in scope among `packages` (nil: of every package), in the index's order,
    /// handed to `body` one at a time (`--latest` over a whole release asks for 80,000 packages: none is kept here;
    /// asked for every package, SQLite builds no temporary index of the names either).
    public func forEachVersion(of packages: [String]?, kind: Kind, scope: Scope,
                               _ body: (_ package: String, _ version: String) throws -> Void) throws {
        let among = { (column: String) in packages == nil ? "1" : "\(column) IN (SELECT value FROM json_each(?1))" }
        var sql: String
        switch kind {
        case .binary:
            sql = "SELECT b.package, b.version FROM binaries b JOIN files f ON f.id = b.file_id "
                + "WHERE \(among("b.package")) AND \(scope.binary)"
        case .source:
            sql = "SELECT s.package, s.version FROM sources s JOIN files f ON f.id = s.file_id "
                + "WHERE \(among("s.package")) AND \(scope.source)"
        case .upload:
            sql = "SELECT u.source, u.version FROM uploads u JOIN files f ON f.id = u.file_id "
                + "WHERE \(among("u.source")) AND \(scope.upload)"
        }
        sql += indexOnlyVersions(among: among, kind: kind, scope: scope)
        try db.forEach(sql, packages.map { [.text(IndexStore.jsonArray($0))] } ?? []) { try body($0.string(0), $0.string(1)) }
    }
}
