import Foundation

/// What a finished subprocess left behind.
public struct ProcessOutput: Sendable {
    /// The exit status (or the signal number when ``terminatedBySignal``).
    public var status: Int32
    /// Whether the process was killed by a signal.
    public var terminatedBySignal: Bool
    /// Everything written to standard output.
    public var stdout: Data
    /// Everything written to standard error.
    public var stderr: Data

    /// Standard output decoded as UTF-8 (invalid bytes replaced).
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error decoded as UTF-8 (invalid bytes replaced).
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Failures of ``Process/run(_:_:input:environment:)`` itself (not of the program it runs).
public struct ProcessRunError: Error, CustomStringConvertible {
    public var description: String
}

extension Process {
    /// Runs `executable` (a path, or a name looked up in `PATH`) with `arguments`, feeding it `input` on
    /// standard input, and waits for it. Output goes through temporary files, so a chatty child cannot
    /// deadlock on a full pipe.
    public static func run(
        _ executable: String, _ arguments: [String] = [], input: Data = Data(),
        environment: [String: String]? = nil
    ) throws -> ProcessOutput {
        guard let path = find(executable) else {
            throw ProcessRunError(description: "executable '\(executable)' not found in PATH")
        }
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("stdin")
        let outURL = dir.appendingPathComponent("stdout")
        let errURL = dir.appendingPathComponent("stderr")
        try input.write(to: inURL)
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdin = try FileHandle(forReadingFrom: inURL)
        let stdout = try FileHandle(forWritingTo: outURL)
        let stderr = try FileHandle(forWritingTo: errURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus,
            terminatedBySignal: process.terminationReason == .uncaughtSignal,
            stdout: try Data(contentsOf: outURL),
            stderr: try Data(contentsOf: errURL))
    }

    /// The full path of `name` if it is an executable file found in `PATH` (or `name` itself when it
    /// contains a slash and is executable); `nil` otherwise. Use it to skip oracle tests when a tool is missing.
    public static func find(_ name: String) -> String? {
        let fm = FileManager.default
        if name.contains("/") { return fm.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if fm.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
