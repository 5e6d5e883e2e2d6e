import MiniBuildd
import Index

/// The `ls` call: where a source package is, per repository and distribution, rollbacks included.
public struct LsService: Sendable {
    public var repositories: [String]
    public var codenames: [String]
    public var version: String?
    public var minimumVersion: String?

    public init(repositories: [String] = [], codenames: [String] = [], version: String? = nil, minimumVersion: String? = nil) {
        self.repositories = repositories
        self.codenames = codenames
        self.version = version
        self.minimumVersion = minimumVersion
    }

    var filter: SourceListing.Filter {
        .init(repositories: repositories, codenames: codenames, version: version, minimumVersion: minimumVersion)
    }

    /// Lists `source` (an exact source package name).
    public func run(_ source: String, store: IndexStore, layout: Layout = .default) throws -> LsResult {
        let rows = try SourceListing.rows(of: source, filter: filter, layout: layout, in: store)
        var result = LsResult(source: source)
        for row in rows {
            var distributions = result.repositories[row.repository] ?? .init()
            var distribution = distributions[row.base] ?? .init()
            let entry = LsResult.Entry(version: row.version, component: row.component)
            if row.rollback != nil {
                distribution.rollbacks[row.distribution] = entry
            } else {
                distribution.current = entry
            }
            distributions[row.base] = distribution
            result.repositories[row.repository] = distributions
        }
        return result
    }

    /// reprepro-style lines (`source | version | distribution | component | architecture`), aligned.
    public static func table(_ result: LsResult) -> String {
        var lines: [[String]] = []
        for (_, distributions) in result.repositories.members {
            for (name, distribution) in distributions.members {
                if let current = distribution.current {
                    lines.append([result.source, current.version, name, current.component, current.architecture])
                }
                for (rollback, entry) in distribution.rollbacks.members {
                    lines.append([result.source, entry.version, rollback, entry.component, entry.architecture])
                }
            }
        }
        return TextTable.render(lines, separator: " | ")
    }
}
