import ArgumentParser
import JSONOutput
import RepositoryState
#if canImport(Glibc)
import Glibc
#endif

/// mini-buildd's confirmable calls: `--auto-confirm` runs them; on a terminal (stdin and stdout, as
/// mini-buildd-api decides) the plan is shown and the user asked; `--script-mode`, or no terminal, refuses with
/// mini-buildd's message.
enum Confirmation {
    static func require(_ call: String, plan: String, global: GlobalOptions) throws {
        if global.autoConfirm { return }
        guard !global.scriptMode, isatty(0) == 1, isatty(1) == 1 else {
            throw RepositoryStateError.needsConfirmation(call: call)
        }
        Console.err(plan)
        Console.err("Confirm '\(call)'? [y/N] ")
        let answer = readLine(strippingNewline: true)?.lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw RepositoryStateError.needsConfirmation(call: call) }
    }
}

/// The options of the calls that change a repository.
struct RepositoryChangeOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the plan (the reprepro commands and the resulting versions) and change nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Snapshot every distribution the call changes first (DEBWORK_<time>), so that it can be undone with 'reprepro restoresrc'.")
    var snapshotBefore = false

    @Flag(name: .long, help: "migrate: skip the installability check (britney's rule, with libsolv).")
    var ignoreDeps = false
}

/// Prints what a repository-state call did or would do: mini-buildd-api's `{}` in its form, else the plan
/// (text, or JSON with `-J`).
func printRepositoryPlan(_ plan: RepositoryPlan, global: GlobalOptions, executed: Bool) throws {
    if OutputForm.current == .api && executed {
        printJSON(JSONValue.object([]))
    } else {
        try printOutput(plan, json: global.wantsJSON)
    }
}
