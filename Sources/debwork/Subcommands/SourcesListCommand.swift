import ArgumentParser
import ConfigurationFile
import Index
import Query

struct SourcesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources_list",
        abstract: "APT lines for the indexed repositories (mini-buildd's format).",
        discussion: """
            Base URLs come from --mirror, else the configuration ([repositories.<id>] url, instance mirror, host and port).

            Examples:
              debwork sources_list -C bookworm -S unstable
              debwork sources_list -T deb deb-src -r 2 -D
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions

    @Option(name: [.customShort("C"), .customLong("codenames")], parsing: .upToNextOption, help: "Only these codenames.", completion: IndexCompletion.codenames)
    var codenames: [String] = []
    @Option(name: [.customShort("R"), .customLong("repositories")], parsing: .upToNextOption, help: "Only these repository ids.")
    var repositories: [String] = []
    @Option(name: [.customShort("S"), .customLong("suites")], parsing: .upToNextOption, help: "Only these suites.")
    var suites: [String] = []
    @Option(name: [.customShort("T"), .customLong("types")], parsing: .upToNextOption, help: "Line types: deb, deb-src.")
    var types: [String] = ["deb"]
    @Option(name: [.customShort("O"), .customLong("options")], help: "APT options inside the brackets, e.g. 'arch=amd64'.")
    var options: String = ""
    @Option(name: [.customShort("r"), .customLong("rollbacks")], parsing: .unconditional, help: "Also list the first N rollback distributions (below 0: all).")
    var rollbacks: Int = 0
    @Option(name: [.customShort("P"), .customLong("snapshot")], help: "List this reprepro snapshot instead (<dist>/snapshots/<name>).")
    var snapshot: String?
    @Option(name: [.customShort("M"), .customLong("mirror")], help: "Base URL of the repositories (<mirror>/<repo>).")
    var mirror: String?
    @Flag(name: [.customShort("D"), .customLong("with-comment")], help: "Put mini-buildd's comment (origin, distribution) above each line.")
    var withComment = false
    @Flag(name: [.customShort("X"), .customLong("with-extra")],
          help: "mini-buildd also lists the extra sources its builds use (security, backports); an index has none (accepted, no effect).")
    var withExtra = false

    func validate() throws {
        for type in types where type != "deb" && type != "deb-src" {
            throw ValidationError("unknown type '\(type)': use deb or deb-src")
        }
    }

    func run() throws {
        try runReportingErrors {
            let store = try IndexStore(path: global.indexPath, readOnly: true)
            var service = SourcesListService()
            service.codenames = codenames
            service.repositories = repositories
            service.suites = suites
            service.types = types
            service.options = options
            service.rollbacks = rollbacks
            service.snapshot = snapshot
            service.mirror = mirror
            service.withComment = withComment
            let list = SourcesList(try service.run(store: store, configuration: try settings.load()))
            if OutputForm.current == .api {
                printAPIString(list.text, json: global.json)
            } else {
                try printOutput(list, json: global.json)
            }
        }
    }
}
