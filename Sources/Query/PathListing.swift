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

    /// Each hit in order, the first `limit`; not `ordered`, the same hits in any order (the Contents hits run after run,
    /// without merging: for what does not depend on the order).
    public func forEach(ordered: Bool = true, _ body: (PathHit) throws -> Void) throws {
        var left = limit ?? Int.max
        for hit in before where left > 0 {
            try body(hit)
            left -= 1
        }
        guard left > 0 else { return }
        // Which Contents hits come before a cut depends on their order: unordered only when none is cut.
        let contentsLeft = min(left, contentsLimit ?? Int.max)
        let unordered = !ordered && contentsLeft >= contents.count
        try contents.forEach(limit: contentsLeft, ordered: !unordered) { match in
            try body(PathHit(match))
            left -= 1
        }
        for hit in after where left > 0 {
            try body(hit)
            left -= 1
        }
    }

    /// The hits in order (or not: ``forEach(ordered:_:)``), `size` at a time (the last group may be shorter).
    func forEachGroup(of size: Int, ordered: Bool = true, _ body: ([PathHit]) throws -> Void) throws {
        var group: [PathHit] = []
        group.reserveCapacity(size)
        try forEach(ordered: ordered) { hit in
            group.append(hit)
            if group.count >= size {
                try body(group)
                group.removeAll(keepingCapacity: true)
            }
        }
        if !group.isEmpty { try body(group) }
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
