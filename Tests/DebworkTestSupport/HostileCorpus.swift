import Foundation

/// The corpus `fixtures/make-hostile.py` writes, and its `manifest.json`.
public struct HostileCorpus: Sendable {
    /// What a call is expected to do with a case.
    public enum Expectation: String, Codable, Sendable {
        /// The call's error status and exactly one `E:` line naming the file.
        case error
        /// Success (debdiff: 0 or 1), no `E:` and no `W:` line.
        case ok
        /// Success, no `E:` line (`W:` lines allowed).
        case warning
    }

    public struct Call: Codable, Sendable {
        public var expect: Expectation
        /// debdiff only: the good counterpart (relative to the corpus root).
        public var against: String?
    }

    public struct Case: Codable, Sendable {
        public var name: String
        public var `class`: String
        /// The case's folder, `cases/<slug>`, relative to the corpus root.
        public var dir: String
        public var files: [String]
        /// The file debdiff and port_ext get; nil when its name cannot be written in JSON (not UTF-8).
        public var target: String?
        /// What an `E:` line has to contain (relative to the corpus root).
        public var names: String
        /// `index`, `debdiff`, `port_ext`.
        public var commands: [String: Call]
        public var note: String
    }

    public struct Good: Codable, Sendable {
        public var deb: String
        public var deb2: String
        public var dsc: String
        public var changes: String
        public var repo: String
        public var package: String
    }

    struct Manifest: Codable {
        var cases: [Case]
        var good: Good
        var skipped: [String]
    }

    /// Where the corpus was written.
    public var root: String
    public var cases: [Case]
    public var good: Good
    /// Cases the generator had to leave out on this machine.
    public var skipped: [String]
    /// Seconds the generator took.
    public var generationSeconds: Double

    /// Runs the generator into `directory` (new or empty) and reads its manifest.
    public static func generate(into directory: String) throws -> HostileCorpus {
        let start = Date()
        let result = try runCommand("python3", [Fixtures.path("make-hostile.py"), directory])
        guard result.status == 0 else {
            throw TestSupportError("make-hostile.py failed (\(result.status)): \(result.stderr)")
        }
        let seconds = Date().timeIntervalSince(start)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json"))
        let manifest = try JSONDecoder().decode(Manifest.self, from: data)
        return HostileCorpus(root: directory, cases: manifest.cases, good: manifest.good, skipped: manifest.skipped,
                             generationSeconds: seconds)
    }
}

/// What is in a directory tree, entry by entry (type, mode, size, mtime; symlinks not followed), read with
/// `find -P`, which copes with trees deeper than `PATH_MAX`. Paths under `excluding` (relative) are left out.
public func treeSnapshot(_ directory: String, excluding: [String] = []) throws -> [String: String] {
    var arguments = ["-P", directory, "-mindepth", "1"]
    for relative in excluding {
        arguments += ["(", "-path", directory + "/" + relative, "-prune", ")", "-o"]
    }
    arguments += ["-printf", "%P\\0%y %m %s %T@\\0"]
    let result = try runCommand("find", arguments)
    let fields = result.stdout.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
    var snapshot: [String: String] = [:]
    var index = 0
    while index + 1 < fields.count {
        snapshot[fields[index]] = fields[index + 1]
        index += 2
    }
    return snapshot
}

/// The entries that appeared, vanished or changed between two snapshots, sorted, described for a message.
public func snapshotDifferences(_ before: [String: String], _ after: [String: String]) -> [String] {
    var differences: [String] = []
    for (path, state) in after where before[path] != state {
        differences.append(before[path] == nil ? "new \(path)" : "changed \(path)")
    }
    for path in before.keys where after[path] == nil { differences.append("gone \(path)") }
    return differences.sorted()
}

/// Raw terminal control bytes in program output: C0 controls other than `\n` and `\t`, DEL, and the C1
/// controls (U+0080–U+009F as UTF-8). Returns a short description of the first few, or nil.
public func terminalControlBytes(_ data: Data) -> String? {
    var found: [String] = []
    var previous: UInt8 = 0
    for byte in data {
        if (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F {
            found.append(String(format: "0x%02x", byte))
        } else if previous == 0xC2 && (0x80...0x9F).contains(byte) {
            found.append(String(format: "U+%04x", Int(byte)))
        }
        previous = byte
        if found.count == 4 { break }
    }
    return found.isEmpty ? nil : found.joined(separator: " ")
}
