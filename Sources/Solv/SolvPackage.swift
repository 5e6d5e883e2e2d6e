/// One binary package of a pool, copied out of libsolv (its strings live in the pool's string table).
public struct SolvPackage: Sendable, Hashable, CustomStringConvertible {
    /// The solvable's id in its pool: valid only for the pool that made this value.
    public var id: Int32
    public var name: String
    public var version: String
    public var architecture: String
    /// The Source field's package name (the binary's own name when the field is absent).
    public var source: String

    public init(id: Int32, name: String, version: String, architecture: String, source: String) {
        self.id = id
        self.name = name
        self.version = version
        self.architecture = architecture
        self.source = source
    }

    /// `name_version_architecture`, as dose-debcheck and britney name a binary.
    public var description: String { "\(name) \(version) (\(architecture))" }
}

/// One reason libsolv gives for a failed installation: a rule of the problem, as `solver_allruleinfos`
/// reports it (source package, target package, dependency), with the strings copied out.
public enum SolvRuleInfo: Sendable, Hashable {
    /// `SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP`: no package at all satisfies `dependency` of `package`.
    /// `candidates`: packages with the dependency's name that exist but do not match (wrong version).
    case nothingProvides(package: SolvPackage, dependency: String, candidates: [SolvPackage])
    /// `SOLVER_RULE_PKG_REQUIRES`: `package` needs `dependency`; providers exist, none can be installed.
    case requires(package: SolvPackage, dependency: String)
    /// `SOLVER_RULE_PKG_CONFLICTS` (Conflicts or Breaks): `package`'s `dependency` matches `other`.
    case conflicts(package: SolvPackage, dependency: String, other: SolvPackage)
    /// `SOLVER_RULE_PKG_OBSOLETES`: Replaces together with Conflicts.
    case obsoletes(package: SolvPackage, dependency: String, other: SolvPackage)
    /// `SOLVER_RULE_PKG_SAME_NAME`: two versions of one package name cannot be installed together.
    case sameName(SolvPackage, SolvPackage)
    /// `SOLVER_RULE_PKG_SELF_CONFLICT`.
    case selfConflict(package: SolvPackage, dependency: String)
    /// `SOLVER_RULE_PKG_NOT_INSTALLABLE`: wrong architecture for the pool.
    case notInstallable(SolvPackage)
    /// The Essential packages cannot be installed together (the rules that follow say why), so no package can.
    case essentialPackages
    /// Any other rule: libsolv's own sentence (`solver_ruleinfo2str`).
    case other(String)
}
