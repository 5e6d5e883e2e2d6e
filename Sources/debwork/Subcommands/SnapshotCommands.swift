import ArgumentParser
import JSONOutput
import Index
import RepositoryState

struct SnapshotLsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot_ls",
        _superCommandName: "debwork",  // parsed on its own by Debwork.runDirectly: no completion-request parse
        abstract: "List the reprepro snapshots of a distribution (from the index).",
        discussion: """
            Examples:
              debwork snapshot_ls bookworm-test-unstable
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions

    @Argument(help: "Distribution name.", completion: IndexCompletion.distributions)
    var distribution: String

    func run() throws {
        try SnapshotLsCall(global: global.settings, instance: settings.settings, distribution: distribution).run()
    }
}

/// `snapshot_ls`'s arguments as plain values: from ``SnapshotLsCommand``, or read by the quick lane.
struct SnapshotLsCall {
    var global: GlobalSettings
    var instance: InstanceSettings
    var distribution: String

    func run() throws {
        try runReportingErrors {
            let store = try IndexStore(path: global.indexPath, readOnly: true)
            let names = try RepositoryStateService(store: store, layout: try instance.load().layout).snapshots(of: distribution)
            try printOutput(SnapshotList(names), json: global.wantsJSON)
        }
    }
}

extension SnapshotLsCall {
    /// The call `arguments` (after the call's name) ask for, when the quick lane reads them all; nil otherwise.
    init?(quick arguments: ArraySlice<String>) {
        guard let parsed = QuickArguments(arguments, options: GlobalSettings.quickOptions + InstanceSettings.quickOptions,
                                          positionals: 1),
              let distribution = parsed.positionals.first,
              let global = GlobalSettings(quick: parsed), let instance = InstanceSettings(quick: parsed)
        else { return nil }
        self.init(global: global, instance: instance, distribution: distribution)
    }
}

struct SnapshotCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot_create",
        abstract: "Create a reprepro snapshot of a distribution ('reprepro gensnapshot'). Confirmable.",
        discussion: """
            Examples:
              debwork snapshot_create --auto-confirm bookworm-test-stable before-2026-12
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions

    @Argument(help: "Distribution name.", completion: IndexCompletion.distributions)
    var distribution: String

    @Argument(help: "Snapshot name.")
    var name: String

    func run() throws {
        try runSnapshotChange("snapshot_create", plan: "reprepro gensnapshot \(distribution) \(name)\n",
                              global: global, settings: settings) { try $0.createSnapshot(of: distribution, named: name) }
    }
}

struct SnapshotDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot_delete",
        abstract: "Delete a reprepro snapshot of a distribution (unreferencesnapshot, clearvanished, deleteunreferenced). Confirmable.",
        discussion: """
            Examples:
              debwork snapshot_delete --auto-confirm bookworm-test-stable before-2026-12
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions

    @Argument(help: "Distribution name.", completion: IndexCompletion.distributions)
    var distribution: String

    @Argument(help: "Snapshot name.")
    var name: String

    func run() throws {
        try runSnapshotChange("snapshot_delete",
                              plan: "reprepro unreferencesnapshot \(distribution) \(name); --delete clearvanished; deleteunreferenced\n",
                              global: global, settings: settings) { try $0.deleteSnapshot(of: distribution, named: name) }
    }
}

/// The confirmable snapshot calls: confirm, change, print mini-buildd's result `{}` (as JSON in both forms).
func runSnapshotChange(_ call: String, plan: String, global: GlobalOptions, settings: ConfigurationOptions,
                       _ change: (RepositoryStateService) throws -> Void) throws {
    try runReportingErrors {
        let store = try IndexStore(path: global.indexPath)
        let service = RepositoryStateService(store: store, layout: try settings.load().layout)
        try Confirmation.require(call, plan: plan, global: global)
        try change(service)
        if global.wantsJSON { printJSON(JSONValue.object([])) }
    }
}
