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

    /// A fresh GnuPG home under `temp` with one passphrase-less key `Test <t@example.org>`; returns the
    /// home and the key's fingerprint.
    static func ephemeralKey(_ temp: TemporaryDirectory) throws -> (home: String, fingerprint: String) {
        let home = temp.appending("gnupg")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let env = ["GNUPGHOME": home]
        let keygen = try tool("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "Test <t@example.org>",
                                      "default", "default", "never"], environment: env)
        guard keygen.status == 0 else { throw CommandFailure("gpg --quick-gen-key: \(keygen.stderr)") }
        let list = try tool("gpg", ["--batch", "--with-colons", "--list-secret-keys"], environment: env)
        guard let line = list.stdout.split(separator: "\n").first(where: { $0.hasPrefix("fpr:") }),
              let fingerprint = line.split(separator: ":", omittingEmptySubsequences: false).dropFirst(9).first else {
            throw CommandFailure("no fingerprint in: \(list.stdout)")
        }
        return (home, String(fingerprint))
    }
}

struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
