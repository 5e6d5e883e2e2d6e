import SQLite

extension IndexSearch {
    /// A package version a distribution lists whose file is not indexed (a metadata-only tree: apt's lists, a
    /// partial mirror), known from its `Packages` or `Sources` stanza only.
    public struct IndexOnlyPackage: Sendable, Hashable {
        /// `binary` or `source`.
        public var kind: String
        public var package: String
        public var version: String
        /// The binary's architecture, or `source`.
        public var architecture: String
        /// The source package and version it belongs to (a binary's `Source:`).
        public var source: String
        public var sourceVersion: String
        public var distribution: String
        public var component: String
        /// Where the file would be (`Filename`, or the .dsc under `Directory`), relative to the repository root.
        public var path: String
    }

    /// The stanzas of a distribution whose package, version (and architecture) no indexed file has: the file
    /// wins, so a package is never listed both ways. Over `dist_binaries db` / `dist_sources ds` and
    /// `distributions d`.
    static let binaryIsIndexOnly = """
        NOT EXISTS (SELECT 1 FROM binaries b WHERE b.package = db.package AND b.version = db.version
            AND b.architecture = db.architecture)
        """
    static let sourceIsIndexOnly = "NOT EXISTS (SELECT 1 FROM sources s WHERE s.package = ds.package AND s.version = ds.version)"

    /// The index-only packages in scope whose name (or, for binaries, whose source's name) matches `glob`,
    /// one per distribution and component listing them.
    ///
    /// - Parameter literal: a text every name `glob` matches contains (its longest literal run): with three
    ///   characters or more, the names' trigram indexes (schema 10) narrow the stanzas before `glob` is tested;
    ///   "" tests every stanza's names.
    /// - Parameter body: given each package as it is read (a whole release is 97,775 of them: none is kept here).
    public func forEachIndexOnlyPackage(matching glob: String, literal: String = "", scope: Scope,
                                        _ body: (IndexOnlyPackage) throws -> Void) throws {
        guard scope.indexOnly != "0" else { return }
        let trigrams = Self.trigramQuery(literal)
        let binaries = trigrams == nil
            ? "SELECT id FROM dist_binaries WHERE package GLOB ?1 UNION SELECT id FROM dist_binaries WHERE source GLOB ?1"
            : "SELECT rowid FROM dist_binary_names_fts WHERE dist_binary_names_fts MATCH ?2"
        let sources = trigrams == nil
            ? "SELECT id FROM dist_sources WHERE package GLOB ?1"
            : "SELECT rowid FROM dist_source_names_fts WHERE dist_source_names_fts MATCH ?2"
        try db.forEach("""
            SELECT 'binary', db.package, db.version, db.architecture, db.source, db.source_version, d.name,
                db.component, db.path
            FROM dist_binaries db JOIN distributions d ON d.id = db.distribution_id
            WHERE db.id IN (\(binaries)) AND (db.package GLOB ?1 OR db.source GLOB ?1)
                AND (\(scope.indexOnly)) AND \(Self.binaryIsIndexOnly)
            UNION ALL
            SELECT 'source', ds.package, ds.version, 'source', ds.package, ds.version, d.name, ds.component, ds.dsc_path
            FROM dist_sources ds JOIN distributions d ON d.id = ds.distribution_id
            WHERE ds.id IN (\(sources)) AND ds.package GLOB ?1 AND (\(scope.indexOnly)) AND \(Self.sourceIsIndexOnly)
            """, [.text(glob)] + (trigrams.map { [.text($0)] } ?? [])) { row in
            try body(IndexOnlyPackage(kind: row.string(0), package: row.string(1), version: row.string(2),
                                      architecture: row.string(3), source: row.string(4), sourceVersion: row.string(5),
                                      distribution: row.string(6), component: row.string(7), path: row.string(8)))
        }
    }

    /// The versions of `packages` index-only in scope, for `--latest` (binaries and sources are compared
    /// with the files' versions of the same kind).
    /// `among` gives the condition that a package column is one of those asked for.
    func indexOnlyVersions(among: (String) -> String, kind: Kind, scope: Scope) -> String {
        guard scope.indexOnly != "0" else { return "" }
        switch kind {
        case .binary:
            return " UNION ALL SELECT db.package, db.version FROM dist_binaries db JOIN distributions d ON d.id = db.distribution_id "
                + "WHERE \(among("db.package")) AND (\(scope.indexOnly))"
        case .source:
            return " UNION ALL SELECT ds.package, ds.version FROM dist_sources ds JOIN distributions d ON d.id = ds.distribution_id "
                + "WHERE \(among("ds.package")) AND (\(scope.indexOnly))"
        case .upload:
            return ""
        }
    }
}
