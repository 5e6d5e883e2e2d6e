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
}
