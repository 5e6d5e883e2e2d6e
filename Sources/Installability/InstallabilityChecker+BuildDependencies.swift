import DebianFormats
import Solv

extension InstallabilityChecker {
    /// Which sources' build dependencies cannot be installed in a distribution on this architecture, and why,
    /// as sbuild asks it: one package standing for each source's build relations (`<source>-build-deps`, as
    /// `mk-build-deps` names it; Depends: `build-essential` and the build dependencies, Conflicts: the build
    /// conflicts, reduced for the architecture with no build profile, ``BuildRelations``) must be installable
    /// together with the Essential packages.
    ///
    /// All the sources are checked in one pool, read once. `build-essential` is required only when the
    /// distribution or the background has a package of that name for the architecture: a repository of its own packages only
    /// (its Debian base elsewhere) is checked for what it holds (give the base as `background`).
    ///
    /// - Parameters:
    ///   - sources: each source's name, version and build relations.
    ///   - packages: the distribution's Packages indices for this architecture.
    ///   - background: indices that also satisfy dependencies.
    /// - Returns: the sources whose build dependencies cannot be installed, with the reason in words.
    /// - Throws: ``InstallabilityError`` when an index cannot be read or libsolv fails.
    public func unsatisfiableBuildDependencies(
        of sources: [(name: String, version: String, relations: BuildRelations)], in packages: [PackagesIndex],
        background: [PackagesIndex] = []
    ) throws(InstallabilityError) -> [String: String] {
        let pool = try makePool()
        _ = try load(packages, into: pool, name: "packages")
        _ = try load(background, into: pool, name: "background")
        let buildEssential = pool.containsInstallablePackage(named: "build-essential")
        var text = ""
        var names: [String: String] = [:]
        for source in sources {
            let name = "\(source.name)-build-deps"
            names[name] = source.name
            let depends = (buildEssential ? ["build-essential"] : [])
                + [source.relations.dependsField(architecture: architecture)].filter { !$0.isEmpty }
            text += "Package: \(name)\nVersion: \(source.version)\nArchitecture: \(architecture)\n"
            if !depends.isEmpty { text += "Depends: \(depends.joined(separator: ", "))\n" }
            let conflicts = source.relations.conflictsField(architecture: architecture)
            if !conflicts.isEmpty { text += "Conflicts: \(conflicts)\n" }
            text += "\n"
        }
        let pseudo = try load([.text(Array(text.utf8), name: "build dependencies")], into: pool, name: "build dependencies")
        pool.prepare()
        var result: [String: String] = [:]
        for package in report(pool: pool, candidates: pool.packageIDs(in: pseudo)).uninstallable {
            if let source = names[package.package] { result[source] = package.reason }
        }
        return result
    }
}
