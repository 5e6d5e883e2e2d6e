import ArgumentParser

/// Flags every call takes: `-J`, `-l`, `--index`.
struct GlobalOptions: ParsableArguments {
    @Flag(name: [.customShort("J"), .long], help: "Machine-readable JSON output on stdout.")
    var json = false

    @Option(name: [.customShort("l"), .customLong("log-level")], help: ArgumentHelp(
        "Log level (WARNING by default; mini-buildd's '<logger>.<level>' too). Repeatable: the last wins.",
        valueName: "level"))
    var logLevels: [LogLevel] = []

    /// The level in force: the last `-l`, else WARNING.
    var logLevel: LogLevel { settings.logLevel }

    @Flag(name: .long, help: "Confirm the calls that change a repository without asking (mini-buildd-api's option).")
    var autoConfirm = false

    @Flag(name: .long, help: "Accepted for mini-buildd-api scripts; debwork has no passwords to save.")
    var autoSavePasswords = false

    @Flag(name: .long, help: "Never ask a question (mini-buildd-api's option): a call that needs confirmation and lacks --auto-confirm fails.")
    var scriptMode = false

    @Option(name: .long, help: ArgumentHelp(
        "The index file (default: $DEBWORK_INDEX, else ${XDG_CACHE_HOME:-~/.cache}/debwork/index.sqlite).",
        valueName: "path"))
    var index: String?

    /// The options as plain values.
    var settings: GlobalSettings {
        GlobalSettings(json: json, logLevels: logLevels, autoConfirm: autoConfirm, autoSavePasswords: autoSavePasswords,
                       scriptMode: scriptMode, index: index)
    }

    var wantsJSON: Bool { settings.wantsJSON }
    var indexIsExplicit: Bool { settings.indexIsExplicit }
    var indexPath: String { settings.indexPath }
    static var defaultIndexPath: String { GlobalSettings.defaultIndexPath }
    var log: Log { settings.log }
}

/// The global options as plain values: what ``GlobalOptions`` parses, or the quick lane (``QuickArguments``) reads.
struct GlobalSettings {
    var json = false
    var logLevels: [LogLevel] = []
    var autoConfirm = false
    var autoSavePasswords = false
    var scriptMode = false
    var index: String?

    /// The level in force: the last `-l`, else WARNING.
    var logLevel: LogLevel { logLevels.last ?? .warning }

    /// Whether a call whose result is a dict or list prints it as JSON: `-J`, or the mini-buildd-api form
    /// (which always prints JSON for those).
    var wantsJSON: Bool { json || OutputForm.current == .api }

    /// Whether the index was named (`--index` or `DEBWORK_INDEX`) rather than the default location.
    var indexIsExplicit: Bool {
        index != nil || !(Environment.get("DEBWORK_INDEX") ?? "").isEmpty
    }

    /// The index path after flags and environment.
    var indexPath: String {
        if let index { return index }
        return Self.defaultIndexPath
    }

    /// `$DEBWORK_INDEX`, else `${XDG_CACHE_HOME:-~/.cache}/debwork/index.sqlite`.
    static var defaultIndexPath: String {
        if let fromEnvironment = Environment.get("DEBWORK_INDEX"), !fromEnvironment.isEmpty { return fromEnvironment }
        let cache = Environment.get("XDG_CACHE_HOME").flatMap { $0.isEmpty ? nil : $0 }
            ?? (Environment.get("HOME") ?? ".") + "/.cache"
        return cache + "/debwork/index.sqlite"
    }

    var log: Log { Log(level: logLevel) }

    /// The global options as the quick lane reads them (the spellings ``GlobalOptions`` declares).
    static let quickOptions: [QuickArguments.Option] = [
        .init(names: ["--json", "-J"], kind: .flag),
        .init(names: ["--log-level", "-l"], kind: .repeatable),
        .init(names: ["--auto-confirm"], kind: .flag),
        .init(names: ["--auto-save-passwords"], kind: .flag),
        .init(names: ["--script-mode"], kind: .flag),
        .init(names: ["--index"], kind: .single),
    ]
}

extension GlobalSettings {
    /// The global options among quick-lane `arguments`; nil when a value does not convert.
    init?(quick arguments: QuickArguments) {
        guard let logLevels = arguments.values("--log-level", LogLevel.init(argument:)) else { return nil }
        self.init(json: arguments.flag("--json"), logLevels: logLevels, autoConfirm: arguments.flag("--auto-confirm"),
                  autoSavePasswords: arguments.flag("--auto-save-passwords"), scriptMode: arguments.flag("--script-mode"),
                  index: arguments.value("--index"))
    }
}

enum LogLevel: String, ExpressibleByArgument, CaseIterable, Comparable {
    case debug = "DEBUG", info = "INFO", warning = "WARNING", error = "ERROR", critical = "CRITICAL"

    /// `DEBUG`, `debug`, or mini-buildd's `<logger>.<level>` (`mini_buildd.DEBUG`): the part after the last dot.
    init?(argument: String) {
        let level = argument.split(separator: ".").last.map(String.init) ?? argument
        self.init(rawValue: level.uppercased())
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}
