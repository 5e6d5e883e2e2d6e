import MiniBuildd
import DebianFormats
import Index

/// mini-buildd's `migrate` and `remove`, step for step (`models.Repository._mbd_package_migrate`,
/// `mbd_package_remove`, `_mbd_package_shift_rollbacks`, mini-buildd 2.x), over a ``RepositoryBackend``: the
/// same code plans a call (``SimulatedRepository``) and executes it (``RepreproRepository``).
public struct RepositoryChanges: Sendable {
    public var layout: Layout
    /// How many rollback distributions (`<dist>-rollback0…N-1`) each distribution has (mini-buildd's
    /// `suite.rollback`), from the repository's configuration.
    public var rollbackCounts: [String: Int]

    public init(layout: Layout, rollbackCounts: [String: Int]) {
        self.layout = layout
        self.rollbackCounts = rollbackCounts
    }

    /// Counts each distribution's rollbacks among `names` (`bookworm-test-unstable-rollback1` counts for
    /// `bookworm-test-unstable`); gaps end the count, as the rollbacks are numbered from 0.
    public static func rollbackCounts(_ names: some Sequence<String>) -> [String: Int] {
        let all = Set(names)
        var counts: [String: Int] = [:]
        for name in all {
            guard let parsed = try? Distribution(name), parsed.rollback == nil else { continue }
            var count = 0
            while all.contains("\(name)-rollback\(count)") { count += 1 }
            counts[name] = count
        }
        return counts
    }

    /// `migrate SOURCE DIST [--full] [--version V]`: to the suite's `migrates_to` (`--full`: all the way up), or,
    /// from a `-rollbackN` distribution, the restore of that rollback into its distribution.
    public func migrate<Backend: RepositoryBackend>(_ source: String, from distribution: String, full: Bool,
                                                    version: String?, on backend: inout Backend) throws(RepositoryStateError) {
        let parsed = try Self.parse(distribution)
        var suite = parsed.suite
        if full {
            while let next = layout.suite(suite)?.migratesTo {
                try migrateOnce(source, parsed: parsed, suite: suite, version: version, on: &backend)
                suite = next
            }
        } else {
            try migrateOnce(source, parsed: parsed, suite: suite, version: version, on: &backend)
        }
    }

    func migrateOnce<Backend: RepositoryBackend>(_ source: String, parsed: Distribution, suite: String, version: String?,
                                                on backend: inout Backend) throws(RepositoryStateError) {
        let from = Distribution(codename: parsed.codename, repository: parsed.repository, suite: suite).description
        let listing = try backend.ls(source)
        if let rollback = parsed.rollback {
            let into = from
            if listing.entry(in: into) != nil {
                throw listing.found("Package '\(source)' exists in '\(into)': Remove first to restore rollback",
                                    distribution: into, version: nil)
            }
            let rollbackName = "\(into)-rollback\(rollback)"
            guard listing.entry(in: rollbackName, version: version) != nil else {
                throw listing.notFound("No such rollback source", distribution: rollbackName, version: version)
            }
            try backend.perform(Self.copy(to: into, from: rollbackName, source, version, purpose: "restore"))
            return
        }
        guard let next = layout.suite(suite)?.migratesTo else {
            throw .refused("You can't migrate from '\(from)'")
        }
        let to = Distribution(codename: parsed.codename, repository: parsed.repository, suite: next).description
        guard let entry = listing.entry(in: from, version: version) else {
            throw listing.notFound("No such source", distribution: from, version: version)
        }
        if listing.entry(in: to, version: entry.version) != nil {
            throw .refused("Version '\(entry.version)' already migrated to '\(to)'")
        }
        if listing.entry(in: to) != nil {
            try shiftRollbacks(source, in: to, on: &backend)
        }
        try backend.perform(Self.copy(to: to, from: from, source, entry.version, purpose: "migrate"))
    }

    /// `remove SOURCE DIST [--without-rollback] [--version V]`: the removed version goes to rollback0 first
    /// (unless `withoutRollback`); from a `-rollbackN`, the later rollbacks close the gap.
    public func remove<Backend: RepositoryBackend>(_ source: String, from distribution: String, withoutRollback: Bool,
                                                   version: String?, on backend: inout Backend) throws(RepositoryStateError) {
        let parsed = try Self.parse(distribution)
        let listing = try backend.ls(source)
        guard let rollback = parsed.rollback else {
            guard listing.entry(in: distribution, version: version) != nil else {
                throw listing.notFound("No such source", distribution: distribution, version: version)
            }
            if !withoutRollback { try shiftRollbacks(source, in: distribution, on: &backend) }
            try backend.perform(RepositoryStep(arguments: ["removesrc", distribution, source] + (version.map { [$0] } ?? []),
                                               ignoreFailure: false, purpose: "remove"))
            return
        }
        guard listing.entry(in: distribution, version: version) != nil else {
            throw listing.notFound("No such source", distribution: distribution, version: version)
        }
        try backend.perform(RepositoryStep(arguments: ["removesrc", distribution, source] + (version.map { [$0] } ?? []),
                                           ignoreFailure: false, purpose: "remove"))
        let base = parsed.base.description
        let count = rollbackCounts[base] ?? 0
        var r = rollback
        while r < count - 1 {
            let later = "\(base)-rollback\(r + 1)", earlier = "\(base)-rollback\(r)"
            try backend.perform(Self.copy(to: earlier, from: later, source, nil, purpose: "close the rollback gap", ignoreFailure: true))
            try backend.perform(RepositoryStep(arguments: ["removesrc", later, source], ignoreFailure: true,
                                               purpose: "close the rollback gap"))
            r += 1
        }
    }

    /// Moves the version in `distribution` into its rollback0 (rollback N-2 to N-1 first, …), unless that
    /// version already is in one of its rollbacks ("Already in rollbacks, skipping rollback").
    func shiftRollbacks<Backend: RepositoryBackend>(_ source: String, in distribution: String,
                                                   on backend: inout Backend) throws(RepositoryStateError) {
        let listing = try backend.ls(source)
        let current = listing.entries[distribution]?.version
        if listing.rollbacks(of: distribution).values.contains(where: { $0.version == current }) { return }
        let count = rollbackCounts[distribution] ?? 0
        for r in stride(from: count - 1, through: 0, by: -1) {
            let from = r == 0 ? distribution : "\(distribution)-rollback\(r - 1)"
            try backend.perform(Self.copy(to: "\(distribution)-rollback\(r)", from: from, source, nil,
                                          purpose: "rollback shift", ignoreFailure: true))
        }
    }

    static func copy(to: String, from: String, _ source: String, _ version: String?, purpose: String,
                     ignoreFailure: Bool = false) -> RepositoryStep {
        RepositoryStep(arguments: ["copysrc", to, from, source] + (version.map { [$0] } ?? []),
                       ignoreFailure: ignoreFailure, purpose: purpose)
    }

    static func parse(_ name: String) throws(RepositoryStateError) -> Distribution {
        do { return try Distribution(name) } catch { throw .invalidDistribution(error) }
    }
}
