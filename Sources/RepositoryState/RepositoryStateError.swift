import DebianFormats
import SystemCalls

/// Why a repository-state call (`migrate`, `remove`, `snapshot_*`) refused or failed. The refusals carry
/// mini-buildd's own texts (its `HTTPBadRequest` messages), so scripts that match on them keep working.
public enum RepositoryStateError: Error, Sendable, CustomStringConvertible {
    /// A check of mini-buildd's algorithm failed (its message, verbatim).
    case refused(String)
    /// A distribution name mini-buildd's parser refuses (its message, verbatim, like ``refused(_:)``).
    case invalidDistribution(DistributionError)
    /// The distribution is not in the index, or not a mini-buildd name.
    case unknownDistribution(String)
    /// The repository holding the distribution has no reprepro database (`db/`): an exported copy or a
    /// mirror, which reprepro cannot change (it would answer as if the repository were empty).
    case noDatabase(root: String)
    /// A reprepro command failed; `done` lists the commands that had already run.
    case stepFailed(command: [String], status: Int32, output: String, done: [[String]], undo: String?)
    /// reprepro gave up waiting for another reprepro run's lock (`lockfile`), after `--waitforlock 10`.
    case locked(command: [String], lockfile: String, done: [[String]], undo: String?)
    /// reprepro could not be run at all (the failed `posix_spawnp` or temporary file).
    case cannotRun(SystemCallError)
    /// A confirmable call was neither confirmed nor auto-confirmed (mini-buildd's text).
    case needsConfirmation(call: String)

    public var description: String {
        switch self {
        case .refused(let message): return message
        case .invalidDistribution(let error): return "\(error)"
        case .unknownDistribution(let name): return "no distribution '\(name)' in the index (see 'debwork status')"
        case .noDatabase(let root):
            return "\(root): no reprepro database (db/): migrate, remove and the snapshot calls change a repository reprepro manages, not an exported copy"
        case .stepFailed(let command, let status, let output, let done, let undo):
            var text = "'\(command.joined(separator: " "))' failed (exit status \(status))"
            let lastLines = output.split(separator: "\n").suffix(3).joined(separator: " / ")
            if !lastLines.isEmpty { text += ": \(lastLines)" }
            text += done.isEmpty ? "; nothing was changed before it"
                : "; done before it: " + done.map { $0.joined(separator: " ") }.joined(separator: "; ")
            if let undo { text += "; to undo: \(undo)" }
            return text
        case .locked(let command, let lockfile, let done, let undo):
            var text = "'\(command.joined(separator: " "))' gave up: another reprepro run holds the repository's lock "
                + "(\(lockfile) exists) and kept it through --waitforlock 10 (10 retries, 10 s apart); try again when it is done"
                + " (a lock file left by a crashed run must be removed by hand)"
            text += done.isEmpty ? "; nothing was changed before it"
                : "; done before it: " + done.map { $0.joined(separator: " ") }.joined(separator: "; ")
            if let undo { text += "; to undo: \(undo)" }
            return text
        case .cannotRun(let error): return "cannot run reprepro: \(error.message)"
        case .needsConfirmation(let call): return "API call '\(call)' needs to be confirmed: \(call)"
        }
    }
}
