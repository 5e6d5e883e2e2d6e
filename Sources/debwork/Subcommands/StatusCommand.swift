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
        try runReportingErrors {
            let configuration = try settings.load()
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
