import Index

/// A `--path`/`--path-regex` result with more Contents hits than a query holds (``SearchQuery/heldHits``): the package
/// hits are held, the Contents hits are read in order from their temporary file (``ContentsSpill``) as the listing
/// is printed. The order and the cut at `limit` are those of ``SearchService/merging(_:_:limit:)``: binary hits,
/// Contents hits, source hits.
public struct PathListing: @unchecked Sendable {
    // @unchecked: the spill is written once, before the listing exists; reading it opens readers of its own.
    let before: [PathHit]
    let contents: ContentsSpill
    /// The Contents search's own limit (the query's).
    let contentsLimit: Int?
    let after: [PathHit]
    let limit: Int?

    var isEmpty: Bool { (limit ?? 1) < 1 || (before.isEmpty && contents.count == 0 && after.isEmpty) }

    /// What the cut at `limit` lists: the package hits before the Contents hits, how many Contents hits (the first in
    /// order), the package hits after them.
    var listed: (before: ArraySlice<PathHit>, contents: Int, after: ArraySlice<PathHit>) {
        var left = limit ?? Int.max
        let before = self.before.prefix(left)
        left -= before.count
        let contents = min(left, contentsLimit ?? Int.max, self.contents.count)
        return (before, contents, after.prefix(left - contents))
    }

    /// Each hit in order, the first `limit`.
    public func forEach(_ body: (PathHit) throws -> Void) throws {
        let listed = listed
        for hit in listed.before { try body(hit) }
        try contents.forEach(limit: listed.contents) { try body(PathHit($0)) }
        for hit in listed.after { try body(hit) }
    }

    /// Every hit in one array (what a held result is; for callers that want it whole).
    public var hits: [PathHit] {
        get throws {
            var hits: [PathHit] = []
            try forEach { hits.append($0) }
            return hits
        }
    }
}
