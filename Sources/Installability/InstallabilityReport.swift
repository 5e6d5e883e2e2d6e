/// The result of checking one architecture of a distribution.
public struct InstallabilityReport: Sendable, Hashable {
    public var architecture: String
    /// How many binaries were checked (after the sources filter).
    public var checked: Int
    /// The binaries that cannot be installed, ordered by package name, version.
    public var uninstallable: [UninstallablePackage]
    /// The source of each uninstallable binary (by package name), for callers that group by source.
    public var sources: [String: String]

    public init(architecture: String, checked: Int, uninstallable: [UninstallablePackage], sources: [String: String] = [:]) {
        self.architecture = architecture
        self.checked = checked
        self.uninstallable = uninstallable
        self.sources = sources
    }

    public var allInstallable: Bool { uninstallable.isEmpty }
}

/// What `migrate` needs to decide with britney's rule, for one architecture; the `-J` form of
/// `debwork check --incoming` (`{"architecture", "checked", "regressions", "uninstallable_migrated"}`).
public struct MigrationCheck: Sendable, Hashable, Encodable {
    public var architecture: String
    /// Binaries of the target that were installable before the migration and are not after it (a binary
    /// new in the target counts when it is not installable).
    public var regressions: [UninstallablePackage]
    /// The migrated binaries (built from the migrated sources) that are not installable in the target after
    /// the migration, whether or not they were before.
    public var uninstallableMigrated: [UninstallablePackage]
    /// How many binaries of the state after were checked (all of them, or the ones the migration can change).
    public var checked: Int

    public init(architecture: String, regressions: [UninstallablePackage], uninstallableMigrated: [UninstallablePackage],
                checked: Int = 0) {
        self.architecture = architecture
        self.regressions = regressions
        self.uninstallableMigrated = uninstallableMigrated
        self.checked = checked
    }

    /// Britney's verdict from the state after and the binaries already broken before: the regressions are the
    /// binaries broken after but not before; the migrated ones are those built from `migratedSources`.
    init(after: InstallabilityReport, brokenBefore: Set<String>, migratedSources: Set<String>, checked: Int) {
        self.init(
            architecture: after.architecture,
            regressions: after.uninstallable.filter { !brokenBefore.contains($0.package) },
            uninstallableMigrated: after.uninstallable.filter {
                migratedSources.contains(after.sources[$0.package] ?? $0.package)
            },
            checked: checked)
    }

    /// Britney's rule holds: nothing became uninstallable and the migrated binaries can be installed.
    public var isAcceptable: Bool { regressions.isEmpty && uninstallableMigrated.isEmpty }

    enum CodingKeys: String, CodingKey {
        case architecture, checked, regressions, uninstallableMigrated = "uninstallable_migrated"
    }
}
