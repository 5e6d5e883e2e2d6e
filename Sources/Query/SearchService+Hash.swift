extension SearchService {
    /// Which packages ship a file whose content has `digest`: an MD5 (32 hex digits: binary packages' files)
    /// or a SHA-256 (64: binary packages' files and unpacked source trees), found through the digest indexes.
    func files(withDigest digest: String, scope: Scope, query: SearchQuery) throws -> [PathHit] {
        let value = digest.lowercased()
        let isHex = value.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        guard isHex, value.utf8.count == 32 || value.utf8.count == 64 else {
            throw SearchError("'\(digest)' is not an MD5 (32 hex digits) or SHA-256 (64 hex digits) digest")
        }
        var hits = try search.files(withDigest: value, limit: query.latest ? nil : query.limit, scope: scope.index)
            .map(PathHit.init)
        if query.latest {
            hits = try keepNewest(hits, kind: \.kind, package: \.package, version: \.version, scope: scope)
            if let limit = query.limit { hits = Array(hits.prefix(limit)) }
        }
        return hits
    }
}
