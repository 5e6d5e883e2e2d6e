import ConfigurationFile
import Index

/// The `sources_list` call: APT lines for the indexed repositories, in mini-buildd's format
/// `deb [<options>] <base>/<repo> <dist> <components>` (the brackets stay when there are no options).
public struct SourcesListService: Sendable {
    public var codenames: [String] = []
    public var repositories: [String] = []
    public var suites: [String] = []
    /// `deb` and/or `deb-src`.
    public var types: [String] = ["deb"]
    /// APT options written inside the brackets (`arch=amd64 signed-by=…`).
    public var options: String = ""
    /// Also list the first N rollback distributions of each distribution (below 0: all of them, as mini-buildd).
    public var rollbacks: Int = 0
    /// List the reprepro snapshot NAME (`<dist>/snapshots/<name>`) instead of the distributions.
    public var snapshot: String?
    /// Base URL overriding the configuration (`<mirror>/<repo>`).
    public var mirror: String?
    /// Put mini-buildd's comment above each line: `# <origin> '<dist>': release n=<dist>, o=<origin>` (origin:
    /// the Release file's `Origin`).
    public var withComment = false

    public init() {}

    public struct Line: Sendable, Encodable {
        public var type: String
        public var options: String
        public var uri: String
        public var suite: String
        public var components: [String]
        public var comment: String?

        public var text: String {
            "\(type) [\(options)] \(uri) \(suite) \(components.joined(separator: " "))"
        }
    }

    public func run(store: IndexStore, configuration: Configuration) throws -> [Line] {
        // Every known distribution: a configured one that reprepro has not exported yet is still a line
        // mini-buildd prints (its distributions come from its configuration, not from dists/).
        let rows = try store.knownDistributions().map { known in
            (repository: known.repository, name: known.name, codename: known.codename, suite: known.suite ?? "",
             rollback: known.rollback, components: known.components.isEmpty ? ["main"] : known.components,
             snapshot: known.snapshot, origin: known.origin)
        }
        let suiteOrder = Dictionary(uniqueKeysWithValues: configuration.layout.suites.enumerated().map { ($1.name, $0) })
        let selected = rows.filter { row in
            if !codenames.isEmpty && !codenames.contains(row.codename) { return false }
            if !repositories.isEmpty && !repositories.contains(row.repository) { return false }
            if !suites.isEmpty && !suites.contains(row.suite) { return false }
            if let snapshot { return row.snapshot == snapshot && row.rollback == nil }
            guard row.snapshot == nil else { return false }
            if let rollback = row.rollback { return rollbacks < 0 || rollback < rollbacks }
            return true
        }.sorted { a, b in
            if a.repository != b.repository { return a.repository < b.repository }
            if a.codename != b.codename { return a.codename < b.codename }
            let suiteA = suiteOrder[a.suite] ?? Int.max, suiteB = suiteOrder[b.suite] ?? Int.max
            if suiteA != suiteB { return suiteA < suiteB }
            if a.name != b.name && a.rollback == b.rollback { return a.name < b.name }
            return (a.rollback ?? -1) < (b.rollback ?? -1)
        }
        if let snapshot, selected.isEmpty {
            // mini-buildd: "No such snapshot for {diststr}: '{snapshot}' (available: …)".
            let candidates = rows.filter { $0.snapshot == nil && $0.rollback == nil
                && (codenames.isEmpty || codenames.contains($0.codename))
                && (repositories.isEmpty || repositories.contains($0.repository))
                && (suites.isEmpty || suites.contains($0.suite)) }.map(\.name).sorted()
            let first = candidates.first ?? "any distribution"
            let available = rows.filter { $0.name == first }.compactMap(\.snapshot).sorted()
            throw SourcesListError.noSuchSnapshot(snapshot, distribution: first, available: available)
        }
        var lines: [Line] = []
        for row in selected {
            let base = mirror.map { ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + "/" + row.repository }
                ?? configuration.baseURL(ofRepository: row.repository)
            let suite = row.snapshot.map { "\(row.name)/snapshots/\($0)" } ?? row.name
            for type in types {
                lines.append(Line(type: type, options: options, uri: base, suite: suite, components: row.components,
                                  comment: withComment ? Self.comment(distribution: row.name, origin: row.origin) : nil))
            }
        }
        return lines
    }

    public static func text(_ lines: [Line]) -> String {
        lines.map { line in (line.comment.map { "# \($0)\n" } ?? "") + line.text + "\n" }.joined()
    }

    /// mini-buildd's `AptLine` comment: `<origin> '<dist>': release n=<dist>, o=<origin>`.
    static func comment(distribution: String, origin: String?) -> String {
        let origin = origin ?? "Mini-Buildd archive"
        return "\(origin) '\(distribution)': release n=\(distribution), o=\(origin)"
    }
}
