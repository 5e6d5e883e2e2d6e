import ArgumentParser
import Index
import Port
import Query

struct PortExtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "port_ext",
        abstract: "Port an external source package (.dsc path or file:// URL) to distributions: a verified no-change upload.",
        discussion: """
            Writes <output>/<distribution>/ per target: the rewritten debian tarball (or native tarball), the orig
            tarballs (hard-linked), the .dsc and a source-only .changes. Without -u the .dsc's signature is checked
            with gpgv against --keyring files.

            Examples:
              debwork port_ext --keyring ~/.gnupg/trustedkeys.gpg ../hello_2.10-3.dsc bookworm-test-unstable
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions
    @OptionGroup var port: PortOptions

    @Argument(help: "The .dsc: a path or a file:// URL.")
    var dsc: String

    @Argument(help: "Target distributions (e.g. bookworm-test-unstable).")
    var targets: [String]

    @Flag(name: [.customShort("u"), .customLong("unsigned"), .customLong("allow-unauthenticated")], help: "Do not check the .dsc's signature.")
    var unsigned = false

    @Option(name: .long, help: ArgumentHelp("Keyring for the signature check (repeatable; default: the configuration's port.keyrings).", valueName: "file"))
    var keyring: [String] = []

    func run() throws {
        try runReportingErrors {
            let path = try PortSourceLocation.path(of: dsc)
            let configuration = try settings.load()
            if !unsigned {
                // --keyring flags replace the configuration's keyrings rather than adding to them.
                let keyrings = keyring.isEmpty ? configuration.keyrings : keyring
                guard !keyrings.isEmpty else {
                    throw PortError(file: path, "no keyring configured to check the signature: pass --keyring FILE, set keyrings in the configuration's [port] table, or -u to skip the check")
                }
                try UploadSigner.verify(path, keyrings: keyrings)
            }
            let source = try PortSourceLocation.identify(path)
            let store = try? IndexStore(path: global.indexPath, readOnly: true)
            try PortRunner.run(dscPath: path, targets: targets, mode: .external(from: dsc), source: source.source,
                               version: source.version, options: port, configuration: configuration,
                               service: PortService(layout: configuration.layout, store: store), global: global)
        }
    }
}
