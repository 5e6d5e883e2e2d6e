import JSONOutput

/// mini-buildd's `search` answer (name glob and `--where`): `{source: {"repositories": […], "builds": […],
/// "events": […]}}`, sources sorted by name, paths area-relative and sorted; in debwork's own form also each
/// source's index-only packages.
///
/// Held as the rows it lists (``PackageRows``) and their order, never as a map of arrays of strings: the listing is
/// written from them (``SearchText/writePackageTable(_:_:)``, ``writeJSON(versioned:python:_:)``); ``sources``
/// builds the map for the few callers that want it whole.
public struct PackageSearchResult: Sendable {
    let rows: PackageRows
    /// The listed rows, in listing order.
    let listed: [Int32]
    /// Where each source's rows start in `listed`.
    let sourceStarts: [Int32]

    init(rows: PackageRows, listed: [Int32], sourceStarts: [Int32]) {
        self.rows = rows
        self.listed = listed
        self.sourceStarts = sourceStarts
    }

    /// The listing of `sources` in their order (a source without paths is not listed).
    public init(sources: OrderedObject<AreaPaths>) throws {
        var rows = PackageRows()
        var starts: [Int32] = []
        for (source, paths) in sources.members where !paths.isEmpty {
            starts.append(Int32(rows.count))
            for area in SearchArea.allCases {
                for path in paths[area] { try rows.append(area: area.rawValue, source: source, sourceVersion: "", path: path) }
            }
            for hit in paths.indexOnly {
                try rows.append(area: SearchService.indexOnlyArea, source: source, sourceVersion: "", path: hit.path,
                                kind: hit.kind, package: hit.package, version: hit.version, architecture: hit.architecture,
                                distribution: hit.distribution, component: hit.component)
            }
        }
        self.init(rows: rows, listed: (0..<rows.count).map { Int32($0) }, sourceStarts: starts)
    }

    public var isEmpty: Bool { sourceStarts.isEmpty }

    /// Each source's name and its listed rows (indices into ``rows``), in order.
    func forEachSource(_ body: (String, ArraySlice<Int32>) throws -> Void) rethrows {
        for (offset, start) in sourceStarts.enumerated() {
            let end = offset + 1 < sourceStarts.count ? Int(sourceStarts[offset + 1]) : listed.count
            let run = listed[Int(start)..<end]
            try body(rows.string(Int(listed[Int(start)]), .source), run)
        }
    }

    /// One source's paths per area and index-only packages.
    func areaPaths(_ run: ArraySlice<Int32>) -> AreaPaths {
        var paths = AreaPaths()
        for row in run.lazy.map(Int.init) {
            if let area = rows.searchArea(row) {
                paths[area].append(rows.string(row, .path))
            } else if let hit = rows.indexOnlyHit(row) {
                paths.indexOnly.append(hit)
            }
        }
        return paths
    }

    /// Each source and its paths, in order. Two sources whose names differ only in their Unicode form are two members.
    public var members: [(key: String, value: AreaPaths)] {
        var members: [(key: String, value: AreaPaths)] = []
        forEachSource { source, run in members.append((source, areaPaths(run))) }
        return members
    }

    /// The whole map (which, keyed by `String`, holds names that differ only in their Unicode form as one: ``members``
    /// and the JSON keep both).
    public var sources: OrderedObject<AreaPaths> { OrderedObject(members) }

    /// The map as one JSON value (mini-buildd's shape), for a listing rendered whole.
    public func jsonValue() throws -> JSONValue {
        .object(try members.map { ($0.key, try OrderedJSONEncoder.value(of: $0.value)) })
    }

    /// The `-J` document, written source by source: the map (mini-buildd's shape), or with `versioned` debwork's
    /// own `{"schema": 1, "sources": map}`; with `python`, as ``JSONValue/serializedAsPython()`` writes it.
    func writeJSON(versioned: Bool, python: Bool, _ write: (String) -> Void) throws {
        try JSONValue.streamObject(versioned ? "sources" : nil, python: python, produce: { member in
            try forEachSource { source, run in member(source, try OrderedJSONEncoder.value(of: areaPaths(run))) }
        }, write: write)
    }
}
