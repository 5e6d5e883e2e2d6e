import ArgumentParser
import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// The root command: configuration only; every call lives in `Subcommands/`.
@main
struct Debwork: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "debwork",
        abstract: "An offline workbench for Debian packages: index, search, compare and port.",
        discussion: """
            The calls mirror mini-buildd-api's (status, ls, show, search, debdiff, port, …), answered from a
            local SQLite index that 'debwork index PATH…' builds from .deb/.dsc/.changes files and APT repositories.
            'debwork --version' prints the version; 'man debwork-<call>' (installed by scripts/install) has each
            call's manual. How each call decides, exit codes and JSON shapes: the user's guide, README.md
            (installed as /usr/share/doc/debwork/README.md, or under the --prefix given to scripts/install).

            Examples:
              debwork index ~/debian/build-area /srv/mini-buildd/repositories
              debwork ls hello
              debwork search --path bin/hello
              debwork debdiff hello_2.10-2_amd64.deb hello_2.10-3_amd64.deb
              debwork-api ls hello   (exactly what mini-buildd-api prints)
            """,
        // No `version:` here: ArgumentParser would give every call a `--version` flag, and `ls`, `show`,
        // `migrate`, `remove` and `port` use `-V/--version` for a package version (mini-buildd's). `debwork
        // --version` is answered in `main` instead.
        subcommands: [
            IndexCommand.self, StatusCommand.self, LsCommand.self, ShowCommand.self, SearchCommand.self,
            SourcesListCommand.self, DputConfCommand.self, DebdiffCommand.self, PortCommand.self, PortExtCommand.self,
            PortPlanCommand.self, TestPackagesCommand.self, KeyringPackagesCommand.self, PubKeyCommand.self,
            VercmpCommand.self, MigrateCommand.self, RemoveCommand.self, SnapshotLsCommand.self,
            SnapshotCreateCommand.self, SnapshotDeleteCommand.self, SnapshotDiffCommand.self, CheckCommand.self,
        ])

    /// Reads mini-buildd-api's invocation (``Invocation``) before ArgumentParser parses the call.
    static func main() {
        let invocation = Invocation(CommandLine.arguments)
        if let failure = invocation.failure {
            Console.message("E", failure.message)
            Glibc.exit(failure.status)
        }
        OutputForm.current = invocation.form
        if invocation.arguments == ["--version"] {
            Console.out(version + "\n")
            return
        }
        if runDirectly(invocation.arguments) { return }
        main(invocation.arguments)
    }

    /// The read-only calls scripts run in loops, parsed as the root of their own command tree: ArgumentParser
    /// then neither walks every call's tree nor parses the arguments twice more looking for a completion-script
    /// request (a quarter of an `ls`; each of these calls says `_superCommandName: "debwork"`, which turns that
    /// search off and keeps "debwork <call>" in its messages). See docs/BENCHMARKS.md, "Start-up". With each, its
    /// quick-lane reader (``QuickArguments``): the call to run, or nil when it declines the arguments. A `switch`,
    /// not a dictionary: a `[String: ParsableCommand.Type]` costs 0.3 M instructions of metadata at every start.
    static func directCall(_ name: String) -> (command: ParsableCommand.Type, quick: (ArraySlice<String>) -> (() throws -> Void)?)? {
        switch name {
        case "ls": (LsCommand.self, { SourceCall(.ls, quick: $0).map { $0.run } })
        case "show": (ShowCommand.self, { SourceCall(.show, quick: $0).map { $0.run } })
        case "search": (SearchCommand.self, { SearchCall(quick: $0).map { $0.run } })
        case "status": (StatusCommand.self, { StatusCall(quick: $0).map { $0.run } })
        case "vercmp": (VercmpCommand.self, { VercmpCall(quick: $0).map { $0.run } })
        case "snapshot_ls": (SnapshotLsCommand.self, { SnapshotLsCall(quick: $0).map { $0.run } })
        default: nil
        }
    }

    /// Runs one of the ``directCall(_:)`` calls when its arguments parse; anything else — help, completion requests, a
    /// usage error (so that its message names `debwork <call>`) — goes through the whole command tree.
    static func runDirectly(_ arguments: [String]) -> Bool {
        guard let call = arguments.first, let (command, quick) = directCall(call),
              !arguments.contains(where: { $0 == "-h" || $0 == "--help" || $0.hasPrefix("--generate-completion-script")
                                           || $0 == "---completion" || $0.hasPrefix("--experimental") })
        else { return false }
        // One short read of the index and a listing: fewer page faults (docs/BENCHMARKS.md, "Page faults").
        Memory.tuneHeapForOneQuery()
        if runQuickly(quick, arguments.dropFirst()) { return true }
        guard var parsed = try? command.parseAsRoot(Array(arguments.dropFirst())) else { return false }
        do {
            try parsed.run()
        } catch {
            command.exit(withError: error)
        }
        return true
    }

    /// Runs the call `quick` reads from `arguments`; false when it declines them (or the lane is off).
    static func runQuickly(_ quick: (ArraySlice<String>) -> (() throws -> Void)?, _ arguments: ArraySlice<String>) -> Bool {
        let mode = QuickArguments.Mode.current
        guard mode != .off else { return false }
        guard let run = quick(arguments) else {
            guard mode == .required else { return false }
            Console.message("E", "DEBWORK_ARGUMENTS=quick: the quick lane does not read these arguments")
            Glibc.exit(2)
        }
        do {
            try run()
        } catch let exit as ExitCode {
            Glibc.exit(exit.rawValue)
        } catch {
            Self.exit(withError: error)
        }
        return true
    }
}
