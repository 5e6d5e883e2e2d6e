import ArgumentParser
import Port

struct TestPackagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test_packages",
        abstract: "Generate mini-buildd's test source packages (3.0 native, version a UTC date stamp) and port_ext them.",
        discussion: """
            mbd-test-archall (Architecture: all), mbd-test-cpp (C++ with libssl-dev) and mbd-test-ftbfs (fails to
            build on purpose). Each is written to <output>/<source>_<version>/<distribution>/ (output default ./ports).

            Examples:
              debwork test_packages -D bookworm-test-experimental
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions
    @OptionGroup var port: PortOptions

    @Option(name: [.customShort("S"), .customLong("sources")], parsing: .upToNextOption,
            help: ArgumentHelp("Which test packages (default: all of \(TemplatePackage.testPackageNames.joined(separator: ", "))).",
                               valueName: "source"))
    var sources: [String] = []

    @Option(name: [.customShort("D"), .customLong("distributions")], parsing: .upToNextOption,
            help: ArgumentHelp("Target distributions.", valueName: "dist"))
    var distributions: [String] = []

    @Option(name: [.customShort("A"), .customLong("auto-ports")], parsing: .upToNextOption,
            help: ArgumentHelp("Distributions the packages are to be ported to automatically (MINI_BUILDD_OPTION: auto-ports=…).",
                               valueName: "dist"))
    var autoPorts: [String] = []

    @Flag(name: [.customShort("c"), .customLong("with-check")],
          help: "mini-buildd waits for the build results; offline there are none (accepted for scripts, no effect).")
    var withCheck = false

    func validate() throws {
        guard !distributions.isEmpty else { throw ValidationError("Give at least one target distribution with -D.") }
        for source in sources where !TemplatePackage.testPackageNames.contains(source) {
            throw ValidationError("Unknown test package '\(source)' (known: \(TemplatePackage.testPackageNames.joined(separator: ", "))).")
        }
    }

    func run() throws {
        try runReportingErrors {
            let templates = TemplatePackage.testPackages.filter { sources.isEmpty || sources.contains($0.name) }
            var port = port
            if !autoPorts.isEmpty {
                // mini-buildd puts the auto-ports option in the package's changelog; here it rides with the port's.
                port.options = (port.options.isEmpty ? "" : port.options + "|") + "auto-ports=" + autoPorts.joined(separator: ",")
            }
            try TemplatePortRunner.run(templates, targets: distributions, settings: settings, port: port, global: global)
        }
    }
}
