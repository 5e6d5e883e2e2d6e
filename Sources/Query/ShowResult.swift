import Index
import JSONOutput

/// `show`'s JSON: `ls`'s shape plus mini-buildd's per-distribution keys, and debwork's extras under
/// `x-debwork`: inside each distribution object (whose other keys are fixed), and at the top level for
/// builds and uploads (a repository id is `[a-z0-9]+`, so it can never be `x-debwork`).
public struct ShowResult: Sendable, Encodable {
    public struct Binary: Sendable, Encodable {
        public var package: String
        public var version: String
        public var architecture: String
        public var component: String
        /// The top entry of the binary's own changelog when it is not the source's (a binNMU, a rebuild): only
        /// for a binary whose .deb is indexed.
        public var changelog: ChangelogBlock? = nil
    }

    public struct ListedFile: Sendable, Encodable {
        public var name: String
        public var size: Int64
        public var sha256: String?
    }

    public struct ChangelogBlock: Sendable, Encodable {
        public var version: String
        public var distributions: String
        public var urgency: String
        public var maintainer: String
        public var date: String
        public var changes: String
    }

    /// What only the index knows about a distribution's version.
    public struct Extras: Sendable, Encodable {
        public var dscFile: String?
        public var binaries: [Binary] = []
        public var files: [ListedFile] = []
        public var changelog: ChangelogBlock?
        public var rollbacks = OrderedObject<String>()

        enum CodingKeys: String, CodingKey {
            case dscFile = "dsc_file", binaries, files, changelog
            case rollbacks = "rollback_dsc_paths"
        }
    }

    public struct Distribution: Sendable, Encodable {
        public var listing: LsResult.Distribution
        public var dscPath: String?
        public var changesPath: String?
        public var uploadable: Bool
        public var migratesTo: String?
        public var isMigrated: Bool
        public var extras: Extras

        enum CodingKeys: String, CodingKey {
            case rollbacks, version, component, architecture
            case dscPath = "dsc_path", changesPath = "changes_path", uploadable
            case migratesTo = "migrates_to", isMigrated = "is_migrated", extras = "x-debwork"
        }

        /// A rollback entry as mini-buildd's `Ls.enrich()` leaves it: `ls`'s keys, then its `dsc_path`.
        struct RollbackEntry: Encodable {
            var entry: LsResult.Entry
            var dscPath: String?
            enum CodingKeys: String, CodingKey { case version, component, architecture, dscPath = "dsc_path" }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(entry.version, forKey: .version)
                try container.encode(entry.component, forKey: .component)
                try container.encode(entry.architecture, forKey: .architecture)
                if let dscPath { try container.encode(dscPath, forKey: .dscPath) }
            }
        }

        /// mini-buildd's keys where it emits them: `dsc_path` with a version, `changes_path` when an upload is
        /// known, `uploadable` always, `migrates_to` only for a suite that migrates, `is_migrated` only with a
        /// version and a `migrates_to`; each rollback with its `dsc_path`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            var rollbacks = OrderedObject<RollbackEntry>()
            for (name, entry) in listing.rollbacks.members {
                rollbacks[name] = RollbackEntry(entry: entry, dscPath: extras.rollbacks[name])
            }
            try container.encode(rollbacks, forKey: .rollbacks)
            if let current = listing.current {
                try container.encode(current.version, forKey: .version)
                try container.encode(current.component, forKey: .component)
                try container.encode(current.architecture, forKey: .architecture)
                if let dscPath { try container.encode(dscPath, forKey: .dscPath) }
            }
            if let changesPath { try container.encode(changesPath, forKey: .changesPath) }
            try container.encode(uploadable, forKey: .uploadable)
            if let migratesTo {
                try container.encode(migratesTo, forKey: .migratesTo)
                if listing.current != nil { try container.encode(isMigrated, forKey: .isMigrated) }
            }
            try container.encode(extras, forKey: .extras)
        }
    }

    /// A loose build or upload of the source (areas `builds` and `events`).
    public struct Artifact: Sendable, Encodable {
        public var path: String
        public var file: String
        public var kind: String
        public var package: String
        public var version: String
    }

    public struct Elsewhere: Sendable, Encodable {
        public var builds: [Artifact] = []
        public var events: [Artifact] = []
        /// Claims of the source's binary packages that their data contradicts (md5sums lines); only present
        /// when there are some.
        public var findings: [IndexStatus.Finding] = []
        /// The source's pool files (its .dsc, the binaries built from it) that differ from a stanza listing them;
        /// only present when there are some.
        public var poolMismatches: [PoolMismatch] = []

        enum CodingKeys: String, CodingKey { case builds, events, findings, poolMismatches = "pool_mismatches" }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(builds, forKey: .builds)
            try container.encode(events, forKey: .events)
            if !findings.isEmpty { try container.encode(findings, forKey: .findings) }
            if !poolMismatches.isEmpty { try container.encode(poolMismatches, forKey: .poolMismatches) }
        }

        var isEmpty: Bool { builds.isEmpty && events.isEmpty && findings.isEmpty && poolMismatches.isEmpty }
    }

    public var source: String
    public var repositories = OrderedObject<OrderedObject<Distribution>>()
    public var elsewhere = Elsewhere()

    public var isEmpty: Bool { repositories.isEmpty && elsewhere.isEmpty }

    enum CodingKeys: String, CodingKey { case extras = "x-debwork" }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for (repository, distributions) in repositories.members {
            try container.encode(distributions, forKey: AnyKey(repository))
        }
        if !elsewhere.isEmpty {
            try container.encode(elsewhere, forKey: AnyKey("x-debwork"))
        }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = String(intValue) }
}
