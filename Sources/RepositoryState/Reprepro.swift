import SystemCalls

/// reprepro on one repository, the way mini-buildd runs it (`reprepro.Reprepro`): `--waitforlock 10` (a
/// reprepro run by someone else is waited for, never raced), `--ignore unusedarch`, `--basedir <root>`.
/// The only place debwork runs reprepro.
public struct Reprepro: Sendable {
    public var basedir: String

    public init(basedir: String) {
        self.basedir = basedir
    }

    /// The command line for `arguments`, as shown in plans and error messages.
    public func commandLine(_ arguments: [String]) -> [String] {
        ["reprepro", "--waitforlock", "10", "--ignore", "unusedarch", "--basedir", basedir] + arguments
    }

    /// Runs reprepro with `arguments`; returns its output, or throws with the output when it fails.
    public func run(_ arguments: [String], done: [[String]] = [], undo: String? = nil) throws(RepositoryStateError) -> String {
        let command = commandLine(arguments)
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(command)
        } catch {
            throw .cannotRun(error)
        }
        guard result.status == 0 else {
            if let lockfile = Self.heldLock(in: result.output) {
                throw .locked(command: ["reprepro"] + arguments, lockfile: lockfile, done: done, undo: undo)
            }
            throw .stepFailed(command: ["reprepro"] + arguments, status: result.status, output: result.output, done: done, undo: undo)
        }
        return result.output
    }

    /// The lock file reprepro could not acquire, from its output (`Could not acquire lock: <path> already
    /// exists!`, reprepro 5.3's text), nil when it failed for another reason.
    static func heldLock(in output: String) -> String? {
        let prefix = "Could not acquire lock: ", suffix = " already exists!"
        for line in output.split(separator: "\n") where line.hasPrefix(prefix) && line.hasSuffix(suffix)
            && line.count > prefix.count + suffix.count {
            return String(line.dropFirst(prefix.count).dropLast(suffix.count))
        }
        return nil
    }

    /// `reprepro --type dsc lsbycomponent <source>`, parsed.
    public func ls(_ source: String) throws(RepositoryStateError) -> SourceListing {
        SourceListing(source: source, lsbycomponent: try run(["--type", "dsc", "lsbycomponent", source]))
    }
}
