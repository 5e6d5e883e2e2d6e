import DebworkTestSupport
import Foundation

/// dose-debcheck (package dose-distcheck) as the oracle: the names of the packages it reports broken.
enum DoseOracle {
    static var isAvailable: Bool { Fixtures.hasTool("dose-debcheck") }

    /// `dose-debcheck --explain --failures --deb-native-arch=ARCH FILE… [--bg FILE…]`; the report's
    /// top-level `package:` entries. Exit 0 (none broken) and 1 (some) are answers; anything else throws.
    static func uninstallable(packages: [String], background: [String] = [], architecture: String = "amd64") throws -> Set<String> {
        var arguments = ["--explain", "--failures", "--deb-native-arch=\(architecture)"] + packages
        for file in background { arguments += ["--bg", file] }
        let result = try runCommand("dose-debcheck", arguments)
        guard result.status == 0 || result.status == 1 else {
            throw TestSupportError("dose-debcheck exited \(result.status): \(result.stderr)")
        }
        var names: Set<String> = []
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("  package: ") {
            names.insert(String(line.dropFirst("  package: ".count)))
        }
        return names
    }
}
