import JSONOutput

/// One of mini-buildd's `search` areas: where an artifact sits.
public enum SearchArea: String, Sendable, CaseIterable, Comparable {
    /// Pool files of APT repository trees.
    case repositories
    /// Loose build results (.deb, .dsc) outside repositories and uploads.
    case builds
    /// Uploads: .changes files (and, for `--where`, the files an upload carries).
    case events

    public static func < (lhs: SearchArea, rhs: SearchArea) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .repositories: 0
        case .builds: 1
        case .events: 2
        }
    }
}

/// The paths of one source package per area, in mini-buildd's key order; in debwork's own form also the
/// source's index-only packages (key `index_only`, after the three areas, only when there are some).
public struct AreaPaths: Encodable, Sendable, Equatable {
    public var repositories: [String] = []
    public var builds: [String] = []
    public var events: [String] = []
    /// Packages distributions list whose file is not indexed, sorted; never in the mini-buildd-api form.
    public var indexOnly: [IndexOnlyHit] = []

    public init() {}

    public var isEmpty: Bool { repositories.isEmpty && builds.isEmpty && events.isEmpty && indexOnly.isEmpty }

    enum CodingKeys: String, CodingKey {
        case repositories, builds, events
        case indexOnly = "index_only"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(repositories, forKey: .repositories)
        try container.encode(builds, forKey: .builds)
        try container.encode(events, forKey: .events)
        if !indexOnly.isEmpty { try container.encode(indexOnly, forKey: .indexOnly) }
    }

    public subscript(area: SearchArea) -> [String] {
        get {
            switch area {
            case .repositories: repositories
            case .builds: builds
            case .events: events
            }
        }
        set {
            switch area {
            case .repositories: repositories = newValue
            case .builds: builds = newValue
            case .events: events = newValue
            }
        }
    }
}

/// One file found by `--path`: which package ships it, and where that package is.
public struct PathHit: Encodable, Sendable, Equatable {
    /// `binary` (a file a .deb installs), `source` (a file of an unpacked source tree) or `contents` (a line of
    /// a distribution's Contents file: the package's .deb is not indexed).
    public var kind: String
    public var package: String
    public var version: String
    /// The binary's architecture, or `source`.
    public var architecture: String
    public var area: String
    /// The path inside the package: absolute for binaries (`/usr/bin/x`), tree-relative for sources.
    public var path: String
    /// The .deb or .dsc (or the Contents file), relative to its area's root.
    public var artifact: String
    /// A Contents hit's distribution; absent from the JSON of other hits.
    public var distribution: String? = nil
    /// A Contents hit's component ("" for an old distribution-wide Contents file); absent from other hits.
    public var component: String? = nil
}

/// A package a distribution lists (its `Packages` or `Sources` stanza) whose file is not indexed.
public struct IndexOnlyHit: Encodable, Sendable, Hashable, Comparable {
    /// `binary` or `source`.
    public var kind: String
    public var package: String
    public var version: String
    /// The binary's architecture, or `source`.
    public var architecture: String
    public var distribution: String
    public var component: String
    /// Where the file would be (`Filename`, or the .dsc under `Directory`), relative to the repository root.
    public var path: String

    /// By package, version, architecture, distribution, component, path: field by field, without building a tuple
    /// or an array of the six strings per comparison (retaining twelve strings each time: 11 M instructions to sort
    /// the 622 hits of `--where 'Depends (% *libzstd1*)'`).
    public static func < (lhs: IndexOnlyHit, rhs: IndexOnlyHit) -> Bool {
        if lhs.package != rhs.package { return lhs.package < rhs.package }
        if lhs.version != rhs.version { return lhs.version < rhs.version }
        if lhs.architecture != rhs.architecture { return lhs.architecture < rhs.architecture }
        if lhs.distribution != rhs.distribution { return lhs.distribution < rhs.distribution }
        if lhs.component != rhs.component { return lhs.component < rhs.component }
        return lhs.path < rhs.path
    }
}

/// One ranked `--text` match.
public struct TextHit: Encodable, Sendable, Equatable {
    /// `binary`, `source` or `upload`.
    public var kind: String
    public var package: String
    public var version: String
    public var area: String
    /// The .deb, .dsc or .changes, relative to its area's root.
    public var path: String
    /// The best-matching fragment, matches between the highlight markers.
    public var snippet: String
    /// bm25 rank (lower is better), rounded to 1/1000.
    public var rank: Double
    /// True for a binary known from a distribution's Packages stanza only (`area` is then `index-only` and
    /// `path` its `Filename`, relative to the repository root); absent from the JSON of other hits.
    public var indexOnly: Bool? = nil
    /// An index-only hit's distribution and component; absent from other hits.
    public var distribution: String? = nil
    public var component: String? = nil

    enum CodingKeys: String, CodingKey {
        case kind, package, version, area, path, snippet, rank
        case indexOnly = "index_only"
        case distribution, component
    }
}

/// What a search returns, one shape per mode.
public enum SearchResult: Sendable {
    /// mini-buildd's `search` (a name glob): its shape, unchanged.
    case packages(PackageSearchResult)
    /// `--where`: the same map of sources, as debwork's own document.
    case filtered(PackageSearchResult)
    /// `--path`, `--path-regex`, `--hash`.
    case paths([PathHit])
    /// `--path`, `--path-regex` with more Contents hits than a query holds: read in order from a temporary file.
    case longPaths(PathListing)
    /// `--text`.
    case text([TextHit])

    /// Nothing was found.
    public var isEmpty: Bool {
        switch self {
        case .packages(let result), .filtered(let result): result.sources.isEmpty
        case .paths(let hits): hits.isEmpty
        case .longPaths(let listing): listing.isEmpty
        case .text(let hits): hits.isEmpty
        }
    }
}
