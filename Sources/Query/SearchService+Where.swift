import Artifacts
import Index

extension SearchService {
    /// mini-buildd's shape over the artifacts a `--where` query selects (and, when given, whose package or
    /// source name matches the name glob). Unlike a plain name search, only the matching artifacts are
    /// listed, each under its own file's area.
    func filtered(_ whereQuery: String, pattern: String?, scope: Scope, query: SearchQuery) throws -> PackageSearchResult {
        if whereQuery.utf8.count > GlobPattern.maximumLength { throw SearchError.tooLong("the --where query", whereQuery) }
        let filter: WhereFilter
        do {
            filter = try WhereCompiler.compile(whereQuery)
        } catch {
            throw SearchError.invalidWhere(whereQuery, error)
        }
        return try apply(filter, pattern: pattern, scope: scope, query: query)
    }

    /// Applies a compiled filter. The filter's SQL comes first in the statement, so its positional
    /// parameters (`?` or `?1…?n`) are numbered before the service's own, which follow with plain `?`.
    func apply(_ filter: WhereFilter, pattern: String?, scope: Scope, query: SearchQuery) throws -> PackageSearchResult {
        let glob = pattern.flatMap { $0.isEmpty ? nil : GlobPattern.packageName($0).glob }
        var matches = try search.artifacts(where: filter, glob: glob, areas: query.areas.compactMap { Area(rawValue: $0.rawValue) },
                                           distribution: query.distribution, indexOnly: query.indexOnly)
        if query.latest {
            matches = try keepNewest(matches, kind: \.kind, package: \.package, version: \.version, scope: scope)
        }
        let rows = matches.map { match in
            ArtifactRow(source: match.source, version: match.sourceVersion, area: match.area, path: match.areaPath,
                        indexOnly: match.area == Self.indexOnlyArea ? IndexOnlyHit(
                            kind: match.kind, package: match.package, version: match.version,
                            architecture: match.kind == "source" ? "source" : match.architecture ?? "", distribution: match.distribution ?? "",
                            component: match.component ?? "", path: match.areaPath) : nil)
        }
        return Self.group(rows, latest: false, limit: query.limit)
    }
}
