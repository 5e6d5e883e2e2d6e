import Solv

/// Checks which binary packages of a distribution cannot be installed, with libsolv (``SolvPool``) as the
/// solver: Debian semantics for Depends, Pre-Depends, alternatives, versioned Provides, Conflicts, Breaks,
/// `:any` and `Architecture: all`; Recommends ignored.
public struct InstallabilityChecker: Sendable {
    /// The architecture to check (`amd64`); packages of other architectures in the input are ignored.
    public var architecture: String

    public init(architecture: String) {
        self.architecture = architecture
    }

    /// Checks every binary of `packages` (for the architecture and `all`).
    ///
    /// - Parameters:
    ///   - packages: the distribution's Packages indices (one per component); their binaries are checked.
    ///   - background: indices whose packages may satisfy dependencies but are not checked themselves
    ///     (dose-debcheck's `--bg`, installcheck's `--nocheck`).
    ///   - sources: when given, only binaries built from these sources (Source field, else Package) are
    ///     reported; all packages still take part in solving.
    /// - Throws: ``InstallabilityError`` when an index cannot be read or libsolv fails.
    public func check(_ packages: [PackagesIndex], background: [PackagesIndex] = [],
                      sources: Set<String>? = nil) throws(InstallabilityError) -> InstallabilityReport {
        guard let sources else { return try check(packages, background: background, include: nil) }
        return try check(packages, background: background) { sources.contains($0.source) }
    }

    /// Britney's rule for one migration on one architecture: compares the target distribution before
    /// and after, checking the whole state after. The reference the incremental
    /// ``regressions(migrating:into:migratedSources:background:)`` is tested against.
    ///
    /// One pool holds both states and the background (read once). The whole target is checked as it would
    /// be after (the before state disabled); only the binaries found uninstallable there are then checked as
    /// the target is now (one full check, not two).
    ///
    /// - Parameters:
    ///   - before: the target's Packages indices as they are.
    ///   - after: the target's Packages indices as they would be after the migration.
    ///   - migratedSources: the sources that migrate; their binaries in `after` must be installable.
    ///   - background: indices that satisfy dependencies in both states (not checked).
    /// - Returns: the regressions (installable before, not after, matched by package name; a binary new in
    ///   the target counts when it is not installable) and the uninstallable migrated binaries.
    public func regressions(before: [PackagesIndex], after: [PackagesIndex], migratedSources: Set<String>,
                            background: [PackagesIndex] = []) throws(InstallabilityError) -> MigrationCheck {
        // One pool: the background is read once; each state is solved with the other one disabled.
        let pool = try makePool()
        let old = try load(before, into: pool, name: "before")
        let new = try load(after, into: pool, name: "after")
        _ = try load(background, into: pool, name: "background")
        pool.prepare()
        pool.setEnabled(false, old)
        let afterReport = report(pool: pool, candidates: pool.packageIDs(in: new))
        let brokenAfter = Set(afterReport.uninstallable.map(\.package))
        var brokenBefore: Set<String> = []
        if !brokenAfter.isEmpty {
            pool.setEnabled(false, new)
            pool.setEnabled(true, old)
            let candidates = pool.packageIDs(in: old).filter { brokenAfter.contains(pool.package($0).name) }
            brokenBefore = Set(report(pool: pool, candidates: candidates).uninstallable.map(\.package))
        }
        return MigrationCheck(after: afterReport, brokenBefore: brokenBefore, migratedSources: migratedSources,
                              checked: afterReport.checked)
    }

    /// Britney's rule for one migration on one architecture, checking only what the migration can change:
    /// the same answer as ``regressions(before:after:migratedSources:background:)``, in a fraction of the
    /// time on a Debian-sized target.
    ///
    /// One pool holds the target once, the incoming binaries as a small repository of their own, and the
    /// background. The target's binaries built from `migratedSources` are the replaced ones. Only the
    /// packages whose installability can change are checked (``SolvPool/dependents(of:)``: the replaced and
    /// incoming binaries and their reverse dependencies; every package when the Essential ones need a
    /// changed one): in the state after (the replaced binaries taken out of solving with
    /// ``SolvPool/exclude(_:)``), then, for those broken after, in the state before (the incoming ones out).
    ///
    /// - Parameters:
    ///   - incoming: Packages indices holding the binaries that migrate (their stanzas only).
    ///   - target: the target's Packages indices as they are.
    ///   - migratedSources: the sources that migrate: their binaries in `target` are replaced; nil: the
    ///     sources of the incoming binaries (`Source`, else `Package`).
    ///   - background: indices that satisfy dependencies in both states (not checked).
    /// - Returns: as the full check; ``MigrationCheck/checked`` says how many binaries were checked after.
    public func regressions(migrating incoming: [PackagesIndex], into target: [PackagesIndex], migratedSources: Set<String>?,
                            background: [PackagesIndex] = []) throws(InstallabilityError) -> MigrationCheck {
        let pool = try makePool()
        let targetRepository = try load(target, into: pool, name: "target")
        let incomingRepository = try load(incoming, into: pool, name: "incoming")
        _ = try load(background, into: pool, name: "background")
        pool.prepare()
        let added = pool.packageIDs(in: incomingRepository)
        let migratedSources = migratedSources ?? Set(added.map { pool.package($0).source })
        let sourceIDs = Set(migratedSources.compactMap(pool.existingID(of:)))
        let targetIDs = pool.packageIDs(in: targetRepository)
        let replaced = Set(targetIDs.filter { sourceIDs.contains(pool.sourceNameID(of: $0)) })
        let affected = pool.dependents(of: replaced.union(added))

        // After: the replaced binaries out, the incoming ones in; only what can have changed is checked.
        pool.exclude(replaced)
        let afterIDs = targetIDs.filter { !replaced.contains($0) } + added
        let candidates = affected.map { affected in afterIDs.filter(affected.contains) } ?? afterIDs
        let afterReport = report(pool: pool, candidates: candidates)

        // Before, for the binaries broken after: the target as it is, the incoming binaries out.
        var brokenBefore: Set<String> = []
        if !afterReport.uninstallable.isEmpty {
            let names = Set(afterReport.uninstallable.compactMap { pool.existingID(of: $0.package) })
            pool.exclude(added)
            let again = targetIDs.filter { names.contains(pool.nameID(of: $0)) }
            brokenBefore = Set(report(pool: pool, candidates: again).uninstallable.map(\.package))
        }
        return MigrationCheck(after: afterReport, brokenBefore: brokenBefore, migratedSources: migratedSources,
                              checked: candidates.count)
    }

    /// Checks the binaries of `packages` that `include` selects (all when nil); every package takes part
    /// in solving.
    func check(_ packages: [PackagesIndex], background: [PackagesIndex],
               include: ((SolvPackage) -> Bool)?) throws(InstallabilityError) -> InstallabilityReport {
        let pool = try makePool()
        let foreground = try load(packages, into: pool, name: "packages")
        _ = try load(background, into: pool, name: "background")
        pool.prepare()
        var candidates = pool.packageIDs(in: foreground)
        if let include { candidates = candidates.filter { include(pool.package($0)) } }
        return report(pool: pool, candidates: candidates)
    }

    // MARK: Steps

    func makePool() throws(InstallabilityError) -> SolvPool {
        do {
            return try SolvPool(architecture: architecture)
        } catch {
            throw .solver(error)
        }
    }

    func load(_ indices: [PackagesIndex], into pool: SolvPool, name: String) throws(InstallabilityError) -> SolvPool.Repository {
        let repository = pool.makeRepository(name: name)
        for index in indices {
            let bytes = try index.bytes()
            do {
                try pool.addPackages(bytes, to: repository)
            } catch {
                throw .solver(error)
            }
        }
        return repository
    }

    func report(pool: SolvPool, candidates: [Int32]) -> InstallabilityReport {
        var seen: Set<UninstallablePackage> = []
        var sources: [String: String] = [:]
        let found = pool.uninstallable(candidates).map { entry in
            sources[entry.package.name] = entry.package.source
            return UninstallablePackage(package: entry.package.name, version: entry.package.version,
                                        architecture: entry.package.architecture, reason: Explanation.reason(entry.reasons))
        }.filter { seen.insert($0).inserted }
        let sorted = found.sorted { ($0.package, $0.version, $0.architecture) < ($1.package, $1.version, $1.architecture) }
        return InstallabilityReport(architecture: architecture, checked: candidates.count, uninstallable: sorted,
                                    sources: sources)
    }
}
