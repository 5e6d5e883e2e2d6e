/// What one `index` run did.
public struct IndexSummary: Sendable, Codable, Hashable {
    public struct Failure: Sendable, Codable, Hashable {
        public var path: String
        public var reason: String
    }

    /// A folder left out of the walk, and why (`--include-skipped` walks it).
    public struct Skipped: Sendable, Codable, Hashable {
        public var path: String
        public var reason: String
    }

    public var new = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0
    public var failed = 0
    public var failures: [Failure] = []
    public var warnings: [String] = []
    public var skipped: [Skipped] = []
    public var bytes: Int64 = 0
    public var seconds: Double = 0

    enum CodingKeys: String, CodingKey {
        case new, updated, unchanged, removed, failed, failures, warnings, skipped, bytes, seconds
    }
}
