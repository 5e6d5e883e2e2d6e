import ArgumentParser
import ConfigurationFile
import Index
import Port
import Query

struct KeyringPackagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyring_packages",
        abstract: "Generate the <identity>-archive-keyring source package (3.0 native) and port_ext it.",
        discussion: """
            It installs the --sign-key public key dearmored as /usr/share/keyrings/<identity>-archive-keyring.gpg, the
            repositories' APT lines (signed-by that key; from the index) under /usr/share/<identity>-archive-keyring/,
            and the dput-ng profile under /etc/dput.d/profiles/. The ports are signed with the same key.

            Examples:
              debwork keyring_packages --sign-key 0x1234ABCD -D bookworm-test-unstable
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions
    @OptionGroup var port: PortOptions

    @Flag(name: [.customShort("M"), .customLong("without-migration")],
          help: "mini-buildd migrates the installed keyring packages up; offline nothing is installed (accepted for scripts, no effect).")
    var withoutMigration = false

    @Option(name: [.customShort("D"), .customLong("distributions")], parsing: .upToNextOption,
            help: ArgumentHelp("Target distributions.", valueName: "dist"))
    var distributions: [String] = []

    func validate() throws {
        guard !distributions.isEmpty else { throw ValidationError("Give at least one target distribution with -D.") }
    }

    func run() throws {
        try runReportingErrors {
            guard let signKey = port.signKey else {
                throw PortError("keyring_packages needs the instance's key: pass --sign-key KEYID (its public key goes into the package)")
            }
            let configuration = try settings.load()
            let identity = configuration.identity
            var lines = SourcesListService()
            lines.options = "signed-by=" + TemplatePackage.KeyringPaths.key(identity)
            lines.withComment = true
            let sourcesList: String
            if let store = try? IndexStore(path: global.indexPath, readOnly: true) {
                sourcesList = SourcesListService.text(try lines.run(store: store, configuration: configuration))
            } else {
                Console.message("W", "no index at '\(global.indexPath)': the package's sources.list is empty")
                sourcesList = ""
            }
            let target = DputConfService.target(configuration)
            let template = TemplatePackage.keyring(
                identity: identity, key: try ArchiveKey.dearmored(signKey),
                sourcesList: "# APT lines of the \(identity) repositories\n" + sourcesList, dputTarget: target,
                dputProfile: DputConfService().profile(configuration).serialized())
            try TemplatePortRunner.run([template], targets: distributions, settings: settings, port: port, global: global)
        }
    }
}
