#if canImport(Glibc)
import Glibc
#endif

/// Runs an external tool (gpg, gpgv, dput) with `posix_spawnp`, its stdout and stderr captured together in
/// a temporary file (no pipe can fill up and deadlock).
public enum Subprocess {
    public struct Result: Sendable {
        /// The exit status, or 128 + the signal number.
        public var status: Int32
        /// stdout and stderr, interleaved as written.
        public var output: String
    }

    /// Runs `arguments[0]` (searched in `PATH`) with the inherited environment plus `environment`, stdin
    /// `/dev/null` (`posix_spawnp`).
    /// - Throws: ``SystemCallError`` when the capture file cannot be made or the program cannot be started.
    public static func run(_ arguments: [String], environment: [String: String] = [:],
                           inheritOutput: Bool = false) throws(SystemCallError) -> Result {
        let temporaryBase = TemporaryDirectory.base
        var template = Array((temporaryBase + "/debwork-run-XXXXXX").utf8CString)
        let outputFD = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard outputFD >= 0 else { throw SystemCallError(path: temporaryBase, function: "mkstemp", errno: errno) }
        let outputPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer {
            close(outputFD)
            unlink(outputPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if !inheritOutput {
            posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
            posix_spawn_file_actions_adddup2(&actions, outputFD, 2)
        }

        var environmentLines: [String] = []
        var index = 0
        while let entry = environ[index] {
            let line = String(cString: entry)
            let name = line.split(separator: "=", maxSplits: 1).first.map(String.init) ?? line
            if environment[name] == nil { environmentLines.append(line) }
            index += 1
        }
        environmentLines += environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environmentLines.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let code = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        guard code == 0 else { throw SystemCallError(path: arguments[0], function: "posix_spawnp", errno: code) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = (try? readAll(outputPath)) ?? ""
        return Result(status: exitStatus, output: output)
    }

    private static func readAll(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
