import DebianFormats

/// What reprepro says about one source (`reprepro --type dsc lsbycomponent <source>`), grouped as mini-buildd's
/// `reprepro.Ls` groups it: per distribution its version and component, and the rollback distributions
/// (`<dist>-rollbackN`) under the distribution they belong to.
public struct SourceListing: Sendable, Hashable {
    public struct Entry: Sendable, Hashable, Codable {
        public var version: String
        public var component: String
        public var architecture: String
    }

    public var source: String
    /// Distribution → entry, rollbacks included (keyed by their own name).
    public var entries: [String: Entry]

    public init(source: String, entries: [String: Entry] = [:]) {
        self.source = source
        self.entries = entries
    }

    /// Parses `<source> | <version> | <distribution> | <component> | <architecture>` lines. Lines for other
    /// sources or distributions that are not mini-buildd names are ignored, as mini-buildd ignores them.
    public init(source: String, lsbycomponent output: String) {
        self.init(source: source)
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard fields.count == 5, fields[0] == source, (try? Distribution(fields[2])) != nil else { continue }
            entries[fields[2]] = Entry(version: fields[1], component: fields[3], architecture: fields[4])
        }
    }

    /// The entry in `distribution` (with `version`, exactly that one).
    public func entry(in distribution: String, version: String? = nil) -> Entry? {
        guard let entry = entries[distribution], version == nil || entry.version == version else { return nil }
        return entry
    }

    /// The rollback distributions of `distribution` holding the source, by name.
    public func rollbacks(of distribution: String) -> [String: Entry] {
        entries.filter { name, _ in (try? Distribution(name)).map { $0.rollback != nil && $0.base.description == distribution } ?? false }
    }

    /// mini-buildd's `Ls.filter(..., raise_if_not_found=prefix)` text.
    public func notFound(_ prefix: String, distribution: String?, version: String?) -> RepositoryStateError {
        .refused("\(prefix): Source '\(source)_\(version ?? "any")' not found in '\(distribution ?? "any")' distribution")
    }

    /// mini-buildd's `Ls.filter(..., raise_if_found=prefix)` text.
    public func found(_ prefix: String, distribution: String?, version: String?) -> RepositoryStateError {
        .refused("\(prefix): Source '\(source)_\(version ?? "any")' found in '\(distribution ?? "any")' distribution")
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
