import Installability

/// The human form of `debwork check`: one line per uninstallable binary, then a count per architecture.
enum CheckText {
    static func render(_ reports: [InstallabilityReport]) -> String {
        var text = ""
        for report in reports {
            for package in report.uninstallable {
                text += "\(package.package) \(package.version) \(package.architecture): \(package.reason)\n"
            }
        }
        for report in reports {
            text += "\(report.architecture): \(report.uninstallable.count) of \(report.checked) binaries not installable\n"
        }
        return text
    }

    /// `check --incoming`: the regressions, the migrated binaries that cannot be installed, then a line per
    /// architecture.
    static func render(_ checks: [MigrationCheck]) -> String {
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
        return text
    }
}
