import DebianFormats
import JSONOutput

/// `check`'s result: one report per architecture checked.
public struct CheckResult: Sendable, CallOutput {
    public var reports: [InstallabilityReport]

    public init(_ reports: [InstallabilityReport]) { self.reports = reports }

    /// Every uninstallable binary, architecture by architecture.
    public var uninstallable: [UninstallablePackage] { reports.flatMap(\.uninstallable) }

    /// One line per uninstallable binary, then a count per architecture.
    public func renderText() -> HumanText {
        var text = ""
        for report in reports {
            for package in report.uninstallable {
                text += "\(package.package) \(package.version) \(package.architecture): \(package.reason)\n"
            }
        }
        for report in reports {
            text += "\(report.architecture): \(report.uninstallable.count) of \(report.checked) binaries not installable\n"
        }
        return .text(Printable.escapedKeepingLines(text))
    }

    /// `[{"package", "version", "architecture", "reason"}, …]`: the list issue #12 specifies (dose-debcheck's
    /// consumers iterate it), the one debwork-own document without a `"schema"` key (docs/JSON.md).
    public func renderJSON() throws -> JSONValue {
        try OrderedJSONEncoder.value(of: uninstallable)
    }
}

/// `check --incoming`'s result: britney's question, one answer per architecture.
public struct MigrationCheckResult: Sendable, CallOutput {
    public var checks: [MigrationCheck]

    public init(_ checks: [MigrationCheck]) { self.checks = checks }

    /// Whether every architecture accepts the migration.
    public var isAcceptable: Bool { checks.allSatisfy(\.isAcceptable) }

    /// The regressions, the migrated binaries that cannot be installed, then a line per architecture.
    public func renderText() -> HumanText {
        var text = ""
        for check in checks {
            for package in check.regressions {
                text += "regression: \(package.package) \(package.version) \(package.architecture): \(package.reason)\n"
            }
            for package in check.uninstallableMigrated {
                text += "migrated, not installable: \(package.package) \(package.version) \(package.architecture): \(package.reason)\n"
            }
        }
        for check in checks {
            text += "\(check.architecture): \(check.regressions.count) regressions, \(check.uninstallableMigrated.count) migrated "
                + "binaries not installable (\(check.checked) binaries checked)\n"
        }
        return .text(Printable.escapedKeepingLines(text))
    }

    /// `[{"architecture", "checked", "regressions", "uninstallable_migrated"}, …]`, a list like `check -J`.
    public func renderJSON() throws -> JSONValue {
        try OrderedJSONEncoder.value(of: checks)
    }
}
