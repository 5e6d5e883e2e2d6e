import Foundation

/// Paths into the repository's `fixtures/` folder and the built `debwork` binary.
public enum Fixtures {
    /// The package root (the folder holding Package.swift), found from this file's location.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        return FileManager.default.currentDirectoryPath
    }()

    public static var root: String { packageRoot + "/fixtures" }

    /// `fixtures/<relative>`.
    public static func path(_ relative: String) -> String { root + "/" + relative }

    /// The files of a fixtures folder whose names end with `suffix`, sorted.
    public static func files(in folder: String, suffix: String) -> [String] {
        let directory = path(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { directory + "/" + $0 }
    }

    /// The `debwork` executable built next to the test bundle (`.build/<config>/debwork`).
    public static var debworkBinary: String {
        if let override = ProcessInfo.processInfo.environment["DEBWORK_BINARY"] { return override }
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("debwork").path,
                          packageRoot + "/.build/debug/debwork", packageRoot + "/.build/release/debwork"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return packageRoot + "/.build/debug/debwork"
    }

    /// Whether an external tool is on PATH (tests that need a Debian tool say so clearly when it is not).
    public static func hasTool(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }
}
