import ArgumentParser
import Index
import Query

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a source package: ls plus upload state, suite flags, binaries, changelog, files, builds and uploads.",
        discussion: """
            JSON keeps mini-buildd's keys (dsc_path relative to the repositories root as <repo>/pool/…, changes_path,
            uploadable, migrates_to, is_migrated); what only the index knows is under "x-debwork".
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filter: SourceFilterOptions
    @OptionGroup var settings: ConfigurationOptions

    @Argument(help: "Exact source package name.", completion: IndexCompletion.sources)
    var source: String

    func run() throws {
        try runReportingErrors {
            let store = try IndexStore(path: global.indexPath, readOnly: true)
            let result = try ShowService(filter: filter.service).run(source, store: store, layout: try settings.load().layout)
            try printOutput(result, json: global.wantsJSON)
        }
    }
}
