import DebworkTestSupport
import Installability
import Testing

/// Each synthetic case: debwork's answer is the expected one and dose-debcheck's (same files, same
/// architecture) is the same set.
struct SyntheticOracleTests {
    static func write(_ testCase: SyntheticCase, into directory: TemporaryDirectory) throws -> (packages: String, background: String?) {
        let packages = try directory.write("Packages", testCase.packages)
        let background = testCase.background.isEmpty ? nil : try directory.write("Background", testCase.background)
        return (packages, background)
    }

    static func debworkAnswer(_ packages: String, _ background: String?) throws -> Set<String> {
        let report = try InstallabilityChecker(architecture: "amd64")
            .check([.file(packages)], background: background.map { [.file($0)] } ?? [])
        return Set(report.uninstallable.map(\.package))
    }

    @Test(arguments: SyntheticCase.all)
    func matchesExpectation(_ testCase: SyntheticCase) throws {
        let directory = try TemporaryDirectory("installability")
        let (packages, background) = try Self.write(testCase, into: directory)
        #expect(try Self.debworkAnswer(packages, background) == testCase.uninstallable)
    }

    @Test(arguments: SyntheticCase.all)
    func matchesDoseDebcheck(_ testCase: SyntheticCase) throws {
        try #require(DoseOracle.isAvailable, "dose-debcheck missing: apt-get install dose-distcheck (scripts/setup)")
        let directory = try TemporaryDirectory("installability")
        let (packages, background) = try Self.write(testCase, into: directory)
        let dose = try DoseOracle.uninstallable(packages: [packages], background: background.map { [$0] } ?? [])
        let differs = Set(testCase.doseDiffers.keys)
        #expect(try Self.debworkAnswer(packages, background).subtracting(differs) == dose.subtracting(differs))
        for name in differs.sorted() {
            #expect(dose.contains(name) != testCase.uninstallable.contains(name),
                    "dose-debcheck now agrees on \(name): drop it from doseDiffers")
        }
    }
}
