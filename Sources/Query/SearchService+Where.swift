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
        // Rows go straight into one byte store as the index hands them over (each file's own kind, package and
        // version kept for --latest).
        var rows = PackageRows()
        try search.forEachArtifact(where: filter, glob: glob, areas: query.areas.compactMap { Area(rawValue: $0.rawValue) },
                                   distribution: query.distribution, indexOnly: query.indexOnly) { match in
            let isIndexOnly = match.area == Self.indexOnlyArea
            try rows.append(area: match.area, source: match.source, sourceVersion: match.sourceVersion, path: match.areaPath,
                            kind: match.kind, package: match.package, version: match.version,
                            architecture: isIndexOnly ? match.kind == "source" ? "source" : match.architecture ?? "" : "",
                            distribution: isIndexOnly ? match.distribution ?? "" : "",
                            component: isIndexOnly ? match.component ?? "" : "")
        }
        let kept = query.latest
            ? try isNewest(rows.count, kind: { rows.string($0, .kind) }, package: { rows.string($0, .package) },
                         version: { rows.string($0, .version) }, scope: scope)
            : nil
        return Self.group(rows, kept: kept, latest: false, limit: query.limit)
    }
}
