import ArgumentParser
import ConfigurationFile
import Query

/// Where the configuration comes from, and flags that override any of its instance values.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Configuration file (default: $DEBWORK_CONFIG, else ${XDG_CONFIG_HOME:-~/.config}/debwork/config.toml if present).",
        valueName: "path"))
    var config: String?

    @Option(name: .long, help: "Instance identity (mini-buildd's; default from the configuration, else 'debwork').")
    var identity: String?

    @Option(name: .long, help: "Instance host name (default: localhost).")
    var host: String?

    @Option(name: .long, help: "Instance HTTP port (default: 8066).")
    var httpPort: Int?

    @Option(name: .long, help: "Instance FTP (incoming) port (default: 8067).")
    var ftpPort: Int?

    /// The configuration after file and flags.
    func load() throws -> Configuration {
        var configuration = try Configuration.load(
            path: config ?? Environment.get("DEBWORK_CONFIG").flatMap { $0.isEmpty ? nil : $0 },
            xdgConfigHome: Environment.get("XDG_CONFIG_HOME"), home: Environment.get("HOME"))
        if let identity { configuration.identity = identity }
        if let host { configuration.host = host }
        if let httpPort {
            // mini-buildd's default FTP endpoint is the HTTP port + 1 (an ENDPOINT URL names only the HTTP port).
            if ftpPort == nil && configuration.ftpPort == configuration.httpPort + 1 { configuration.ftpPort = httpPort + 1 }
            configuration.httpPort = httpPort
        }
        if let ftpPort { configuration.ftpPort = ftpPort }
        return configuration
    }
}

/// mini-buildd's filters of `ls` and `show`.
struct SourceFilterOptions: ParsableArguments {
    @Option(name: [.customShort("R"), .customLong("repositories")], parsing: .upToNextOption,
            help: "Only these repository ids.")
    var repositories: [String] = []

    @Option(name: [.customShort("C"), .customLong("codenames")], parsing: .upToNextOption,
            help: "Only these codenames.")
    var codenames: [String] = []

    @Option(name: [.customShort("V"), .customLong("version")], help: "Only this exact version.")
    var version: String?

    @Option(name: [.customShort("M"), .customLong("min-version")], help: "Only versions at least this (Debian ordering).")
    var minimumVersion: String?

    var service: LsService {
        LsService(repositories: repositories, codenames: codenames, version: version, minimumVersion: minimumVersion)
    }
}
