import ArgumentParser
import Index
import Query

struct LsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        _superCommandName: "debwork",  // parsed on its own by Debwork.runDirectly: no completion-request parse
        abstract: "List a source package in the indexed repositories (per repository and distribution, rollbacks included).",
        discussion: """
            Exit status 0 also when nothing is found (JSON: {}), as mini-buildd does.

            Examples:
              debwork ls dwhello
              debwork ls -J dwhello -C bookworm -M 1.0-2
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup var filter: SourceFilterOptions  // the call's own options: listed under OPTIONS, last, like every call's
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions

    @Argument(help: "Exact source package name.", completion: IndexCompletion.sources)
    var source: String

    func run() throws {
        try SourceCall(kind: .ls, global: global.settings, filter: filter.service, instance: settings.settings, source: source).run()
    }
}
