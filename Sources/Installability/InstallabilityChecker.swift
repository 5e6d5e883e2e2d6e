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
        let pool = try makePool()
        let foreground = try load(packages, into: pool, name: "packages")
        _ = try load(background, into: pool, name: "background")
        pool.prepare()
        return report(pool: pool, candidates: candidates(pool, foreground, sources: sources))
    }

    /// Britney's rule for one migration on one architecture: compares the target distribution before
    /// and after.
    ///
    /// - Parameters:
    ///   - before: the target's Packages indices as they are.
    ///   - after: the target's Packages indices as they would be after the migration.
    ///   - migratedSources: the sources that migrate; their binaries in `after` must be installable.
    ///   - background: indices that satisfy dependencies in both states (not checked).
    /// - Returns: the regressions (installable before, not after, matched by package name) and the
    ///   uninstallable migrated binaries.
    public func regressions(before: [PackagesIndex], after: [PackagesIndex], migratedSources: Set<String>,
                            background: [PackagesIndex] = []) throws(InstallabilityError) -> MigrationCheck {
        let old = try check(before, background: background)
        let new = try check(after, background: background)
        let brokenBefore = Set(old.uninstallable.map(\.package))
        let migratedNames = try migratedBinaries(after, sources: migratedSources)
        return MigrationCheck(
            architecture: architecture,
            regressions: new.uninstallable.filter { !brokenBefore.contains($0.package) },
            uninstallableMigrated: new.uninstallable.filter { migratedNames.contains($0.package) })
    }

    // MARK: Steps

    private func makePool() throws(InstallabilityError) -> SolvPool {
        do {
            return try SolvPool(architecture: architecture)
        } catch {
            throw .solver(error)
        }
    }

    private func load(_ indices: [PackagesIndex], into pool: SolvPool, name: String) throws(InstallabilityError) -> SolvPool.Repository {
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

    private func candidates(_ pool: SolvPool, _ repository: SolvPool.Repository, sources: Set<String>?) -> [Int32] {
        let ids = pool.packageIDs(in: repository)
        guard let sources else { return ids }
        return ids.filter { sources.contains(pool.package($0).source) }
    }

    private func report(pool: SolvPool, candidates: [Int32]) -> InstallabilityReport {
        var seen: Set<UninstallablePackage> = []
        let found = pool.uninstallable(candidates).map { entry in
            UninstallablePackage(package: entry.package.name, version: entry.package.version,
                                 architecture: entry.package.architecture, reason: Explanation.reason(entry.reasons))
        }.filter { seen.insert($0).inserted }
        let sorted = found.sorted { ($0.package, $0.version, $0.architecture) < ($1.package, $1.version, $1.architecture) }
        return InstallabilityReport(architecture: architecture, checked: candidates.count, uninstallable: sorted)
    }

    /// The names of the binaries of `indices` built from `sources`.
    private func migratedBinaries(_ indices: [PackagesIndex], sources: Set<String>) throws(InstallabilityError) -> Set<String> {
        let pool = try makePool()
        let repository = try load(indices, into: pool, name: "migrated")
        return Set(pool.packageIDs(in: repository).map { pool.package($0) }.filter { sources.contains($0.source) }.map(\.name))
    }
}
