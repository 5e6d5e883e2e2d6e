import ArgumentParser
import Index
import Query

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        _superCommandName: "debwork",  // parsed on its own by Debwork.runDirectly: no completion-request parse
        abstract: "Show a source package: ls plus upload state, suite flags, binaries, changelog, files, builds and uploads.",
        discussion: """
            JSON keeps mini-buildd's keys (dsc_path relative to the repositories root as <repo>/pool/…, changes_path,
            uploadable, migrates_to, is_migrated); what only the index knows is under "x-debwork".

            Examples:
              debwork show dwhello
              debwork show -J dwhello -C bookworm
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup var filter: SourceFilterOptions  // the call's own options: listed under OPTIONS, last, like every call's
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions

    @Argument(help: "Exact source package name.", completion: IndexCompletion.sources)
    var source: String

    func run() throws {
        try SourceCall(kind: .show, global: global.settings, filter: filter.service, instance: settings.settings, source: source).run()
    }
}
