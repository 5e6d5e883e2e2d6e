import ArgumentParser
import Index
import Port
import Query

struct PortPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "port_plan",
        abstract: "List the sources of FROM_DIST that TO_DIST lacks or has at a lower version, with their port versions.",
        discussion: """
            Per source: the version in FROM_DIST, the one in TO_DIST, the version a port would get, and every
            reason TO_DIST would reject it; whether the source's build dependencies (Build-Depends, -Arch, \
            -Indep, Build-Conflicts…) can be installed in TO_DIST with build-essential and the Essential \
            packages, on each architecture its Release lists (TO_DIST's Packages files as the index found them, \
            plus --background FILE: the Debian base a repository builds on; "not checked" when the index has \
            no Packages of TO_DIST). --all writes the port of every listed source, each under
            <output-dir>/<source>_<version-without-epoch>/<TO_DIST> (default output dir: ./ports).

            Examples:
              debwork port_plan bookworm-test-unstable bullseye-test-unstable
              debwork port_plan --all --output-dir /tmp/ports bookworm-test-unstable bullseye-test-unstable
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions
    @OptionGroup var port: PortOptions

    @Argument(help: "The distribution to port from.", completion: IndexCompletion.distributions)
    var from: String

    @Argument(help: "The distribution to port to.", completion: IndexCompletion.distributions)
    var to: String

    @Flag(name: .long, help: "Port every listed source (as 'port SOURCE FROM_DIST TO_DIST').")
    var all = false

    @Option(name: .long, help: ArgumentHelp("A Packages file that also satisfies build dependencies (repeatable).", valueName: "file"))
    var background: [String] = []

    func run() throws {
        try runReportingErrors {
            let configuration = try settings.load()
            let store = try IndexStore(path: global.indexPath, readOnly: true)
            let rows = try PortPlanner(layout: configuration.layout, store: store,
                                       codeversions: configuration.codeversions, background: background).plan(from: from, to: to)
            guard all else {
                try printOutput(PortCandidates(rows, to: to), json: global.json)
                return
            }
            let service = PortService(layout: configuration.layout, store: store)
            var results: [PortResult] = []
            for row in rows {
                results += try PortRunner.port(
                    dscPath: row.dsc, targets: [to], mode: .internalPort(from: from), source: row.source,
                    version: row.version, options: port,
                    outputDirectory: PortRequest.outputDirectory(under: port.outputDir ?? "ports", source: row.source,
                                                                 version: row.version),
                    configuration: configuration, service: service)
            }
            try PortRunner.report(results, options: port, global: global)
        }
    }
}
