import MiniBuildd
import Artifacts
import DebianFormats
import Index
import SystemCalls

/// The repository-state calls on a reprepro tree the index knows: `migrate`, `remove`, `snapshot_ls`,
/// `snapshot_create`, `snapshot_delete`. reprepro is the source of truth while a call runs (as in mini-buildd);
/// afterwards the repository is indexed again, so only what changed is read.
///
/// Not `Sendable` (it holds the index connection).
public final class RepositoryStateService {
    public enum Change: Sendable {
        case migrate(full: Bool)
        case remove(withoutRollback: Bool)

        var call: String {
            switch self {
            case .migrate: "migrate"
            case .remove: "remove"
            }
        }
    }

    let store: IndexStore
    let layout: Layout
    /// Options of the index run after a change.
    public var indexOptions = Indexer.Options(jobs: 2)
    /// Skip the installability check of `migrate` (`--ignore-deps`).
    public var ignoreDependencies = false

    public init(store: IndexStore, layout: Layout) {
        self.store = store
        self.layout = layout
    }

    /// The repository holding `distribution` (exported or only configured): its root, identity and every
    /// distribution name it has. A call that changes it (`changing`) needs reprepro's database there.
    func repository(of distribution: String, changing: Bool = true) throws -> (root: String, identity: String, names: [String]) {
        guard !distribution.isEmpty else { throw RepositoryStateError.refused("Empty reprepro snapshots distribution name") }
        let known = try store.knownDistributions()
        guard let hit = known.first(where: { $0.name == distribution && $0.snapshot == nil }) else {
            throw RepositoryStateError.unknownDistribution(distribution)
        }
        // Without its database reprepro lists nothing and would refuse every call as "No such source".
        guard !changing || FileStatus.isDirectory("\(hit.root)/db") else { throw RepositoryStateError.noDatabase(root: hit.root) }
        let names = known.filter { $0.root == hit.root && $0.snapshot == nil }.map(\.name)
        return (hit.root, hit.repository, names)
    }

    /// What `change` of `source` in `distribution` would do; nothing is changed.
    public func plan(_ change: Change, source: String, distribution: String, version: String?) throws -> RepositoryPlan {
        let repository = try repository(of: distribution)
        let changes = RepositoryChanges(layout: layout, rollbackCounts: RepositoryChanges.rollbackCounts(repository.names))
        var simulated = SimulatedRepository(reprepro: Reprepro(basedir: repository.root))
        let before = try simulated.ls(source)
        try apply(change, changes, source: source, distribution: distribution, version: version, on: &simulated)
        let after = simulated.finalListings[source] ?? before
        var plan = RepositoryPlan(call: change.call, source: source, repository: repository.root, steps: simulated.steps,
                                  before: before.entries.mapValues(\.version), after: after.entries.mapValues(\.version))
        if case .migrate = change, !ignoreDependencies {
            plan.installability = try checkInstallability(plan, root: repository.root)
        }
        return plan
    }

    /// Britney's rule for every copy the plan makes into a distribution; the binaries come from the copy's origin.
    func checkInstallability(_ plan: RepositoryPlan, root: String) throws -> [MigrationInstallability] {
        var checks: [MigrationInstallability] = []
        for step in plan.steps where step.arguments.first == "copysrc" && (step.purpose == "migrate" || step.purpose == "restore") {
            let into = step.arguments[1], from = step.arguments[2]
            // Along a --full chain the same version travels: its binaries are read where the chain starts.
            let origin = plan.steps.first { $0.purpose == "migrate" && $0.arguments[1] == from }?.arguments[2] ?? from
            checks += try MigrationInstallability.check(source: plan.source, from: "\(root)/dists/\(origin)",
                                               into: "\(root)/dists/\(into)", intoName: into)
        }
        return checks
    }

    /// Runs `change`: optionally snapshots every distribution the plan changes first (`snapshotBefore`: the
    /// call can be undone with `reprepro restoresrc`), executes mini-buildd's steps with reprepro, then
    /// indexes the repository again.
    /// - Returns: the plan as executed, `after` read back from reprepro.
    public func execute(_ change: Change, source: String, distribution: String, version: String?,
                        snapshotBefore: Bool, now: Int) throws -> RepositoryPlan {
        var plan = try self.plan(change, source: source, distribution: distribution, version: version)
        if let failed = plan.installability?.filter({ !$0.isAcceptable }), !failed.isEmpty {
            throw RepositoryStateError.refused(MigrationInstallability.refusal(failed))
        }
        let repository = try repository(of: distribution)
        let reprepro = Reprepro(basedir: repository.root)
        var undo: String?
        var snapshotSteps: [RepositoryStep] = []
        if snapshotBefore, !plan.changed.isEmpty {
            let name = "DEBWORK_" + Self.stamp(now)
            for changed in plan.changed {
                let step = RepositoryStep(arguments: ["gensnapshot", changed, name], ignoreFailure: false, purpose: "snapshot before")
                _ = try reprepro.run(step.arguments, done: snapshotSteps.map { ["reprepro"] + $0.arguments })
                snapshotSteps.append(step)
            }
            plan.snapshot = name
            undo = "for each of " + plan.changed.joined(separator: ", ") + ": reprepro --basedir \(repository.root) "
                + "removesrc <dist> \(source); reprepro --basedir \(repository.root) restoresrc <dist> \(name) \(source)"
        }
        let changes = RepositoryChanges(layout: layout, rollbackCounts: RepositoryChanges.rollbackCounts(repository.names))
        var real = RepreproRepository(reprepro: reprepro, undo: undo)
        do {
            try apply(change, changes, source: source, distribution: distribution, version: version, on: &real)
        } catch {
            _ = try? reindex(repository.root)
            throw error
        }
        plan.steps = snapshotSteps + real.steps
        plan.after = try reprepro.ls(source).entries.mapValues(\.version)
        try reindex(repository.root)
        return plan
    }

    func apply<Backend: RepositoryBackend>(_ change: Change, _ changes: RepositoryChanges, source: String,
                                           distribution: String, version: String?, on backend: inout Backend) throws(RepositoryStateError) {
        switch change {
        case .migrate(let full):
            try changes.migrate(source, from: distribution, full: full, version: version, on: &backend)
        case .remove(let withoutRollback):
            try changes.remove(source, from: distribution, withoutRollback: withoutRollback, version: version, on: &backend)
        }
    }

    // MARK: Snapshots

    /// `snapshot_ls DIST`: the reprepro snapshots of a distribution the index knows, by name.
    public func snapshots(of distribution: String) throws -> [String] {
        _ = try repository(of: distribution, changing: false)
        return try store.knownDistributions().filter { $0.name == distribution }.compactMap(\.snapshot).sorted()
    }

    /// `snapshot_create DIST NAME`: `reprepro gensnapshot`, then the index is brought up to date.
    public func createSnapshot(of distribution: String, named name: String) throws {
        let repository = try repository(of: distribution)
        let folder = try snapshotFolder(repository.root, distribution, name)
        if FileSystem.status(folder) != nil || FileSystem.isSymlink(folder) {
            throw RepositoryStateError.refused("Reprepro snapshot '\(name)' for '\(distribution)' already exists")
        }
        _ = try Reprepro(basedir: repository.root).run(["gensnapshot", distribution, name])
        try reindex(repository.root)
    }

    /// `snapshot_delete DIST NAME`: `unreferencesnapshot`, `--delete clearvanished`, `deleteunreferenced`, then the
    /// snapshot's folder is removed (as mini-buildd does) and the index brought up to date.
    public func deleteSnapshot(of distribution: String, named name: String) throws {
        let repository = try repository(of: distribution)
        let folder = try snapshotFolder(repository.root, distribution, name)
        guard FileSystem.status(folder)?.isDirectory == true, !FileSystem.isSymlink(folder) else {
            throw RepositoryStateError.refused("Reprepro snapshot '\(name)' for '\(distribution)' does not exist")
        }
        let reprepro = Reprepro(basedir: repository.root)
        var done: [[String]] = []
        for arguments in [["unreferencesnapshot", distribution, name], ["--delete", "clearvanished"], ["deleteunreferenced"]] {
            _ = try reprepro.run(arguments, done: done)
            done.append(["reprepro"] + arguments)
        }
        TemporaryCleanup.removeTree(folder)
        try reindex(repository.root)
    }

    /// `<root>/dists/<dist>/snapshots/<name>`, the name checked first: it becomes a folder.
    func snapshotFolder(_ root: String, _ distribution: String, _ name: String) throws -> String {
        guard !name.isEmpty else { throw RepositoryStateError.refused("Empty reprepro snapshot name") }
        do {
            try ControlNames.checkDistributionName(name, field: "snapshot name", file: "snapshot")
        } catch {
            throw RepositoryStateError.refused("'\(Printable.escaped(name))' is not a valid snapshot name")
        }
        return "\(root)/dists/\(distribution)/snapshots/\(name)"
    }

    func reindex(_ root: String) throws {
        _ = try Indexer(options: indexOptions).run(paths: [root], store: store)
    }

    /// `YYYY-MM-DDTHH:MM:SS` (UTC), as mini-buildd's automatic snapshot names.
    static func stamp(_ now: Int) -> String {
        let iso = CivilTime(timestamp: now).iso8601
        return iso.hasSuffix("Z") ? String(iso.dropLast()) : iso
    }
}
