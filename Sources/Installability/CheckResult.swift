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

    /// `{"schema": 1, "uninstallable": [{"package", "version", "architecture", "reason"}, …]}`.
    public func renderJSON() throws -> JSONValue {
        .versioned("uninstallable", try OrderedJSONEncoder.value(of: uninstallable))
    }
}
