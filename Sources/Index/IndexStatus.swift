import MiniBuildd
import JSONOutput

/// The `status` call's result: mini-buildd's keys where they apply, then the index's own under `index`.
public struct IndexStatus: Sendable, Encodable {
    public struct Repository: Sendable, Encodable {
        public var codenames: [String]
        public var layout: OrderedObject<Layout.Suite>
    }

    public struct Distribution: Sendable, Encodable {
        public var name: String
        public var codename: String?
        public var suite: String?
        public var rollback: Int?
        /// false: configured in `conf/distributions`, not exported to `dists/` yet (it holds nothing).
        public var exported: Bool
        /// The fingerprint of the key whose signature was verified (`index --keyring`); nil: not checked.
        public var signedBy: String?
        public var sources: Int
        public var binaries: Int
        public var snapshots: [String]

        enum CodingKeys: String, CodingKey {
            case name, codename, suite, rollback, exported, signedBy = "signed_by", sources, binaries, snapshots
        }
    }

    public struct IndexedRepository: Sendable, Encodable {
        public var identity: String
        public var root: String
        public var codenames: [String]
        public var suites: [String]
        public var distributions: [Distribution]
    }

    /// A file the last run could not read, and why.
    public struct FailedFile: Sendable, Encodable {
        public var path: String
        public var reason: String
        public var failedAt: String
        enum CodingKeys: String, CodingKey { case path, reason, failedAt = "failed_at" }
    }

    /// A claim of an indexed package that its data contradicts (an md5sums line, …).
    public struct Finding: Sendable, Encodable {
        public var file: String
        public var package: String
        public var version: String
        public var kind: String
        /// Root-relative path inside the package.
        public var path: String
        public var claimed: String?
        public var actual: String?
    }

    public struct Index: Sendable, Encodable {
        public var path: String
        public var schemaVersion: Int
        public var sqliteVersion: String
        public var sizeBytes: Int64
        public var lastUpdate: String?
        public var files: OrderedObject<OrderedObject<Int>>
        public var packages: OrderedObject<Int>
        public var failures: Int
        /// The failed files themselves (`status --failed`; nil: only the count).
        public var failedFiles: [FailedFile]?
        /// Every finding, by file then path.
        public var findings: [Finding]
        /// Every pool file that differs from a stanza listing it, by file.
        public var poolMismatches: [PoolMismatch]
        public var roots: [String]
        public var repositories: [IndexedRepository]

        enum CodingKeys: String, CodingKey {
            case path
            case schemaVersion = "schema_version"
            case sqliteVersion = "sqlite_version"
            case sizeBytes = "size_bytes"
            case lastUpdate = "last_update"
            case files, packages, failures, failedFiles = "failed_files", findings, poolMismatches = "pool_mismatches", roots
            case repositories
        }
    }

    /// Which keys are encoded: debwork's (everything), or mini-buildd-api's exactly (`repositories` only with
    /// `-R`, no `index`).
    public enum Mode: Sendable { case debwork, miniBuildd, miniBuilddWithRepositories }
    public var mode: Mode = .debwork

    public var version: String
    public var identity: String
    public var url: String?
    public var incomingURL: String?
    public var load: Double
    public var chroots: [String]
    public var remotes: [String]
    public var repositories: OrderedObject<Repository>
    public var index: Index

    enum CodingKeys: String, CodingKey {
        case version, identity, url
        case incomingURL = "incoming_url"
        case load, chroots, remotes, repositories, index
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(identity, forKey: .identity)
        if let url { try container.encode(url, forKey: .url) } else { try container.encodeNil(forKey: .url) }
        if let incomingURL { try container.encode(incomingURL, forKey: .incomingURL) }
        else { try container.encodeNil(forKey: .incomingURL) }
        try container.encode(load, forKey: .load)
        try container.encode(chroots, forKey: .chroots)
        try container.encode(remotes, forKey: .remotes)
        if mode != .miniBuildd { try container.encode(repositories, forKey: .repositories) }
        if mode == .debwork { try container.encode(index, forKey: .index) }
    }
}
