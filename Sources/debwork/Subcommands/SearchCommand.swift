import ArgumentParser
import Index
import Query
#if canImport(Glibc)
import Glibc
#endif

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search packages by name (mini-buildd's search), by file path, by full text or by fields.",
        discussion: """
            PATTERN is a glob (*, ?, [...]) matched as '*pattern*' (lowercased) against source and binary
            package names; the answer lists each matching source's files per area (repositories, builds,
            events), paths relative to their area's root. --path matches file paths inside packages (a
            substring, or a glob when it has wildcards); --text searches descriptions, changelogs and control
            text (words, "phrases", prefix*, AND/OR/NOT), best first. Nothing found is not an error (exit 0).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Name glob, path pattern (--path) or words (--text); optional with --where.")
    var pattern: String?

    @Flag(help: "Find the packages that ship a file: PATTERN is a path substring or glob.")
    var path = false

    @Flag(help: "Full-text search over descriptions, changelogs and control text, ranked.")
    var text = false

    @Option(name: .customLong("where"), help: ArgumentHelp("Structured filter over control fields.", valueName: "query"))
    var whereQuery: String?

    @Flag(help: "Only the newest version of each package.")
    var latest = false

    @Option(help: ArgumentHelp("Only this area (repeatable): repositories, builds, events.", valueName: "area"))
    var area: [SearchArea] = []

    @Option(help: ArgumentHelp("Only packages this repository distribution lists.", valueName: "dist"))
    var distribution: String?

    @Option(help: "At most N sources (name search) or hits (--path, --text).")
    var limit: Int?

    func validate() throws {
        if path && text { throw ValidationError("--path and --text exclude each other") }
        if whereQuery != nil && (path || text) { throw ValidationError("--where combines with a name search only") }
        if pattern == nil && whereQuery == nil { throw ValidationError("give a PATTERN (or a --where query)") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try runReportingErrors {
            let store = try IndexStore(path: global.indexPath, readOnly: true)
            let query = SearchQuery(
                mode: path ? .path : text ? .text : .name, pattern: pattern, whereQuery: whereQuery, areas: area,
                distribution: distribution, latest: latest, limit: limit,
                highlight: global.json ? .brackets : isatty(1) == 1 && Environment.get("NO_COLOR") == nil ? .bold : .brackets)
            let result = try SearchService(store: store).run(query)
            if global.json { try printJSON(result) } else { Console.out(SearchText.render(result)) }
        }
    }
}

extension SearchArea: ExpressibleByArgument {}

/// The human listing: one line per file, columns aligned.
enum SearchText {
    static func render(_ result: SearchResult) -> String {
        switch result {
        case .packages(let packages):
            var rows: [[String]] = []
            for (source, paths) in packages.sources.members {
                for area in SearchArea.allCases {
                    for path in paths[area] { rows.append([source, area.rawValue, path]) }
                }
            }
            return table(rows)
        case .paths(let hits):
            // apt-file's "package: path", then where that package is.
            return table(hits.map { ["\($0.package): \($0.path)", $0.version, $0.architecture, $0.area, $0.artifact] })
        case .text(let hits):
            // A header line per hit (aligned across hits), then its snippet on one indented line.
            let headers = table(hits.map { [$0.kind, $0.package, $0.version, $0.area, $0.path] }).split(separator: "\n")
            return zip(headers, hits).map { header, hit in
                let snippet = hit.snippet.split(whereSeparator: { $0 == "\n" }).map(\.trimmingSpaces).joined(separator: " ")
                return "\(header)\n    \(snippet)\n"
            }.joined()
        }
    }

    /// Left-aligned columns, two spaces apart; the last column is not padded. Built as bytes in one
    /// buffer: long listings (5 000 lines at 10×) spent a tenth of the call in string padding and joining.
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.first?.count else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        let cellWidths = rows.map { row in row.map(\.columnWidth) }
        for row in cellWidths {
            for (index, width) in row.enumerated() { widths[index] = max(widths[index], width) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * (widths.reduce(0, +) + 2 * columns + 1))
        for (row, rowWidths) in zip(rows, cellWidths) {
            for (index, cell) in row.enumerated() {
                bytes.append(contentsOf: cell.utf8)
                guard index < columns - 1 else { continue }
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[index] - rowWidths[index] + 2))
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
