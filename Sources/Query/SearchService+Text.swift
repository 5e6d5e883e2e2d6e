import Index

extension SearchService {
    /// Full-text search over names, descriptions, changelogs and control text, best first (`bm25`), each
    /// hit with a `snippet()` of its best column.
    func text(_ words: String, scope: Scope, query: SearchQuery) throws -> [TextHit] {
        guard let pattern = FTS5Pattern(words) else { throw SearchError.nothingToSearch(words) }
        var hits = try search.text(matching: pattern.expression, highlight: query.highlight.open, query.highlight.close,
                                   limit: query.latest ? nil : query.limit, scope: scope.index).map { match in
            TextHit(kind: match.kind, package: match.package, version: match.version, area: match.area,
                    path: match.areaPath, snippet: match.snippet, rank: Self.rounded(match.rank),
                    indexOnly: match.distribution == nil ? nil : true, distribution: match.distribution,
                    component: match.component)
        }
        if query.latest {
            hits = try keepNewest(hits, kind: \.kind, package: \.package, version: \.version, scope: scope)
            if let limit = query.limit { hits = Array(hits.prefix(limit)) }
        }
        return hits
    }

    /// A bm25 score rounded to 1/1000, so output is stable and short.
    static func rounded(_ value: Double?) -> Double {
        guard let score = value else { return 0 }
        return (score * 1000).rounded() / 1000
    }
}
