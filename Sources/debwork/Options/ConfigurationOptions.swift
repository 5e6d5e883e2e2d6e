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

    /// The options as plain values.
    var settings: InstanceSettings {
        InstanceSettings(config: config, identity: identity, host: host, httpPort: httpPort, ftpPort: ftpPort)
    }

    /// The configuration after file and flags.
    func load() throws -> Configuration { try settings.load() }
}

/// The instance options as plain values: what ``ConfigurationOptions`` parses, or the quick lane reads.
struct InstanceSettings {
    var config: String?
    var identity: String?
    var host: String?
    var httpPort: Int?
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

    /// The instance options as the quick lane reads them (the spellings ``ConfigurationOptions`` declares).
    static let quickOptions: [QuickArguments.Option] = [
        .init(names: ["--config"], kind: .single), .init(names: ["--identity"], kind: .single),
        .init(names: ["--host"], kind: .single), .init(names: ["--http-port"], kind: .single),
        .init(names: ["--ftp-port"], kind: .single),
    ]
}

extension InstanceSettings {
    /// The instance options among quick-lane `arguments`; nil when a port is not a number.
    init?(quick arguments: QuickArguments) {
        guard let httpPorts = arguments.values("--http-port", Int.init(argument:)),
              let ftpPorts = arguments.values("--ftp-port", Int.init(argument:))
        else { return nil }
        self.init(config: arguments.value("--config"), identity: arguments.value("--identity"), host: arguments.value("--host"),
                  httpPort: httpPorts.last, ftpPort: ftpPorts.last)
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

    /// The filters the quick lane reads: `-V` and `-M`. `-R` and `-C` take values up to the next option
    /// (ArgumentParser's `.upToNextOption`, which also takes a source name written after them): left to ArgumentParser.
    static let quickOptions: [QuickArguments.Option] = [
        .init(names: ["--version", "-V"], kind: .single), .init(names: ["--min-version", "-M"], kind: .single),
    ]
}
