import Index
import PCRE2
import QueryLanguage

extension SearchService {
    /// Which packages ship a file matching `pattern`.
    ///
    /// Without wildcards the pattern is a case-sensitive substring of the path (binary paths are matched
    /// as `/usr/bin/x`). With wildcards it is a glob over the whole path; one that starts with neither `/`
    /// nor `*` may start at any path component (`debian/patches/*`). The trigram index narrows the rows
    /// first whenever the pattern has a literal run of at least 3 characters; directories are not listed.
    func paths(_ pattern: String, scope: Scope, query: SearchQuery) throws -> SearchResult {
        guard !pattern.isEmpty else { throw SearchError("an empty path pattern matches every file; give part of a path") }
        let glob = GlobPattern(pattern)
        let value: String
        let literal: String
        if glob.hasWildcards {
            value = pattern.hasPrefix("/") || pattern.hasPrefix("*") ? glob.glob : GlobPattern("*/" + pattern).glob
            literal = try narrowingLiteral(glob.literals) ?? ""
        } else {
            value = pattern
            literal = pattern
        }
        // The stored paths have no leading slash: leading slashes are not part of what the index can find.
        let term = String(literal.drop { $0 == "/" })
        let prefilter = term.count >= 3
        let match: IndexSearch.PathMatch = glob.hasWildcards ? .glob(value) : .substring(value)
        var hits = try search.files(matching: match, trigrams: prefilter ? FTS5Pattern.substring(term) : nil,
                                    limit: query.latest ? nil : query.limit, scope: scope.index).map(PathHit.init)
        if query.latest {
            hits = try keepNewest(hits, kind: \.kind, package: \.package, version: \.version, scope: scope)
        }
        // Contents paths are stored with their leading `/`: the literal is taken as the user wrote it.
        let contents = try search.contentsFiles(matching: match, anyOf: literal.isEmpty ? [] : [literal], limit: query.limit,
                                                scope: scope.index, runLength: query.heldHits, secondReader: query.secondReader)
        return Self.merging(hits, contents, limit: query.limit)
    }

    /// The package hits and the Contents hits as one result: ``merging(_:_:limit:)`` when the Contents hits are
    /// held, a ``PathListing`` read from their temporary file when they were spilled.
    static func merging(_ hits: [PathHit], _ contents: IndexSearch.ContentsHits, limit: Int?) -> SearchResult {
        switch contents {
        case .held(let matches):
            return .paths(merging(hits, matches.map(PathHit.init), limit: limit))
        case .spilled(let spill, let contentsLimit):
            return .longPaths(PathListing(before: hits.filter { $0.kind < "contents" }, contents: spill, contentsLimit: contentsLimit,
                                          after: hits.filter { $0.kind >= "contents" }, limit: limit))
        }
    }

    /// The package hits and the Contents hits in one list, in kind order (binary, contents, source; each
    /// list is already sorted within its kinds), cut at `limit`. Contents hits have no version: `--latest`
    /// leaves them as they are.
    static func merging(_ hits: [PathHit], _ contents: [PathHit], limit: Int?) -> [PathHit] {
        // Only Contents hits (a metadata-only index): the list as it is, not a copy of it (8,339 hits of nine strings).
        if hits.isEmpty && contents.count <= limit ?? Int.max { return contents }
        var merged = hits.filter { $0.kind < "contents" } + contents + hits.filter { $0.kind >= "contents" }
        if let limit { merged = Array(merged.prefix(limit)) }
        return merged
    }

    /// Which packages ship a file whose path (`/usr/bin/x` for binaries) the regular expression (PCRE2, Perl's
    /// syntax, as `apt-file search --regexp`) matches. The literal runs every match must contain
    /// (``RegexLiterals``) go to the trigram index first; an expression with top-level alternatives narrows to
    /// the union of each alternative's runs (`^/usr/bin/vim$|^/bin/nano$`). Only an expression with an
    /// alternative that requires no run (`.*`, `a|b`) scans the file lists.
    func paths(regex pattern: String, scope: Scope, query: SearchQuery) throws -> SearchResult {
        guard !pattern.isEmpty else { throw SearchError("an empty regular expression matches every file") }
        do {
            try RegularExpression.check(pattern)
        } catch {
            throw SearchError("'\(pattern)' is not a regular expression", underlying: error)
        }
        var hits = try search.files(matching: .regex(pattern), trigrams: Self.trigrams(regex: pattern),
                                    limit: query.latest ? nil : query.limit, scope: scope.index).map(PathHit.init)
        if query.latest {
            hits = try keepNewest(hits, kind: \.kind, package: \.package, version: \.version, scope: scope)
        }
        // The Contents trigram indexes are case-sensitive: an expression with inline options (`(?i)`) scans.
        var literals: [String] = []
        if !pattern.contains("(?"), let branches = RegexLiterals.alternatives(in: pattern, minimum: 1) {
            literals = try branches.compactMap(narrowingLiteral)
        }
        let contents = try search.contentsFiles(matching: .regex(pattern), anyOf: literals, limit: query.limit,
                                                scope: scope.index, runLength: query.heldHits, secondReader: query.secondReader)
        return Self.merging(hits, contents, limit: query.limit)
    }

    /// Directories whose entries are at most this many make a run ending with `/` the one to narrow by.
    static let fewDirectoryEntries = 200

    /// The run of a pattern to narrow its Contents search by: ``PathLiteral/rarest(_:)``, which puts names first
    /// because common directories hold most paths, unless that run has fewer than three uncommon trigrams (it
    /// admits many paths) and a directory run (ending with `/`) holds at most ``fewDirectoryEntries`` entries
    /// (counted when that is cheap). `^/etc/apt/.*\.conf$` went through `.conf`, the 14,603 entries whose name holds
    /// it, each tested (145 ms); `/etc/apt/` holds 81.
    func narrowingLiteral(_ runs: [String]) throws -> String? {
        let fallback = PathLiteral.rarest(runs)
        guard let fallback, IndexSearch.uncommonTrigramCount(fallback) < 3 else { return fallback }
        for run in runs where run.hasSuffix("/") && run != fallback {
            let limit = Self.fewDirectoryEntries + 1
            if let entries = try search.contentsEntries(inDirectoriesHolding: run, limit: limit), entries < limit {
                return run
            }
        }
        return fallback
    }

    /// The FTS5 expression over the packages' trigram indexes that every match of `pattern` satisfies: each
    /// alternative's runs joined by AND, the alternatives by OR; nil when some alternative has no run of
    /// three characters (stored paths have no leading slash, so leading slashes do not count).
    static func trigrams(regex pattern: String) -> String? {
        guard let branches = RegexLiterals.alternatives(in: pattern) else { return nil }
        var terms: [String] = []
        for runs in branches {
            let usable = runs.map { String($0.drop { $0 == "/" }) }.filter { $0.count >= PathLiteral.trigramLength }
            guard !usable.isEmpty else { return nil }
            let all = usable.map(FTS5Pattern.substring).joined(separator: " AND ")
            terms.append(branches.count == 1 ? all : "(" + all + ")")
        }
        return terms.joined(separator: " OR ")
    }

    /// Keeps the items whose version is the newest in scope for their kind and package (`--latest`).
    func keepNewest<Item>(_ items: [Item], kind: KeyPath<Item, String>, package: KeyPath<Item, String>,
                          version: KeyPath<Item, String>, scope: Scope) throws -> [Item] {
        let kept = try isNewest(items.count, kind: { items[$0][keyPath: kind] }, package: { items[$0][keyPath: package] },
                              version: { items[$0][keyPath: version] }, scope: scope)
        return items.indices.filter { kept[$0] }.map { items[$0] }
    }

    /// Which of `count` items (by index: their kind, package and version) are their package's newest version of
    /// that kind in scope (``keepNewest(_:kind:package:version:scope:)`` over items held some other way).
    func isNewest(_ count: Int, kind: (Int) -> String, package: (Int) -> String, version: (Int) -> String,
                scope: Scope) throws -> [Bool] {
        var packages: [String: Set<String>] = [:]
        for item in 0..<count { packages[kind(item), default: []].insert(package(item)) }
        var newest: [String: [String: String]] = [:]
        for (itemKind, names) in packages {
            newest[itemKind] = try newestVersions(kind: itemKind, packages: names, scope: scope)
        }
        return (0..<count).map { newest[kind($0)]?[package($0)] == version($0) }
    }
}

extension PathHit {
    init(_ match: IndexSearch.FileMatch) {
        self.init(kind: match.kind, package: match.package, version: match.version, architecture: match.architecture,
                  area: match.area, path: match.path, artifact: match.artifact, distribution: match.distribution,
                  component: match.component)
    }
}
