import ArgumentParser
import Index

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        _superCommandName: "debwork",  // parsed on its own by Debwork.runDirectly: no completion-request parse
        abstract: "Show the index: files by kind and area, repositories, distributions, snapshots.",
        discussion: """
            Examples:
              debwork status
              debwork status --failed
              debwork status -J
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions

    @Flag(name: [.customShort("R"), .customLong("with-repositories")],
          help: "Also list the repositories (mini-buildd-api form; debwork's own form always lists them).")
    var withRepositories = false

    @Flag(name: .long, help: "List the files the index remembers as failed, with the reason (not only their number).")
    var failed = false

    func run() throws {
        try StatusCall(global: global.settings, instance: settings.settings, withRepositories: withRepositories, failed: failed).run()
    }
}

/// `status`'s arguments as plain values: from ``StatusCommand``, or read by the quick lane (``QuickArguments``).
struct StatusCall {
    var global: GlobalSettings
    var instance: InstanceSettings
    var withRepositories = false
    var failed = false

    static let quickOptions = GlobalSettings.quickOptions + InstanceSettings.quickOptions
        + [.init(names: ["--with-repositories", "-R"], kind: .flag), .init(names: ["--failed"], kind: .flag)]

    func run() throws {
        try runReportingErrors {
            let configuration = try instance.load()
            let store = try IndexStore(path: global.indexPath, readOnly: true)
            var status = try store.status(version: Debwork.version, identity: configuration.identity)
            if failed { status.index.failedFiles = try store.failedFiles() }
            // The instance as dput_conf and sources_list name it.
            status.url = configuration.url
            status.incomingURL = "ftp://\(configuration.host):\(configuration.ftpPort)"
            if OutputForm.current == .api {
                // mini-buildd's keys only: repositories with -R, nothing of debwork's index.
                status.mode = withRepositories ? .miniBuilddWithRepositories : .miniBuildd
            }
            try printOutput(status, json: global.wantsJSON)
        }
    }
}

extension StatusCall {
    /// The call `arguments` (after the call's name) ask for, when the quick lane reads them all; nil otherwise.
    init?(quick arguments: ArraySlice<String>) {
        guard let parsed = QuickArguments(arguments, options: Self.quickOptions, positionals: 0),
              let global = GlobalSettings(quick: parsed), let instance = InstanceSettings(quick: parsed)
        else { return nil }
        self.init(global: global, instance: instance, withRepositories: parsed.flag("--with-repositories"),
                  failed: parsed.flag("--failed"))
    }
}
