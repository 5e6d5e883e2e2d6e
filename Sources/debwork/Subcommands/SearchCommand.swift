import DebianFormats
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
            text (words, "phrases", prefix*, AND/OR/NOT), best first; --hash finds the packages that ship a
            file with this MD5 or SHA-256 (a file found on a machine, a binary in a bug report). Nothing found is
            not an error (exit 0).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Name glob, path pattern (--path) or words (--text); optional with --where.")
    var pattern: String?

    @Flag(help: "Find the packages that ship a file: PATTERN is a path substring or glob.")
    var path = false

    @Flag(help: "Full-text search over descriptions, changelogs and control text, ranked.")
    var text = false

    @Flag(name: .customLong("path-regex"), help: "Find the packages that ship a file whose path matches PATTERN, a regular expression (Swift Regex syntax).")
    var pathRegex = false

    @Flag(help: "Find the packages that ship a file with this content: PATTERN is its MD5 or SHA-256 (sha256sum, md5sum).")
    var hash = false

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
            let query = SearchQuery(
                mode: path ? .path : pathRegex ? .pathRegex : text ? .text : hash ? .hash : .name, pattern: pattern, whereQuery: whereQuery, areas: area,
                distribution: distribution, latest: latest, limit: limit,
                highlight: global.wantsJSON ? .brackets : isatty(1) == 1 && Environment.get("NO_COLOR") == nil ? .bold : .brackets,
                indexOnly: OutputForm.current == .debwork)
            var result = try SearchService(store: store).run(query)
            if !global.wantsJSON, query.highlight == .bold { result = SearchText.escapingSnippets(result) }
            if global.wantsJSON { try printJSON(result) } else { Console.out(SearchText.render(result)) }
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
                // Known from a distribution's Packages/Sources only: no file to show.
                for hit in paths.indexOnly {
                    rows.append([source, "index-only", "\(hit.distribution)/\(hit.component) \(hit.package) \(hit.version) \(hit.architecture)"])
                }
            }
            return table(rows)
        case .paths(let hits):
            // apt-file's "package: path", then where that package is.
            // A Contents hit has no version ("-"); its artifact is the Contents file (dists/<dist>/<comp>/Contents-…).
            return table(hits.map { ["\($0.package): \($0.path)", $0.version.isEmpty ? "-" : $0.version, $0.architecture,
                                     $0.area, $0.artifact] })
        case .text(let hits):
            // A header line per hit (aligned across hits), then its snippet on one indented line.
            let headers = table(hits.map { hit in
                [hit.kind, hit.package, hit.version, hit.distribution.map { "index-only \($0)" } ?? hit.area, hit.path]
            }).split(separator: "\n")
            return zip(headers, hits).map { header, hit in
                let snippet = hit.snippet.split(whereSeparator: { $0 == "\n" }).map(\.trimmingSpaces).joined(separator: " ")
                // Already escaped around the highlight (escapingSnippets), or bracket markers only.
                let safe = hit.snippet.contains("\u{1B}[1m") ? snippet : Printable.escaped(snippet)
                return "\(header)\n    \(safe)\n"
            }.joined()
        }
    }

    /// Left-aligned columns, two spaces apart; the last column is not padded. Built as bytes in one
    /// buffer: long listings (5 000 lines at 10×) spent a tenth of the call in string padding and joining.
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.first?.count else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows.map({ row in row.map { Printable.escaped($0).columnWidth } }) {
            for (index, width) in row.enumerated() { widths[index] = max(widths[index], width) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * (widths.reduce(0, +) + 2 * columns + 1))
        // Names and paths come from packages: control characters are escaped (terminal injection).
        let rows = rows.map { row in row.map(Printable.escaped) }
        let cellWidths = rows.map { row in row.map(\.columnWidth) }
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

extension SearchText {
    /// Snippets with the terminal's bold markers: the text around the markers is escaped, the markers kept.
    static func escapingSnippets(_ result: SearchResult) -> SearchResult {
        guard case .text(var hits) = result else { return result }
        let open = Highlight.bold.open, close = Highlight.bold.close
        for index in hits.indices {
            let oneLine = hits[index].snippet.split(whereSeparator: { $0 == "\n" }).map(\.trimmingSpaces).joined(separator: " ")
            hits[index].snippet = oneLine.components(open).map { part in
                part.components(close).map(Printable.escaped).joined(separator: close)
            }.joined(separator: open)
        }
        return .text(hits)
    }
}

extension String {
    /// Split on a separator string (no Foundation).
    func components(_ separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
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
