import JSONOutput

/// `ls`'s JSON: `{repo: {dist: {"rollbacks": {rbdist: entry}, "version", "component", "architecture"}}}`.
public struct LsResult: Sendable, Encodable {
    /// One version in one distribution (mini-buildd's `architecture` is always `"source"` here).
    public struct Entry: Sendable, Encodable {
        public var version: String
        public var component: String
        public var architecture: String = "source"
    }

    /// A distribution: the rollbacks first (mini-buildd's key order), then its own version if it has one.
    public struct Distribution: Sendable, Encodable {
        public var rollbacks = OrderedObject<Entry>()
        public var current: Entry?

        enum CodingKeys: String, CodingKey { case rollbacks, version, component, architecture }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rollbacks, forKey: .rollbacks)
            if let current {
                try container.encode(current.version, forKey: .version)
                try container.encode(current.component, forKey: .component)
                try container.encode(current.architecture, forKey: .architecture)
            }
        }
    }

    public var source: String
    public var repositories = OrderedObject<OrderedObject<Distribution>>()

    public var isEmpty: Bool { repositories.isEmpty }

    public func encode(to encoder: any Encoder) throws {
        try repositories.encode(to: encoder)
    }
}
