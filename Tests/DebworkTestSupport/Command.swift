import Foundation

/// The result of running a program to completion.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs `executable` with `arguments`, capturing stdout and stderr (read concurrently, so large output
/// never deadlocks). `environment` entries are added to the inherited environment.
public func runCommand(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                       directory: String? = nil, input: String? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
    process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try? inPipe.fileHandleForWriting.close()
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.wait()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs the built `debwork` with a private index (unless `--index` is among the arguments).
public func debwork(_ arguments: [String], index: String? = nil, environment: [String: String] = [:]) throws -> CommandResult {
    var env = environment
    if let index { env["DEBWORK_INDEX"] = index }
    // Never the user's own index: the default location points nowhere unless a test says otherwise.
    if env["XDG_CACHE_HOME"] == nil { env["XDG_CACHE_HOME"] = "/nonexistent/debwork-test-cache" }
    env["NO_COLOR"] = "1"
    return try runCommand(Fixtures.debworkBinary, arguments, environment: env)
}
