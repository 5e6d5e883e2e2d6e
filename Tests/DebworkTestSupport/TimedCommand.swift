import Foundation

/// What a program run under a deadline did.
public struct TimedResult: Sendable {
    /// The exit status, or the signal number when ``signalled``.
    public var status: Int32
    /// Killed by a signal (a crash, or our SIGKILL after the deadline).
    public var signalled: Bool
    /// Still running at the deadline, so killed.
    public var timedOut: Bool
    public var stdout: Data
    public var stderr: Data
    public var seconds: Double

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// A crash: a signal we did not send, or an exit status of 128 or more (a shell's way of saying signal).
    public var crashed: Bool { !timedOut && (signalled || status >= 128) }
}

/// Runs `executable` with `arguments` and exactly `environment`, killing it (SIGKILL) after `timeout`
/// seconds. Output goes to files in `scratch` (created if needed), so a child that never exits or writes
/// a lot cannot block on a pipe. `stdin` is `/dev/null`.
public func runTimed(_ executable: String, _ arguments: [String], environment: [String: String],
                     timeout: Double, scratch: String, directory: String? = nil) throws -> TimedResult {
    let fm = FileManager.default
    try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    let tag = UUID().uuidString
    let outPath = scratch + "/stdout-" + tag
    let errPath = scratch + "/stderr-" + tag
    _ = fm.createFile(atPath: outPath, contents: nil)
    _ = fm.createFile(atPath: errPath, contents: nil)
    defer {
        try? fm.removeItem(atPath: outPath)
        try? fm.removeItem(atPath: errPath)
    }
    let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    let stdin = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/null"))
    defer {
        try? stdout.close()
        try? stderr.close()
        try? stdin.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = stdin
    let start = Date()
    try process.run()
    var timedOut = false
    while process.isRunning {
        if Date().timeIntervalSince(start) > timeout {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            break
        }
        usleep(5_000)
    }
    process.waitUntilExit()
    return TimedResult(status: process.terminationStatus,
                       signalled: process.terminationReason == .uncaughtSignal,
                       timedOut: timedOut,
                       stdout: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(),
                       stderr: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(),
                       seconds: Date().timeIntervalSince(start))
}
