import ArgumentParser
import Port
import Query

struct PubKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pub_key",
        abstract: "Print the ASCII-armoured public key of the signing key (--sign-key, else the configuration's port.sign_key).",
        discussion: """
            Runs 'gpg --armor --export KEYID'; GNUPGHOME is honoured.

            Examples:
              debwork pub_key --sign-key 0x1234ABCD > acme.asc
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions

    @Option(name: .long, help: ArgumentHelp("The key (default: the configuration's port.sign_key).", valueName: "keyid"))
    var signKey: String?

    func run() throws {
        try runReportingErrors {
            let configuration = try settings.load()
            guard let key = signKey ?? configuration.signKey else {
                throw PortError("no signing key configured: pass --sign-key KEYID or set sign_key in the configuration's [port] table")
            }
            let armored = try PublicKeyExporter.armored(key: key)
            if OutputForm.current == .api { printAPIString(armored, json: global.json) } else { Console.out(armored) }
        }
    }
}
