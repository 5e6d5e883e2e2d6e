import DebworkTestSupport
import Foundation
import MiniBuildd
import Port

/// Fixed porter and date, so ports are byte-for-byte reproducible.
enum PortFixture {
    static let porter = "Port Tester <porter@example.org>"
    static let timestamp = 1_737_000_000  // Thu, 16 Jan 2025 04:00:00 +0000

    static func request(_ dsc: String, targets: [String], mode: PortMode, output: String, force: Bool = false,
                        signKey: String? = nil) throws -> PortRequest {
        PortRequest(dscPath: dsc, targets: targets, mode: mode, options: try BuildOptions(), porter: porter,
                    timestamp: timestamp, outputDirectory: output, force: force, signKey: signKey)
    }

    static func port(_ dsc: String, targets: [String], mode: PortMode, output: String,
                     signKey: String? = nil) throws -> [PortResult] {
        try PortService().run(request(dsc, targets: targets, mode: mode, output: output, signKey: signKey)).results
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    /// Runs a tool and returns its result; a missing tool is an error, not a skip.
    static func tool(_ name: String, _ arguments: [String], environment: [String: String] = [:],
                     directory: String? = nil) throws -> CommandResult {
        try runCommand(name, arguments, environment: environment, directory: directory)
    }
}
