import ArgumentParser
import Index
import RepositoryState
#if canImport(Glibc)
import Glibc
#endif

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Migrate a source package (with its binaries) to the next suite, or restore it from a rollback.",
        discussion: """
            mini-buildd's algorithm, step for step, run with reprepro on the repository tree the index knows
            for DISTRIBUTION: the target's rollbacks are shifted first, then 'reprepro copysrc'. From a
            -rollbackN distribution, that rollback is restored into its distribution. The index is brought up
            to date afterwards. Confirmable: --auto-confirm, or answer the question on a terminal.
            Example: debwork migrate --auto-confirm --full dwhello bookworm-test-unstable
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions
    @OptionGroup var change: RepositoryChangeOptions

    @Flag(name: [.customShort("F"), .long], help: "Migrate all 'migrates_to' suites up (unstable -> testing -> stable).")
    var full = false

    @Option(name: [.customShort("V"), .customLong("version")], help: "Migrate exactly this version (a safeguard).")
    var version: String?

    @Argument(help: "Source package name.", completion: IndexCompletion.sources)
    var source: String

    @Argument(help: "Distribution to migrate from (<codename>-<repo>-<suite>[-rollback<n>]).", completion: IndexCompletion.distributions)
    var distribution: String

    func run() throws {
        try runReportingErrors {
            try RepositoryChangeRunner.run(.migrate(full: full), call: "migrate", source: source,
                                           distribution: distribution, version: version, options: change,
                                           global: global, settings: settings)
        }
    }
}

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a source package (with its binaries) from a distribution.",
        discussion: """
            mini-buildd's algorithm: the removed version is shifted into the rollbacks first (unless
            --without-rollback); removing from a -rollbackN distribution closes the gap with the later rollbacks.
            Run with reprepro ('removesrc'); the index is brought up to date afterwards. Confirmable.
            Example: debwork remove --auto-confirm --snapshot-before dwold bullseye-test-unstable
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions
    @OptionGroup var change: RepositoryChangeOptions

    @Flag(name: .long, help: "Don't copy to rollback distribution.")
    var withoutRollback = false

    @Option(name: [.customShort("V"), .customLong("version")], help: "Remove exactly this version (a safeguard).")
    var version: String?

    @Argument(help: "Source package name.", completion: IndexCompletion.sources)
    var source: String

    @Argument(help: "Distribution to remove from (a rollback distribution too).", completion: IndexCompletion.distributions)
    var distribution: String

    func run() throws {
        try runReportingErrors {
            try RepositoryChangeRunner.run(.remove(withoutRollback: withoutRollback), call: "remove", source: source,
                                           distribution: distribution, version: version, options: change,
                                           global: global, settings: settings)
        }
    }
}

/// Plan, confirm, execute, print: the common path of `migrate` and `remove`.
enum RepositoryChangeRunner {
    static func run(_ kind: RepositoryStateService.Change, call: String, source: String, distribution: String,
                    version: String?, options: RepositoryChangeOptions, global: GlobalOptions,
                    settings: ConfigurationOptions) throws {
        let store = try IndexStore(path: global.indexPath, readOnly: options.dryRun)
        let service = RepositoryStateService(store: store, layout: try settings.load().layout)
        service.ignoreDependencies = options.ignoreDeps
        let version = version.flatMap { $0.isEmpty ? nil : $0 }
        let plan = try service.plan(kind, source: source, distribution: distribution, version: version)
        if options.dryRun {
            try printRepositoryPlan(plan, global: global, executed: false)
            return
        }
        try Confirmation.require(call, plan: plan.text, global: global)
        let done = try service.execute(kind, source: source, distribution: distribution, version: version,
                                       snapshotBefore: options.snapshotBefore, now: Int(time(nil)))
        try printRepositoryPlan(done, global: global, executed: true)
    }
}
