import DebianFormats
import Index
import JSONOutput

/// What to search for and where; the options of `debwork search`.
public struct SearchQuery: Sendable {
    public enum Mode: Sendable, Equatable {
        /// mini-buildd's name glob over source and binary package names.
        case name
        /// Which packages ship a file: substring or glob over file paths.
        case path
        /// Ranked full text over descriptions, changelogs and control text.
        case text
        /// Which packages ship a file with this content: an MD5 or SHA-256 digest.
        case hash
        /// Which packages ship a file whose path a regular expression matches.
        case pathRegex
    }

    public var mode: Mode
    /// The user's pattern or words; nil only with a `--where` query (then every name matches).
    public var pattern: String?
    /// A `--where` query (name mode only), compiled by ``WhereCompiler``.
    public var whereQuery: String?
    /// The areas to look in; empty means all three.
    public var areas: [SearchArea]
    /// Only artifacts a repository distribution (not a snapshot) of this name lists.
    public var distribution: String?
    /// Only the newest version (dpkg ordering) of each package.
    public var latest: Bool
    /// At most this many sources (name mode) or hits (path and text modes).
    public var limit: Int?
    /// Markers around matches in text snippets.
    public var highlight: Highlight
    /// Whether packages distributions list without an indexed file are found too (name, `--where`,
    /// `--text`): debwork's own form. The mini-buildd-api form lists files only, as mini-buildd.
    public var indexOnly: Bool
    /// Contents hits held in memory at most; a listing of more is sorted in runs on a temporary file and read back as
    /// it is printed (``PathListing``), so that memory does not grow with the listing.
    public var heldHits = ContentsSpill.defaultRunLength
    /// Whether a Contents search may read its candidates on a second connection and thread (``IndexSearch/secondReader(wanted:)``).
    public var secondReader = true

    public init(mode: Mode = .name, pattern: String?, whereQuery: String? = nil, areas: [SearchArea] = [],
                distribution: String? = nil, latest: Bool = false, limit: Int? = nil,
                highlight: Highlight = .brackets, indexOnly: Bool = true) {
        self.mode = mode
        self.pattern = pattern
        self.whereQuery = whereQuery
        self.areas = areas
        self.distribution = distribution
        self.latest = latest
        self.limit = limit
        self.highlight = highlight
        self.indexOnly = indexOnly
    }
}

/// The markers `snippet()` puts around matched tokens.
public struct Highlight: Sendable, Equatable {
    public var open: String
    public var close: String

    public init(open: String, close: String) {
        self.open = open
        self.close = close
    }

    public static let brackets = Highlight(open: "[", close: "]")
    public static let bold = Highlight(open: "\u{1B}[1m", close: "\u{1B}[0m")
    public static let none = Highlight(open: "", close: "")
}

/// Answers `debwork search` from the index: name globs (mini-buildd's `search`), file paths, full text and
/// `--where` filters. Every user value is bound as a parameter; only constants are written into SQL.
///
/// Not `Sendable` (it holds the index connection).
public final class SearchService {
    let store: IndexStore
    let search: IndexSearch

    /// - Parameter store: an index, ideally opened read-only.
    public init(store: IndexStore) {
        self.store = store
        search = IndexSearch(store: store)
    }

    /// Runs `query` in its mode.
    /// - Throws: ``SearchError`` for unusable input (pattern too long, no words, unknown distribution, bad
    ///   `--where`); `SQLiteError` only if the index itself fails.
    public func run(_ query: SearchQuery) throws -> SearchResult {
        if let pattern = query.pattern, pattern.utf8.count > GlobPattern.maximumLength {
            throw SearchError.tooLong("the pattern", pattern)
        }
        // Every mode reads scattered pages: through the map each stays resident with its fault-around window
        // (`--path '*.desktop'` on bookworm main held 235 MB through the map, 21 MB without, in the same time).
        try store.readWithoutMemoryMap()
        return try store.reading { try answer(query) }
    }

    /// `query` answered, inside one read transaction.
    private func answer(_ query: SearchQuery) throws -> SearchResult {
        let scope = try Scope(areas: query.areas, distribution: query.distribution,
                              indexOnly: query.indexOnly && [.name, .text].contains(query.mode), store: store)
        switch query.mode {
        case .name:
            if let whereQuery = query.whereQuery {
                return .filtered(try filtered(whereQuery, pattern: query.pattern, scope: scope, query: query))
            }
            return .packages(try names(query.pattern ?? "", scope: scope, query: query))
        case .path:
            return try paths(query.pattern ?? "", scope: scope, query: query)
        case .text:
            return .text(try text(query.pattern ?? "", scope: scope, query: query))
        case .hash:
            return .paths(try files(withDigest: query.pattern ?? "", scope: scope, query: query))
        case .pathRegex:
            return try paths(regex: query.pattern ?? "", scope: scope, query: query)
        }
    }

    // MARK: Name glob (mini-buildd's search)

    /// mini-buildd's `search` (`pool.Dir.isearch`), over the index: a **source** whose name matches yields its
    /// source directory (`<repo>/pool/<component>/<initial>/<source>` in repositories; in builds and events the
    /// `<source>` folder when they are laid out as mini-buildd's `<source>/<version>/…`), a **binary package**
    /// whose name matches yields its `.deb`/`.udeb`/`.ddeb` file. Repository paths start with the repository id
    /// (they are relative to the repositories route); no `.dsc` and no file of another package is listed.
    func names(_ pattern: String, scope: Scope, query: SearchQuery) throws -> PackageSearchResult {
        let name = GlobPattern.packageName(pattern)
        let glob = name.glob
        let matched = try search.sourceNames(matching: glob)
        // Rows go straight into one byte store as the index hands them over; rows without a path are left out.
        var rows = PackageRows()
        // Source directories: where the artifacts of each matching source are.
        try search.forEachArtifact(ofSources: matched, scope: scope.index) { artifact in
            let path = Self.sourceDirectory(artifact.areaPath, source: artifact.source, area: artifact.area,
                                            repository: artifact.repository)
            guard !path.isEmpty else { return }
            try rows.append(area: artifact.area, source: artifact.source, sourceVersion: artifact.version, path: path)
        }
        // Binary packages: the files of each matching binary, under its source.
        try search.forEachBinaryArtifact(packagesMatching: glob, scope: scope.index) { artifact in
            let path = artifact.repository.map { $0 + "/" + artifact.areaPath } ?? artifact.areaPath
            guard !path.isEmpty else { return }
            try rows.append(area: artifact.area, source: artifact.source, sourceVersion: artifact.version, path: path)
        }
        // Packages known from a distribution's stanzas only (debwork's own form), under their source.
        try search.forEachIndexOnlyPackage(matching: glob, literal: name.longestLiteral, scope: scope.index) { package in
            guard !package.path.isEmpty else { return }
            try rows.append(area: Self.indexOnlyArea, source: package.source, sourceVersion: package.sourceVersion,
                            path: package.path, kind: package.kind, package: package.package, version: package.version,
                            architecture: package.architecture, distribution: package.distribution,
                            component: package.component)
        }
        return Self.group(rows, latest: query.latest, limit: query.limit)
    }

    /// The source directory an artifact at `areaPath` stands for: `<repo>/<its folder>` in a repository, the
    /// `<source>` folder at the top of a builds or events tree laid out as mini-buildd's, else none ("").
    static func sourceDirectory(_ areaPath: String, source: String, area: String, repository: String?) -> String {
        if area == SearchArea.repositories.rawValue, let repository {
            guard let slash = areaPath.lastIndex(of: "/") else { return repository }
            return repository + "/" + areaPath[..<slash]
        }
        let first = areaPath.split(separator: "/", maxSplits: 1)
        return first.count == 2 && first[0] == source ? source : ""
    }

    /// The pseudo-area of index-only packages (``IndexSearch/IndexOnlyPackage``).
    static let indexOnlyArea = "index-only"


    /// Groups rows by source into mini-buildd's shape: sources by name, each source's files by area and path, then its
    /// index-only packages, each line once; only the rows `kept` marks, when given; `latest` keeps each source's
    /// newest version; at most `limit` sources.
    static func group(_ rows: PackageRows, kept: [Bool]? = nil, latest: Bool, limit: Int?) -> PackageSearchResult {
        // The rows' indices sorted into listing order (the rows themselves never move).
        var order = (0..<rows.count).compactMap { kept?[$0] == false ? nil : Int32($0) }
        order.sort { rows.listingOrder(Int($0), Int($1)) < 0 }
        var listed: [Int32] = []
        var starts: [Int32] = []
        var start = 0
        while start < order.count {
            if let limit, starts.count >= limit { break }
            let first = Int(order[start])
            var end = start + 1
            while end < order.count && rows.same(first, Int(order[end]), .source) { end += 1 }
            let run = order[start..<end]
            start = end
            let newest = latest ? Self.newest(run.map { rows.string(Int($0), .sourceVersion) }) : nil
            let runStart = listed.count
            var previous: Int?
            for row in run.lazy.map(Int.init) where rows.area(row) != PackageRows.unlistedArea {
                if let newest, rows.string(row, .sourceVersion) != newest { continue }
                if let previous, rows.listingOrder(previous, row) == 0 { continue }
                listed.append(Int32(row))
                previous = row
            }
            if listed.count > runStart { starts.append(Int32(runStart)) }
        }
        return PackageSearchResult(rows: rows, listed: listed, sourceStarts: starts)
    }

    // MARK: Helpers

    /// The newest of `versions` by dpkg ordering (unparsable versions rank lowest), as written.
    static func newest(_ versions: [String]) -> String? {
        var newest: String?
        for version in versions { NewestVersion.keep(&newest, offered: version) }
        return newest
    }

    /// Past this many packages, `--latest` reads the versions of every package of their kind.
    static let everyVersionThreshold = 4_096

    /// The newest version of each package among the artifacts of `kind` in scope, for `--latest`: each package's
    /// versions are weighed as the index hands them over, none collected.
    func newestVersions(kind: String, packages: Set<String>, scope: Scope,
                        everyVersionPast threshold: Int = everyVersionThreshold) throws -> [String: String] {
        guard !packages.isEmpty else { return [:] }
        var newest: [String: String] = [:]
        newest.reserveCapacity(packages.count)
        // Many packages (a whole release's listing): every version of the kind, those of other packages dropped here,
        // rather than a list of the names SQLite would copy into a temporary index.
        let every = packages.count > threshold
        try search.forEachVersion(of: every ? nil : packages.sorted(), kind: IndexSearch.Kind(rawValue: kind) ?? .upload,
                                  scope: scope.index) { package, version in
            guard !every || packages.contains(package) else { return }
            NewestVersion.keep(&newest[package], offered: version)
        }
        return newest
    }
}

/// The newest of versions offered one at a time, by dpkg ordering: unparsable versions rank below every parsable
/// one; of versions dpkg holds equal (`1.0`, `0:1.0`), and of unparsable ones, the first in text order. Only the
/// text is kept (a whole release's 80,000 of them are a dictionary's values): most packages have one version, and
/// the kept one is parsed again only when another comes.
enum NewestVersion {
    /// Replaces `kept` by `candidate` when that is newer (or `kept` is nil).
    static func keep(_ kept: inout String?, offered candidate: String) {
        guard let current = kept else {
            kept = candidate
            return
        }
        guard candidate != current else { return }
        let replaces = switch (try? DebianVersion(current), try? DebianVersion(candidate)) {
        case (nil, .some): true
        case (nil, nil): candidate < current
        case (.some, nil): false
        case (.some(let best), .some(let other)): other > best || (other == best && candidate < current)
        }
        if replaces { kept = candidate }
    }
}
