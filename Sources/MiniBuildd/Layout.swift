/// A mini-buildd layout: the suites of a repository and how they relate.
public struct Layout: Sendable, Hashable {
    public struct Suite: Sendable, Hashable, Encodable {
        public var name: String
        public var uploadable: Bool
        public var experimental: Bool
        public var migratesTo: String?
        public var rollbacks: Int

        public init(name: String, uploadable: Bool, experimental: Bool, migratesTo: String?, rollbacks: Int) {
            self.name = name
            self.uploadable = uploadable
            self.experimental = experimental
            self.migratesTo = migratesTo
            self.rollbacks = rollbacks
        }

        enum CodingKeys: String, CodingKey {
            case uploadable, experimental
            case migratesTo = "migrates_to"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(uploadable, forKey: .uploadable)
            try container.encode(experimental, forKey: .experimental)
            if let migratesTo { try container.encode(migratesTo, forKey: .migratesTo) }
            else { try container.encodeNil(forKey: .migratesTo) }
        }
    }

    public var name: String
    public var suites: [Suite]

    public init(name: String, suites: [Suite]) {
        self.name = name
        self.suites = suites
    }

    public func suite(_ name: String) -> Suite? { suites.first { $0.name == name } }

    /// mini-buildd's "Default" layout (suite: uploadable, experimental, migrates_to, rollbacks).
    public static let `default` = Layout(name: "Default", suites: [
        Suite(name: "experimental", uploadable: true, experimental: true, migratesTo: nil, rollbacks: 6),
        Suite(name: "snapshot", uploadable: true, experimental: true, migratesTo: nil, rollbacks: 12),
        Suite(name: "unstable", uploadable: true, experimental: false, migratesTo: "testing", rollbacks: 9),
        Suite(name: "testing", uploadable: false, experimental: false, migratesTo: "stable", rollbacks: 3),
        Suite(name: "hotfix", uploadable: true, experimental: false, migratesTo: "stable", rollbacks: 4),
        Suite(name: "stable", uploadable: false, experimental: false, migratesTo: nil, rollbacks: 6),
    ])
}
