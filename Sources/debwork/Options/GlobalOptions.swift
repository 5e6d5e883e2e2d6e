import ArgumentParser

/// Flags every call takes: `-J`, `-l`, `--index`.
struct GlobalOptions: ParsableArguments {
    @Flag(name: [.customShort("J"), .long], help: "Machine-readable JSON output on stdout.")
    var json = false

    @Option(name: [.customShort("l"), .long], help: "Log level: DEBUG, INFO, WARNING (default), ERROR, CRITICAL.")
    var logLevel: LogLevel = .warning

    @Option(name: .long, help: ArgumentHelp(
        "The index file (default: $DEBWORK_INDEX, else ${XDG_CACHE_HOME:-~/.cache}/debwork/index.sqlite).",
        valueName: "path"))
    var index: String?

    /// Whether the index was named (`--index` or `DEBWORK_INDEX`) rather than the default location.
    var indexIsExplicit: Bool {
        index != nil || !(Environment.get("DEBWORK_INDEX") ?? "").isEmpty
    }

    /// The index path after flags and environment.
    var indexPath: String {
        if let index { return index }
        if let fromEnvironment = Environment.get("DEBWORK_INDEX"), !fromEnvironment.isEmpty { return fromEnvironment }
        let cache = Environment.get("XDG_CACHE_HOME").flatMap { $0.isEmpty ? nil : $0 }
            ?? (Environment.get("HOME") ?? ".") + "/.cache"
        return cache + "/debwork/index.sqlite"
    }

    var log: Log { Log(level: logLevel) }
}

enum LogLevel: String, ExpressibleByArgument, CaseIterable, Comparable {
    case debug = "DEBUG", info = "INFO", warning = "WARNING", error = "ERROR", critical = "CRITICAL"

    init?(argument: String) { self.init(rawValue: argument.uppercased()) }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}
