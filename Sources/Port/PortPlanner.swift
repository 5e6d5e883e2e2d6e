import DebianFormats
import Index
import MiniBuildd

/// What `port_plan` computes: every source of one distribution that another lacks or holds at a lower
/// version (Debian ordering), the version a port would get, and every reason the target would reject it.
///
/// Not `Sendable` (it holds an ``IndexStore``).
public struct PortPlanner {
    /// One source to port. JSON keys in declaration order.
    public struct Row: Sendable, Hashable, Encodable {
        public var source: String
        /// The version in the source distribution.
        public var version: String
        /// The target's current (highest) version, nil when the target lacks the source.
        public var targetVersion: String?
        /// The version a port would get.
        public var portVersion: String
        /// The .dsc in the source distribution (absolute).
        public var dsc: String
        /// Why the target would reject the port (empty when it would accept it).
        public var rejections: [String]
        /// Whether the source's build dependencies can be installed in the target.
        public var buildDependencies: PortBuildDependencies = .notChecked("not asked")

        enum CodingKeys: String, CodingKey {
            case source, version, targetVersion = "target_version", portVersion = "port_version", dsc, rejections
            case buildDependencies = "build_deps"
        }

        /// `target_version` is `null` when the target lacks the source (the key is always there).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(source, forKey: .source)
            try container.encode(version, forKey: .version)
            try container.encode(targetVersion, forKey: .targetVersion)
            try container.encode(portVersion, forKey: .portVersion)
            try container.encode(dsc, forKey: .dsc)
            try container.encode(rejections, forKey: .rejections)
            try container.encode(buildDependencies, forKey: .buildDependencies)
        }
    }

    public var layout: Layout
    public var store: IndexStore
    /// Codename → codeversion overrides (configuration).
    public var codeversions: [String: String]
    /// Packages files that also satisfy build dependencies (the target's Debian base).
    public var background: [String]

    public init(layout: Layout = .default, store: IndexStore, codeversions: [String: String] = [:], background: [String] = []) {
        self.layout = layout
        self.store = store
        self.codeversions = codeversions
        self.background = background
    }

    /// The plan from distribution `from` to distribution `to`, ordered by source name; each row says whether
    /// the source's build dependencies can be installed in `to` (``PortBuildDependencies``).
    /// - Throws: ``PortError`` for a malformed or unknown distribution, a rollback target, or the same
    ///   distribution twice.
    public func plan(from: String, to: String) throws -> [Row] {
        let fromDistribution: Distribution, toDistribution: Distribution
        do {
            fromDistribution = try Distribution(from)
            toDistribution = try Distribution(to)
        } catch { throw PortError(underlying: error) }
        guard from != to else { throw PortError("nothing to plan: '\(from)' is both source and target") }
        guard toDistribution.rollback == nil else { throw PortError("cannot upload to rollback distribution '\(to)'") }
        let index = PortIndex(store: store)
        guard try index.knows(distribution: from) else { throw PortError("no distribution '\(from)' in the index") }
        let service = PortService(layout: layout, store: store)
        let fromVersion = service.portVersion(fromDistribution, codeversions: codeversions)
        let toVersion = service.portVersion(toDistribution, codeversions: codeversions)
        var rows: [Row] = []
        for candidate in try index.sources(in: from) {
            let version = try DebianVersion(candidate.version)
            let current = try index.versions(of: candidate.source, in: to)
                .compactMap { text in (try? DebianVersion(text)).map { (text, $0) } }
                .max { $0.1 < $1.1 }
            if let current, !(current.1 < version) { continue }
            let portVersion = PortVersion.internalPort(candidate.version, from: fromVersion, to: toVersion)
            let rejections = try service.targetWarnings(source: candidate.source, version: portVersion, target: to,
                                                        distribution: toDistribution, to: toVersion)
            rows.append(Row(source: candidate.source, version: candidate.version, targetVersion: current?.0,
                            portVersion: portVersion, dsc: candidate.dsc, rejections: rejections))
        }
        for (index, verdict) in PortBuildDependencies.check(rows, target: to, store: store, background: background).enumerated() {
            rows[index].buildDependencies = verdict
        }
        return rows
    }
}
