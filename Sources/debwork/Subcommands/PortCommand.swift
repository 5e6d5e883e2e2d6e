import ArgumentParser
import Index
import Port
import Query

struct PortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "port",
        abstract: "Port a source package from one distribution to others (a rebuild when FROM equals TO).",
        discussion: """
            The .dsc comes from the index: the version of SOURCE in FROM_DIST (or exactly -V VERSION). Writes
            <output>/<distribution>/ per target, verified; warns when a target would reject the version.

            Examples:
              debwork port dwhello bookworm-test-unstable bullseye-test-unstable
              debwork port dwhello bookworm-test-unstable bookworm-test-unstable   (a rebuild)
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions
    @OptionGroup var port: PortOptions

    @Argument(help: "Source package name.", completion: IndexCompletion.sources)
    var source: String

    @Argument(help: "The distribution to port from.", completion: IndexCompletion.distributions)
    var from: String

    @Argument(help: "Target distributions.", completion: IndexCompletion.distributions)
    var targets: [String]

    @Option(name: [.customShort("V"), .customLong("version")], help: "Port exactly this version (default: the one in FROM_DIST).")
    var version: String?

    func run() throws {
        try runReportingErrors {
            let configuration = try settings.load()
            let store = try IndexStore(path: global.indexPath, readOnly: true)
            let located = try PortService.locate(source: source, distribution: from, version: version, store: store)
            try PortRunner.run(dscPath: located.dsc, targets: targets, mode: .internalPort(from: from), source: source,
                               version: located.version, options: port, configuration: configuration,
                               service: PortService(layout: configuration.layout, store: store), global: global)
        }
    }
}
