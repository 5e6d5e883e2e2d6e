import ArgumentParser
import Index
import Query
#if canImport(Glibc)
import Glibc
#endif

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        _superCommandName: "debwork",  // parsed on its own by Debwork.runDirectly: no completion-request parse
        abstract: "Search packages by name (mini-buildd's search), by file path, by full text or by fields.",
        discussion: """
            PATTERN is a glob (*, ?, [...]) matched as '*pattern*' (lowercased) against source and binary
            package names; the answer lists each matching source's files per area (repositories, builds,
            events), paths relative to their area's root. --path matches file paths inside packages (a
            substring, or a glob when it has wildcards); --text searches descriptions, changelogs and control
            text (words, "phrases", prefix*, AND/OR/NOT), best first; --hash finds the packages that ship a
            file with this MD5 or SHA-256 (a file found on a machine, a binary in a bug report). Nothing found is
            not an error (exit 0).

            Examples:
              debwork search 'dwh*'
              debwork search --path /usr/bin/dwhello
              debwork search --path '/usr/lib/*/libfoo.so.*'
              debwork search --path-regex '^/usr/bin/dw[a-z]+$'
              debwork search --hash $(sha256sum < ./suspicious | cut -c1-64)
              debwork search --text 'CVE-2024-1234 OR "buffer overflow"' --latest
              debwork search --where '$Version (>= 1.0-2), $PackageType (source)'
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "Name glob, path pattern (--path) or words (--text); optional with --where.")
    var pattern: String?

    @Flag(help: "Find the packages that ship a file: PATTERN is a path substring or glob.")
    var path = false

    @Flag(help: "Full-text search over descriptions, changelogs and control text, ranked.")
    var text = false

    @Flag(name: .customLong("path-regex"), help: "Find the packages that ship a file whose path matches PATTERN, a regular expression (Perl's syntax, PCRE2, as apt-file search --regexp).")
    var pathRegex = false

    @Flag(help: "Find the packages that ship a file with this content: PATTERN is its MD5 or SHA-256 (sha256sum, md5sum).")
    var hash = false

    @Option(name: .customLong("where"), help: ArgumentHelp("Structured filter over control fields.", valueName: "query"))
    var whereQuery: String?

    @Flag(help: "Only the newest version of each package.")
    var latest = false

    @Option(help: ArgumentHelp("Only this area (repeatable).", valueName: "area"))
    var area: [SearchArea] = []

    @Option(help: ArgumentHelp("Only packages this repository distribution lists.", valueName: "dist"))
    var distribution: String?

    @Option(help: "At most N sources (name search) or hits (--path, --text).")
    var limit: Int?

    /// The search these arguments ask for.
    var call: SearchCall {
        SearchCall(global: global.settings, pattern: pattern, path: path, text: text, pathRegex: pathRegex, hash: hash,
                   whereQuery: whereQuery, latest: latest, area: area, distribution: distribution, limit: limit)
    }

    func validate() throws { try call.validate() }

    func run() throws { try call.run() }
}

/// A search's arguments as plain values: from ``SearchCommand`` (ArgumentParser), or read by the quick lane
/// (``QuickArguments``) for the common shapes, with the same checks.
struct SearchCall {
    var global: GlobalSettings
    var pattern: String?
    var path = false
    var text = false
    var pathRegex = false
    var hash = false
    var whereQuery: String?
    var latest = false
    var area: [SearchArea] = []
    var distribution: String?
    var limit: Int?

    /// `SearchCommand`'s options as the quick lane reads them: its own, then the global ones.
    static let quickOptions: [QuickArguments.Option] = [
        .init(names: ["--path"], kind: .flag), .init(names: ["--text"], kind: .flag),
        .init(names: ["--path-regex"], kind: .flag), .init(names: ["--hash"], kind: .flag),
        .init(names: ["--where"], kind: .single), .init(names: ["--latest"], kind: .flag),
        .init(names: ["--area"], kind: .repeatable), .init(names: ["--distribution"], kind: .single),
        .init(names: ["--limit"], kind: .single),
    ] + GlobalSettings.quickOptions

    func validate() throws {
        if [path, text, hash, pathRegex].filter({ $0 }).count > 1 {
            throw ValidationError("--path, --path-regex, --text and --hash exclude each other")
        }
        if whereQuery != nil && (path || text || hash || pathRegex) { throw ValidationError("--where combines with a name search only") }
        if pattern == nil && whereQuery == nil { throw ValidationError("give a PATTERN (or a --where query)") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try runReportingErrors {
            let store = try IndexStore(path: global.indexPath, readOnly: true)
            var query = SearchQuery(
                mode: path ? .path : pathRegex ? .pathRegex : text ? .text : hash ? .hash : .name, pattern: pattern, whereQuery: whereQuery, areas: area,
                distribution: distribution, latest: latest, limit: limit,
                highlight: global.wantsJSON ? .brackets : isatty(1) == 1 && Environment.get("NO_COLOR") == nil ? .bold : .brackets,
                indexOnly: OutputForm.current == .debwork)
            // How many Contents hits are held before they are sorted in runs on a temporary file (docs/ARCHITECTURE.md,
            // "Contents files"); the output is the same either way. For small machines, and for the tests.
            if let held = Environment.get("DEBWORK_HELD_HITS").flatMap(Int.init), held > 0 { query.heldHits = held }
            // One connection and thread for a Contents search (docs/ARCHITECTURE.md, "Contents files"); the output is
            // the same either way. For the tests and the benchmarks.
            if Environment.get("DEBWORK_READERS") == "1" { query.secondReader = false }
            var result = try SearchService(store: store).run(query)
            if !global.wantsJSON, query.highlight == .bold { result = SearchText.escapingSnippets(result) }
            try printOutput(result, json: global.wantsJSON)
            KeptUntilExit.keep(result)
        }
    }
}

extension SearchCall {
    /// The search `arguments` (after the call's name) ask for, when the quick lane reads them all and they pass
    /// ``validate()``; nil otherwise (ArgumentParser then parses them, or reports what is wrong).
    init?(quick arguments: ArraySlice<String>) {
        guard let parsed = QuickArguments(arguments, options: Self.quickOptions, positionals: 1),
              let global = GlobalSettings(quick: parsed),
              let area = parsed.values("--area", SearchArea.init(argument:)),
              let limits = parsed.values("--limit", Int.init(argument:))
        else { return nil }
        self.init(global: global, pattern: parsed.positionals.first, path: parsed.flag("--path"), text: parsed.flag("--text"),
                  pathRegex: parsed.flag("--path-regex"), hash: parsed.flag("--hash"), whereQuery: parsed.value("--where"),
                  latest: parsed.flag("--latest"), area: area, distribution: parsed.value("--distribution"), limit: limits.last)
        guard (try? validate()) != nil else { return nil }
    }
}

extension SearchArea: ExpressibleByArgument {}

