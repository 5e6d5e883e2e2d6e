import DebworkTestSupport
import Foundation

/// Runs the real GNU diff, patch, wdiff and diffstat on files in a temporary directory.
struct Oracle {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory("diff-oracle") }

    static var available: Bool { ["diff", "patch", "wdiff", "diffstat"].allSatisfy(Fixtures.hasTool) }

    /// `diff [arguments] --label a --label b A B` output bytes.
    func diff(_ old: [UInt8], _ new: [UInt8], arguments: [String] = ["-u"]) throws -> [UInt8] {
        let a = try directory.write("A", old)
        let b = try directory.write("B", new)
        let result = try Process.run("diff", arguments + ["--label", "a", "--label", "b", a, b])
        if result.status > 1 { throw TestSupportError("diff failed: \(result.stderrText)") }
        return Array(result.stdout)
    }

    /// Applies a diff to `old` with `patch -o` and returns the result.
    func patch(_ old: [UInt8], with diff: [UInt8]) throws -> [UInt8] {
        let a = try directory.write("P", old)
        let patchFile = try directory.write("patch.diff", diff)
        let out = directory.appending("P.out")
        try? FileManager.default.removeItem(atPath: out)
        let result = try Process.run("patch", ["-s", "-o", out, a, patchFile])
        if result.status != 0 { throw TestSupportError("patch failed: \(result.stdoutText)\(result.stderrText)") }
        return Array(FileManager.default.contents(atPath: out) ?? Data())
    }

    /// `wdiff [arguments] A B` output bytes.
    func wdiff(_ old: [UInt8], _ new: [UInt8], arguments: [String] = [], environment: [String: String]? = nil) throws -> [UInt8] {
        let a = try directory.write("WA", old)
        let b = try directory.write("WB", new)
        let result = try Process.run("wdiff", arguments + [a, b], environment: environment)
        if result.status > 1 { throw TestSupportError("wdiff failed: \(result.stderrText)") }
        return Array(result.stdout)
    }

    /// `diffstat FILE` over a diff.
    func diffstat(_ diff: [UInt8]) throws -> String {
        let path = try directory.write("stat.diff", diff)
        let result = try Process.run("diffstat", [path])
        if result.status != 0 { throw TestSupportError("diffstat failed: \(result.stderrText)") }
        return result.stdoutText
    }
}

/// Shows bytes readably in a failure message.
func visible(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\u{8}", with: "\\b")
        .replacingOccurrences(of: "\u{1B}", with: "\\e")
}
