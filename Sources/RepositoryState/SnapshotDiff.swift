import DebianFormats
import Index
import JSONOutput

/// `snapshot_diff A B`: what changed between two states of a repository — two snapshots, a snapshot and its
/// live distribution, or two distributions — per architecture (`source` for the source packages): packages
/// added, removed, upgraded and downgraded (Debian version ordering).
public struct SnapshotDiff: Sendable, Encodable {
    public struct Change: Sendable, Hashable, Encodable {
        public var package: String
        /// The version in A (nil: added) and in B (nil: removed).
        public var from: String?
        public var to: String?

        enum CodingKeys: String, CodingKey { case package, from, to }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(package, forKey: .package)
            if let from { try container.encode(from, forKey: .from) } else { try container.encodeNil(forKey: .from) }
            if let to { try container.encode(to, forKey: .to) } else { try container.encodeNil(forKey: .to) }
        }
    }

    public struct Architecture: Sendable, Encodable {
        public var name: String
        public var added: [Change] = []
        public var removed: [Change] = []
        public var upgraded: [Change] = []
        public var downgraded: [Change] = []

        var isEmpty: Bool { added.isEmpty && removed.isEmpty && upgraded.isEmpty && downgraded.isEmpty }
    }

    public var a: String
    public var b: String
    /// Only the architectures with a change, by name.
    public var architectures: [Architecture]
    public var identical: Bool { architectures.isEmpty }

    enum CodingKeys: String, CodingKey { case a, b, identical, architectures }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(a, forKey: .a)
        try container.encode(b, forKey: .b)
        try container.encode(identical, forKey: .identical)
        try container.encode(architectures, forKey: .architectures)
    }

    /// A distribution (`bookworm-test-stable`) or one of its snapshots (`bookworm-test-stable/snapshots/NAME`,
    /// or `bookworm-test-stable@NAME`).
    public static func operand(_ text: String) -> (distribution: String, snapshot: String?) {
        let parts = text.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, parts[1] == "snapshots" {
            return (String(parts[0]), String(parts[2]))
        }
        if let at = text.firstIndex(of: "@") {
            return (String(text[..<at]), String(text[text.index(after: at)...]))
        }
        return (text, nil)
    }

    /// Compares `a` and `b` from the index.
    /// - Throws: ``RepositoryStateError/unknownDistribution(_:)`` for an operand the index does not know.
    public static func compare(_ a: String, _ b: String, store: IndexStore) throws -> SnapshotDiff {
        func load(_ text: String) throws -> [DistributionMember] {
            let (distribution, snapshot) = operand(text)
            guard let members = try store.members(of: distribution, snapshot: snapshot) else {
                throw RepositoryStateError.unknownDistribution(text)
            }
            return members
        }
        return compare(a, try load(a), b, try load(b))
    }

    /// Compares two member lists (a package with several versions in one architecture counts by its highest).
    public static func compare(_ a: String, _ left: [DistributionMember], _ b: String, _ right: [DistributionMember]) -> SnapshotDiff {
        func highest(_ members: [DistributionMember]) -> [String: [String: String]] {
            var result: [String: [String: String]] = [:]
            for member in members {
                let current = result[member.architecture]?[member.package]
                if current.map({ Self.less($0, member.version) }) ?? true {
                    result[member.architecture, default: [:]][member.package] = member.version
                }
            }
            return result
        }
        let before = highest(left), after = highest(right)
        var architectures: [Architecture] = []
        for name in Set(before.keys).union(after.keys).sorted(by: Self.architectureOrder) {
            var architecture = Architecture(name: name)
            let old = before[name] ?? [:], new = after[name] ?? [:]
            for package in Set(old.keys).union(new.keys).sorted() {
                let change = Change(package: package, from: old[package], to: new[package])
                switch (old[package], new[package]) {
                case (nil, _?): architecture.added.append(change)
                case (_?, nil): architecture.removed.append(change)
                case (let from?, let to?) where from != to:
                    if less(from, to) { architecture.upgraded.append(change) } else { architecture.downgraded.append(change) }
                default: break
                }
            }
            if !architecture.isEmpty { architectures.append(architecture) }
        }
        return SnapshotDiff(a: a, b: b, architectures: architectures)
    }

    static func less(_ a: String, _ b: String) -> Bool {
        guard let x = try? DebianVersion(a), let y = try? DebianVersion(b) else { return a < b }
        return x < y
    }

    /// `source` first, then the architectures by name.
    static func architectureOrder(_ a: String, _ b: String) -> Bool {
        a == "source" ? b != "source" : b == "source" ? false : a < b
    }

    /// A table: `ARCH CHANGE PACKAGE FROM -> TO`, one line per change.
    public var text: String {
        var lines: [String] = []
        for architecture in architectures {
            for (kind, changes) in [("added", architecture.added), ("removed", architecture.removed),
                                    ("upgraded", architecture.upgraded), ("downgraded", architecture.downgraded)] {
                for change in changes {
                    lines.append("\(architecture.name)\t\(kind)\t\(change.package)\t\(change.from ?? "-") -> \(change.to ?? "-")")
                }
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}

extension SnapshotDiff: CallOutput {
    public func renderText() -> HumanText { .text(Printable.escapedKeepingLines(text)) }

    /// `{"schema": 1, "a", "b", "identical", "architectures": [{"name", "added", "removed", "upgraded", "downgraded"}]}`.
    public func renderJSON() throws -> JSONValue { try OrderedJSONEncoder.value(of: self).versioned() }
}
