import DebianFormats
import SQLite

extension IndexStore {
    /// The build relations of the indexed .dsc at `path` (absolute, as ``ListedSource/dscFile`` gives it):
    /// its `Build-Depends`, `Build-Depends-Arch`, `Build-Depends-Indep` and the three `Build-Conflicts`
    /// fields, as written, from the control fields the index keeps (`sources.fields`); nil when no indexed
    /// .dsc has that path.
    ///
    /// - Throws: ``IndexError`` when the index cannot be read.
    public func buildRelations(ofDSC path: String) throws -> BuildRelations? {
        let rows = try db.query("""
            SELECT json_extract(s.fields, '$."build-depends"'), json_extract(s.fields, '$."build-depends-arch"'),
                   json_extract(s.fields, '$."build-depends-indep"'), json_extract(s.fields, '$."build-conflicts"'),
                   json_extract(s.fields, '$."build-conflicts-arch"'), json_extract(s.fields, '$."build-conflicts-indep"')
            FROM sources s JOIN files f ON f.id = s.file_id WHERE f.path = ?1
            """, [.text(path)]) { row in
            BuildRelations(depends: (0..<3).compactMap { row.optionalString(Int32($0)) },
                           conflicts: (3..<6).compactMap { row.optionalString(Int32($0)) })
        }
        return rows.first
    }
}
