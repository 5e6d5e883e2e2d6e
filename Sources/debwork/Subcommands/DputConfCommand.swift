import ArgumentParser
import ConfigurationFile
import Query

struct DputConfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dput_conf",
        abstract: "The recommended dput configuration for the configured instance (-N: the dput-ng JSON profile).",
        discussion: """
            Examples:
              debwork dput_conf >> ~/.dput.cf
              debwork dput_conf -N > ~/.dput.d/profiles/mini-buildd-acme.json
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions

    @Flag(name: .long, help: "Leave out the recommended [DEFAULT] section.")
    var withoutGlobal = false

    @Flag(name: [.customShort("N"), .customLong("dput-ng"), .customLong("dput-ng-profile")], help: "Print the dput-ng profile (JSON) instead.")
    var dputNG = false

    func run() throws {
        try runReportingErrors {
            let configuration = try settings.load()
            let service = DputConfService(withoutGlobal: withoutGlobal)
            if OutputForm.current == .api {
                // mini-buildd's result is a str either way: the profile is json.dumps(indent=2) text.
                printAPIString(dputNG ? service.profile(configuration).serializedAsPython() : service.text(configuration),
                                   json: global.json)
            } else if dputNG {
                Console.out(service.profile(configuration).serialized() + "\n")
            } else if global.json {
                printJSON(.string(service.text(configuration)))
            } else {
                Console.out(service.text(configuration))
            }
        }
    }
}
