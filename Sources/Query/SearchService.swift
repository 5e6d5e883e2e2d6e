import DebianFormats
import Index
import JSONOutput
import SQLite

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

    public init(mode: Mode = .name, pattern: String?, whereQuery: String? = nil, areas: [SearchArea] = [],
                distribution: String? = nil, latest: Bool = false, limit: Int? = nil,
                highlight: Highlight = .brackets) {
        self.mode = mode
        self.pattern = pattern
        self.whereQuery = whereQuery
        self.areas = areas
        self.distribution = distribution
        self.latest = latest
        self.limit = limit
        self.highlight = highlight
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
    let db: Database

    /// - Parameter store: an index, ideally opened read-only.
    public init(store: IndexStore) {
        self.store = store
        db = store.database
    }

    /// Runs `query` in its mode.
    /// - Throws: ``SearchError`` for unusable input (pattern too long, no words, unknown distribution, bad
    ///   `--where`); `SQLiteError` only if the index itself fails.
    public func run(_ query: SearchQuery) throws -> SearchResult {
        if let pattern = query.pattern, pattern.utf8.count > GlobPattern.maximumLength {
            throw SearchError.tooLong("the pattern", pattern)
        }
        let scope = try Scope(areas: query.areas, distribution: query.distribution, store: store)
        switch query.mode {
        case .name:
            if let whereQuery = query.whereQuery {
                return .packages(try filtered(whereQuery, pattern: query.pattern, scope: scope, query: query))
            }
            return .packages(try names(query.pattern ?? "", scope: scope, query: query))
        case .path:
            return .paths(try paths(query.pattern ?? "", scope: scope, query: query))
        case .text:
            return .text(try text(query.pattern ?? "", scope: scope, query: query))
        case .hash:
            return .paths(try files(withDigest: query.pattern ?? "", scope: scope, query: query))
        }
    }

    // MARK: Name glob (mini-buildd's search)

    /// mini-buildd's `search` (`pool.Dir.isearch`), over the index: a **source** whose name matches yields its
    /// source directory (`<repo>/pool/<component>/<initial>/<source>` in repositories; in builds and events the
    /// `<source>` folder when they are laid out as mini-buildd's `<source>/<version>/…`), a **binary package**
    /// whose name matches yields its `.deb`/`.udeb`/`.ddeb` file. Repository paths start with the repository id
    /// (they are relative to the repositories route); no `.dsc` and no file of another package is listed.
    func names(_ pattern: String, scope: Scope, query: SearchQuery) throws -> PackageSearchResult {
        let glob = GlobPattern.packageName(pattern).glob
        // Each arm scans a covering index (names only), never the binaries table with its control text.
        let matched = try db.query("""
            SELECT package FROM sources WHERE package GLOB ?1
            UNION SELECT source FROM binaries WHERE source GLOB ?1
            UNION SELECT source FROM uploads WHERE source GLOB ?1
            ORDER BY 1
            """, [.text(glob)]) { $0.string(0) }
        // Source directories: where the artifacts of each matching source are.
        var rows = try db.query("""
            SELECT b.source, b.source_version, f.area, f.area_path, r.identity, 1
            FROM binaries b JOIN files f ON f.id = b.file_id LEFT JOIN repositories r ON r.id = f.repository_id
            WHERE b.source IN (SELECT value FROM json_each(?1)) AND \(scope.binary)
            UNION ALL
            SELECT s.package, s.version, f.area, f.area_path, r.identity, 1
            FROM sources s JOIN files f ON f.id = s.file_id LEFT JOIN repositories r ON r.id = f.repository_id
            WHERE s.package IN (SELECT value FROM json_each(?1)) AND \(scope.source)
            UNION ALL
            SELECT u.source, u.version, f.area, f.area_path, NULL, 1
            FROM uploads u JOIN files f ON f.id = u.file_id
            WHERE u.source IN (SELECT value FROM json_each(?1)) AND \(scope.upload)
            """, [.text(Self.jsonArray(matched))]) { row in
            ArtifactRow(source: row.string(0), version: row.string(1), area: row.string(2),
                        path: Self.sourceDirectory(row.string(3), source: row.string(0), area: row.string(2),
                                                   repository: row.optionalString(4)))
        }
        // Binary packages: the files of each matching binary, under its source.
        rows += try db.query("""
            SELECT b.source, b.source_version, f.area, f.area_path, r.identity
            FROM binaries b JOIN files f ON f.id = b.file_id LEFT JOIN repositories r ON r.id = f.repository_id
            WHERE b.id IN (SELECT id FROM binaries WHERE package GLOB ?1) AND \(scope.binary)
            """, [.text(glob)]) { row in
            ArtifactRow(source: row.string(0), version: row.string(1), area: row.string(2),
                        path: row.optionalString(4).map { $0 + "/" + row.string(3) } ?? row.string(3))
        }
        return Self.group(rows.filter { !$0.path.isEmpty }, latest: query.latest, limit: query.limit)
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

    /// One artifact file of a source, for the mini-buildd shape.
    struct ArtifactRow {
        var source: String
        var version: String
        var area: String
        var path: String
    }

    /// Groups rows by source into mini-buildd's shape; `latest` keeps each source's newest version.
    static func group(_ rows: [ArtifactRow], latest: Bool, limit: Int?) -> PackageSearchResult {
        var bySource: [String: [ArtifactRow]] = [:]
        for row in rows { bySource[row.source, default: []].append(row) }
        var sources = OrderedObject<AreaPaths>()
        for name in bySource.keys.sorted() {
            if let limit, sources.members.count >= limit { break }
            var artifacts = bySource[name] ?? []
            if latest, let newest = Self.newest(artifacts.map(\.version)) {
                artifacts = artifacts.filter { $0.version == newest }
            }
            var paths = AreaPaths()
            for artifact in artifacts {
                guard let area = SearchArea(rawValue: artifact.area) else { continue }
                paths[area].append(artifact.path)
            }
            for area in SearchArea.allCases { paths[area] = Array(Set(paths[area])).sorted() }
            if !paths.isEmpty { sources[name] = paths }
        }
        return PackageSearchResult(sources: sources)
    }

    // MARK: Helpers

    /// The newest of `versions` by dpkg ordering (unparsable versions rank lowest), as written.
    static func newest(_ versions: [String]) -> String? {
        var best: (text: String, version: DebianVersion?)?
        for text in Set(versions).sorted() {
            let version = try? DebianVersion(text)
            guard let current = best else { best = (text, version); continue }
            switch (current.version, version) {
            case (nil, .some): best = (text, version)
            case (.some(let a), .some(let b)) where b > a: best = (text, version)
            default: break
            }
        }
        return best?.text
    }

    /// The newest version of each package among the artifacts of `kind` in scope, for `--latest`.
    func newestVersions(kind: String, packages: Set<String>, scope: Scope) throws -> [String: String] {
        guard !packages.isEmpty else { return [:] }
        let sql: String
        switch kind {
        case "binary":
            sql = "SELECT b.package, b.version FROM binaries b JOIN files f ON f.id = b.file_id "
                + "WHERE b.package IN (SELECT value FROM json_each(?1)) AND \(scope.binary)"
        case "source":
            sql = "SELECT s.package, s.version FROM sources s JOIN files f ON f.id = s.file_id "
                + "WHERE s.package IN (SELECT value FROM json_each(?1)) AND \(scope.source)"
        default:
            sql = "SELECT u.source, u.version FROM uploads u JOIN files f ON f.id = u.file_id "
                + "WHERE u.source IN (SELECT value FROM json_each(?1)) AND \(scope.upload)"
        }
        var versions: [String: [String]] = [:]
        for (package, version) in try db.query(sql, [.text(Self.jsonArray(packages.sorted()))], {
            ($0.string(0), $0.string(1))
        }) {
            versions[package, default: []].append(version)
        }
        return versions.compactMapValues { Self.newest($0) }
    }

    /// A JSON array of strings, for `IN (SELECT value FROM json_each(?))` with one bound parameter.
    static func jsonArray(_ strings: [String]) -> String {
        JSONValue.array(strings.map { .string($0) }).serialized(pretty: false)
    }
}
