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
            throw .stepFailed(command: ["reprepro"] + arguments, status: result.status, output: result.output, done: done, undo: undo)
        }
        return result.output
    }

    /// `reprepro --type dsc lsbycomponent <source>`, parsed.
    public func ls(_ source: String) throws(RepositoryStateError) -> SourceListing {
        SourceListing(source: source, lsbycomponent: try run(["--type", "dsc", "lsbycomponent", source]))
    }
}
