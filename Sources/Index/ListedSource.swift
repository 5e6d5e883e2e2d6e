import SQLite

/// One source version a repository distribution lists (a `Sources` index entry), with where it is.
///
/// Read from `dist_sources` joined to its distribution and repository; snapshots are never part of it.
public struct ListedSource: Sendable, Hashable {
    /// The repository's identity (mini-buildd repo id, else the folder's name) and its root.
    public var repository: String
    public var root: String
    /// The folder name under `dists/`.
    public var distribution: String
    /// The Release's `Codename`, `Suite` (mini-buildd), and rollback number; nil when the Release has none.
    public var codename: String?
    public var suite: String?
    public var rollback: Int?
    public var package: String
    public var version: String
    public var component: String
    /// The .dsc's pool path relative to ``root``.
    public var dscPath: String

    /// The absolute path of the .dsc.
    public var dscFile: String { root + "/" + dscPath }

    /// The columns ``init(row:)`` decodes, in its order.
    static let columns = """
        r.identity, r.root, d.name, d.codename, d.suite, d.rollback, s.package, s.version, s.component, s.dsc_path
        """
    /// The tables ``columns`` names.
    static let tables = """
        dist_sources s JOIN distributions d ON d.id = s.distribution_id JOIN repositories r ON r.id = d.repository_id
        """

    init(row: Row) {
        repository = row.string(0)
        root = row.string(1)
        distribution = row.string(2)
        codename = row.optionalString(3)
        suite = row.optionalString(4)
        rollback = row.optionalInt(5).map { Int($0) }
        package = row.string(6)
        version = row.string(7)
        component = row.string(8)
        dscPath = row.string(9)
    }
}

extension IndexStore {
    /// Every distribution (not a snapshot) listing `package`, rollbacks included, in the index's order.
    public func listedSources(of package: String) throws -> [ListedSource] {
        try db.query("""
            SELECT \(ListedSource.columns) FROM \(ListedSource.tables)
            WHERE s.package = ?1 AND d.snapshot IS NULL
            """, [.text(package)], ListedSource.init(row:))
    }

    /// The versions of `package` distribution `name` (not a snapshot) lists: usually one, several when the
    /// name is in more than one repository or a Sources index lists several.
    public func listedSources(of package: String, in name: String) throws -> [ListedSource] {
        try db.query("""
            SELECT \(ListedSource.columns) FROM \(ListedSource.tables)
            WHERE s.package = ?1 AND d.name = ?2 AND d.snapshot IS NULL
            """, [.text(package), .text(name)], ListedSource.init(row:))
    }

    /// Every source distribution `name` (not a snapshot) lists, ordered by package name.
    public func listedSources(in name: String) throws -> [ListedSource] {
        try db.query("""
            SELECT \(ListedSource.columns) FROM \(ListedSource.tables)
            WHERE d.name = ?1 AND d.snapshot IS NULL ORDER BY s.package
            """, [.text(name)], ListedSource.init(row:))
    }

    /// The names of the current (neither rollback nor snapshot) distributions whose Release says
    /// `Repository: repository` (mini-buildd's repo id) that list `version` of `package`, sorted.
    public func distributions(listing package: String, version: String, repository: String) throws -> [String] {
        try db.query("""
            SELECT DISTINCT d.name FROM dist_sources s JOIN distributions d ON d.id = s.distribution_id
            WHERE s.package = ?1 AND s.version = ?2 AND d.repo = ?3 AND d.rollback IS NULL AND d.snapshot IS NULL
            ORDER BY d.name
            """, [.text(package), .text(version), .text(repository)]) { $0.string(0) }
    }
}
