import Foundation

/// Golden-file assertions: compare output with `Tests/Golden/<name>`; with `DEBWORK_RECORD=1` the file
/// is (re)written and the check fails, so a recording run can never pass by accident.
public enum Golden {
    public static var directory: String { Fixtures.packageRoot + "/Tests/Golden" }

    /// Returns nil when `actual` matches, else a message describing the difference.
    public static func check(_ actual: String, name: String) -> String? {
        let path = directory + "/" + name
        if ProcessInfo.processInfo.environment["DEBWORK_RECORD"] == "1" {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
            return "recorded \(name); run again without DEBWORK_RECORD=1"
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return "golden file \(path) is missing; record it with DEBWORK_RECORD=1"
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected == actual { return nil }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let e = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
            let a = index < actualLines.count ? String(actualLines[index]) : "<end>"
            if e != a { return "\(name): line \(index + 1) differs\n  expected: \(e)\n  actual:   \(a)" }
        }
        return "\(name) differs"
    }
}
