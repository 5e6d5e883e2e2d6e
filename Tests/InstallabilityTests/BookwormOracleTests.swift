import DebworkTestSupport
import Foundation
import Installability
import Testing

/// The real Debian bookworm main amd64 Packages (63,440 packages): debwork reports exactly the packages
/// dose-debcheck reports. The file is the one apt downloaded, decompressed into bench/data (git-ignored) by the
/// benchmarks' own bench/bookworm-packages.sh on first use; skipped only on a machine whose apt has no bookworm
/// main amd64 list.
struct BookwormOracleTests {
    static let packages = Fixtures.packageRoot + "/bench/data/bookworm-main-amd64-Packages"

    /// Whether the Packages file is there, fetching it from apt's lists first if need be.
    static let hasPackages: Bool = {
        if FileManager.default.fileExists(atPath: packages) { return true }
        let fetch = try? runCommand("bash", ["-c", "root=\"$1\"; source \"$1/bench/bookworm-packages.sh\"", "fetch", Fixtures.packageRoot])
        return fetch?.status == 0 && FileManager.default.fileExists(atPath: packages)
    }()

    @Test(.enabled(if: DoseOracle.isAvailable && BookwormOracleTests.hasPackages,
                   "needs apt's bookworm main amd64 Packages list (apt-get update) and dose-debcheck"))
    func sameUninstallablePackagesAsDose() throws {
        let report = try InstallabilityChecker(architecture: "amd64").check([.file(Self.packages)])
        #expect(report.checked > 60_000)
        let dose = try DoseOracle.uninstallable(packages: [Self.packages])
        #expect(Set(report.uninstallable.map(\.package)) == dose)
        #expect(report.uninstallable.allSatisfy { !$0.reason.isEmpty })
    }
}
