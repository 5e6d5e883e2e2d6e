import ArgumentParser
import Index
import RepositoryState

struct SnapshotDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot_diff",
        abstract: "Compare two snapshots, a snapshot and its distribution, or two distributions.",
        discussion: """
            Per architecture ('source' for the source packages): packages added, removed, upgraded and
            downgraded from A to B (Debian version ordering), from the index. An operand is a distribution
            (bookworm-test-stable) or one of its snapshots (bookworm-test-stable/snapshots/NAME, or
            bookworm-test-stable@NAME). Exit status 0 when identical, 1 when different.
            Example: debwork snapshot_diff bookworm-test-unstable@WEEKLY_2025-01-06T00:00 bookworm-test-unstable
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The older state.")
    var a: String

    @Argument(help: "The newer state.")
    var b: String

    func run() throws {
        try runReportingErrors {
            let store = try IndexStore(path: global.indexPath, readOnly: true)
            let diff = try SnapshotDiff.compare(a, b, store: store)
            try printOutput(diff, json: global.wantsJSON)
            if !diff.identical { throw ExitCode(1) }
        }
    }
}
