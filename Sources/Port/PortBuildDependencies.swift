import DebianFormats
import Index
import Installability

/// Whether a planned port's build dependencies can be installed in the target distribution: the `-J` form
/// is `{"status": "satisfiable" | "unsatisfiable" | "not checked", "problems": [{"architecture",
/// "reason"}], "reason"}` (`problems` only when unsatisfiable, `reason` only when not checked).
public enum PortBuildDependencies: Sendable, Hashable, Encodable {
    /// One architecture on which they cannot be installed, and why.
    public struct Problem: Sendable, Hashable, Encodable {
        public var architecture: String
        public var reason: String
    }

    /// Installable on every architecture of the target.
    case satisfiable
    case unsatisfiable([Problem])
    /// The check could not be made (the target has no Packages index the index knows, the .dsc is not
    /// indexed): why.
    case notChecked(String)

    enum CodingKeys: String, CodingKey { case status, problems, reason }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .satisfiable:
            try container.encode("satisfiable", forKey: .status)
        case .unsatisfiable(let problems):
            try container.encode("unsatisfiable", forKey: .status)
            try container.encode(problems, forKey: .problems)
        case .notChecked(let reason):
            try container.encode("not checked", forKey: .status)
            try container.encode(reason, forKey: .reason)
        }
    }

    /// The build dependencies of `rows` against distribution `target` as the index knows it (its
    /// `dists/<target>` folder's Packages indices, every architecture its Release lists) plus `background`.
    static func check(_ rows: [PortPlanner.Row], target: String, store: IndexStore,
                      background: [String]) -> [PortBuildDependencies] {
        guard !rows.isEmpty else { return [] }
        let directory: String
        do {
            let locations = try store.distributionLocations(named: target)
            guard locations.count == 1, let location = locations.first else {
                let why = locations.isEmpty ? "no Packages of '\(target)' in the index"
                    : "'\(target)' is in several repositories"
                return rows.map { _ in .notChecked(why) }
            }
            directory = location.directory
        } catch {
            return rows.map { _ in .notChecked("\(error)") }
        }
        let indices: DistributionIndices
        do {
            indices = try DistributionIndices(directory: directory)
        } catch {
            return rows.map { _ in .notChecked("\(error)") }
        }
        var relations: [String: BuildRelations] = [:]
        for row in rows {
            if let found = try? store.buildRelations(ofDSC: row.dsc) { relations[row.source] = found }
        }
        let sources = rows.compactMap { row in relations[row.source].map { (row.source, row.version, $0) } }
        var problems: [String: [Problem]] = [:]
        var unchecked: String?
        for architecture in indices.architectures {
            do {
                let packages = try indices.packagesFiles(architecture: architecture)
                let found = try InstallabilityChecker(architecture: architecture).unsatisfiableBuildDependencies(
                    of: sources, in: packages, background: background.map(PackagesIndex.file))
                for (source, reason) in found { problems[source, default: []].append(Problem(architecture: architecture, reason: reason)) }
            } catch {
                unchecked = "\(error)"
            }
        }
        if indices.architectures.isEmpty { unchecked = "the Release of '\(target)' lists no architecture" }
        return rows.map { row in
            if let unchecked { return .notChecked(unchecked) }
            guard relations[row.source] != nil else { return .notChecked("\(row.dsc) is not in the index") }
            return problems[row.source].map { .unsatisfiable($0) } ?? .satisfiable
        }
    }
}
