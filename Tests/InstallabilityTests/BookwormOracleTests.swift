import DebworkTestSupport
import Foundation
import Installability
import Testing

/// The real Debian bookworm main amd64 Packages (63,440 packages), where bench/installability.sh put it:
/// debwork reports exactly the packages dose-debcheck reports. Skipped when the file is absent (a fresh
/// clone; run bench/installability.sh once to fetch it from apt's lists).
struct BookwormOracleTests {
    static let packages = Fixtures.packageRoot + "/bench/data/bookworm-main-amd64-Packages"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: BookwormOracleTests.packages) && DoseOracle.isAvailable,
                   "needs bench/data/bookworm-main-amd64-Packages (bench/installability.sh) and dose-debcheck"))
    func sameUninstallablePackagesAsDose() throws {
        let report = try InstallabilityChecker(architecture: "amd64").check([.file(Self.packages)])
        #expect(report.checked > 60_000)
        let dose = try DoseOracle.uninstallable(packages: [Self.packages])
        #expect(Set(report.uninstallable.map(\.package)) == dose)
        #expect(report.uninstallable.allSatisfy { !$0.reason.isEmpty })
    }
}
