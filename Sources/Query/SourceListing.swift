import MiniBuildd
import DebianFormats
import Index

/// Where a source package is in the indexed repositories: one row per (repository distribution, version).
struct SourceListing {
    struct Row {
        var repository: String
        var repositoryRoot: String
        var distribution: String
        /// The distribution without `-rollbackN` (the name itself when it is not a mini-buildd name).
        var base: String
        var codename: String
        var suite: String
        var rollback: Int?
        var version: String
        var component: String
        /// Pool path of the .dsc relative to the repository root.
        var dscPath: String
    }

    /// Filters of `ls`/`show` (mini-buildd's `-R -C -V -M`).
    struct Filter {
        var repositories: [String] = []
        var codenames: [String] = []
        var version: String?
        var minimumVersion: String?
    }

    /// The rows for `source`, filtered, in mini-buildd's order: repository, codename, suite (layout order),
    /// rollback number.
    static func rows(of source: String, filter: Filter, layout: Layout, in store: IndexStore) throws -> [Row] {
        let exact = try filter.version.map { try DebianVersion($0) }
        let minimum = try filter.minimumVersion.map { try DebianVersion($0) }
        var rows: [Row] = try store.listedSources(of: source).map { listed in
            let name = listed.distribution
            let parsed = try? Distribution(name)
            return Row(
                repository: listed.repository, repositoryRoot: listed.root, distribution: name,
                base: parsed.map { Distribution(codename: $0.codename, repository: $0.repository, suite: $0.suite, rollback: nil).description } ?? name,
                codename: listed.codename ?? parsed?.codename ?? "", suite: listed.suite ?? parsed?.suite ?? "",
                rollback: listed.rollback, version: listed.version, component: listed.component,
                dscPath: listed.dscPath)
        }
        rows = rows.filter { row in
            if !filter.repositories.isEmpty && !filter.repositories.contains(row.repository) { return false }
            if !filter.codenames.isEmpty && !filter.codenames.contains(row.codename) { return false }
            guard exact != nil || minimum != nil else { return true }
            guard let version = try? DebianVersion(row.version) else { return false }
            if let exact, version != exact { return false }
            if let minimum, version < minimum { return false }
            return true
        }
        let suiteOrder = Dictionary(uniqueKeysWithValues: layout.suites.enumerated().map { ($1.name, $0) })
        return rows.sorted { a, b in
            if a.repository != b.repository { return a.repository < b.repository }
            if a.codename != b.codename { return a.codename < b.codename }
            let suiteA = suiteOrder[a.suite] ?? Int.max
            let suiteB = suiteOrder[b.suite] ?? Int.max
            if suiteA != suiteB { return suiteA < suiteB }
            if a.suite != b.suite { return a.suite < b.suite }
            return (a.rollback ?? -1) < (b.rollback ?? -1)
        }
    }
}
