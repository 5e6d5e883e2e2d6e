import MiniBuildd
import DebianFormats
import Index

/// The `show` call: `ls` plus upload state, suite flags, and what only the index knows.
public struct ShowService: Sendable {
    public var filter: LsService

    public init(filter: LsService = LsService()) { self.filter = filter }

    public func run(_ source: String, store: IndexStore, layout: Layout = .default) throws -> ShowResult {
        let rows = try SourceListing.rows(of: source, filter: filter.filter, layout: layout, in: store)
        var result = ShowResult(source: source)
        // Versions per distribution name, for is_migrated.
        var present: [String: String] = [:]
        for row in rows where row.rollback == nil { present[row.distribution] = row.version }

        for row in rows {
            var distributions = result.repositories[row.repository] ?? .init()
            let suite = layout.suite(row.suite)
            let migratesTo = suite?.migratesTo.map { target -> String in
                (try? Distribution(row.base)).map {
                    Distribution(codename: $0.codename, repository: $0.repository, suite: target, rollback: nil).description
                } ?? target
            }
            var distribution = distributions[row.base] ?? ShowResult.Distribution(
                listing: .init(), dscPath: nil, changesPath: nil, uploadable: suite?.uploadable ?? false,
                migratesTo: migratesTo, isMigrated: false, extras: .init())
            let entry = LsResult.Entry(version: row.version, component: row.component)
            let dscFile = row.repositoryRoot + "/" + row.dscPath
            if row.rollback != nil {
                distribution.listing.rollbacks[row.distribution] = entry
                distribution.extras.rollbacks[row.distribution] = row.repository + "/" + row.dscPath
            } else {
                distribution.listing.current = entry
                distribution.dscPath = row.repository + "/" + row.dscPath
                distribution.changesPath = try changesPath(source: source, version: row.version, distribution: row.distribution, store: store)
                if let target = migratesTo, let migrated = present[target] {
                    distribution.isMigrated = Self.sameVersion(migrated, row.version)
                }
                distribution.extras.dscFile = dscFile
                distribution.extras.binaries = try binaries(source: source, version: row.version, distribution: row.distribution,
                                                            root: row.repositoryRoot, store: store)
                try addSourceDetails(dscFile: dscFile, to: &distribution.extras, store: store)
                try addBinaryChangelogs(to: &distribution.extras, store: store)
            }
            distributions[row.base] = distribution
            result.repositories[row.repository] = distributions
        }
        result.elsewhere = try elsewhere(source: source, store: store)
        result.elsewhere.findings = try store.findings(ofSource: source)
        result.elsewhere.poolMismatches = try store.poolMismatches(ofSource: source)
        return result
    }

    static func sameVersion(_ a: String, _ b: String) -> Bool {
        guard let left = try? DebianVersion(a), let right = try? DebianVersion(b) else { return a == b }
        return left == right
    }

    private func changesPath(source: String, version: String, distribution: String, store: IndexStore) throws -> String? {
        let matching = try store.uploads(ofSource: source).filter { Self.sameVersion($0.version, version) }
        return (matching.first { $0.distribution == distribution } ?? matching.first)?.areaPath
    }

    /// The binaries a distribution holds that were built from this source version (their `Source:` field).
    private func binaries(source: String, version: String, distribution: String, root: String, store: IndexStore) throws -> [ShowResult.Binary] {
        try store.listedBinaries(builtFrom: source, in: distribution, repositoryRoot: root)
            .filter { Self.sameVersion($0.sourceVersion, version) }
            .map { ShowResult.Binary(package: $0.package, version: $0.version, architecture: $0.architecture, component: $0.component) }
            .reduce(into: [ShowResult.Binary]()) { unique, binary in
                // An arch:all package is listed once per architecture's Packages index: keep it once.
                if !unique.contains(where: { $0.package == binary.package && $0.version == binary.version
                                              && $0.architecture == binary.architecture }) { unique.append(binary) }
            }
    }

    private func addSourceDetails(dscFile: String, to extras: inout ShowResult.Extras, store: IndexStore) throws {
        guard let details = try store.sourceDetails(dscFile: dscFile) else { return }
        extras.files = details.files.map { ShowResult.ListedFile(name: $0.name, size: $0.size, sha256: $0.sha256) }
        extras.changelog = details.latestChangelogEntry.map {
            ShowResult.ChangelogBlock(version: $0.version, distributions: $0.distributions, urgency: $0.urgency,
                                      maintainer: $0.maintainer, date: $0.date, changes: $0.changes)
        }
    }

    /// Each listed binary's own changelog top, when its .deb is indexed and that entry is not the source's top
    /// entry: what a binary-only upload changed (a text that is no changelog is left out).
    private func addBinaryChangelogs(to extras: inout ShowResult.Extras, store: IndexStore) throws {
        for index in extras.binaries.indices {
            let binary = extras.binaries[index]
            guard let text = try store.binaryChangelog(package: binary.package, version: binary.version, architecture: binary.architecture),
                  let top = (try? Changelog.parse(text, file: binary.package))?.entries.first,
                  top.version != extras.changelog?.version else { continue }
            extras.binaries[index].changelog = ShowResult.ChangelogBlock(
                version: top.version, distributions: top.distributions.joined(separator: " "), urgency: top.urgency,
                maintainer: top.maintainer, date: top.date, changes: top.changes)
        }
    }

    private func elsewhere(source: String, store: IndexStore) throws -> ShowResult.Elsewhere {
        var result = ShowResult.Elsewhere()
        for artifact in try store.artifactsOutsideRepositories(ofSource: source) {
            let shown = ShowResult.Artifact(path: artifact.areaPath, file: artifact.path, kind: artifact.kind,
                                            package: artifact.package, version: artifact.version)
            if artifact.area == .events { result.events.append(shown) } else { result.builds.append(shown) }
        }
        return result
    }
}
