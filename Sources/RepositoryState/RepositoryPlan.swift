import JSONOutput

/// What a `migrate` or `remove` will do (or did): the reprepro commands, and the source's version in every
/// distribution before and after (mini-buildd's distributions and rollbacks), for the confirmation and
/// `--dry-run`.
public struct RepositoryPlan: Sendable, Encodable {
    public var call: String
    public var source: String
    public var repository: String
    public var steps: [RepositoryStep]
    /// Distribution → version, before and after (absent: the source is not there).
    public var before: [String: String]
    public var after: [String: String]
    /// The snapshot taken of each changed distribution first (`--snapshot-before`), if any.
    public var snapshot: String?
    /// The installability check of every copy into a distribution (`migrate`), per architecture; nil when
    /// not checked (`remove`, `--ignore-deps`).
    public var installability: [MigrationInstallability]?

    /// The distributions whose content the plan changes, in name order.
    public var changed: [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }

    enum CodingKeys: String, CodingKey { case call, source, repository, steps, before, after, changed, snapshot, installability }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(call, forKey: .call)
        try container.encode(source, forKey: .source)
        try container.encode(repository, forKey: .repository)
        try container.encode(steps, forKey: .steps)
        try container.encode(Self.sorted(before), forKey: .before)
        try container.encode(Self.sorted(after), forKey: .after)
        try container.encode(changed, forKey: .changed)
        if let snapshot { try container.encode(snapshot, forKey: .snapshot) } else { try container.encodeNil(forKey: .snapshot) }
        if let installability { try container.encode(installability, forKey: .installability) }
        else { try container.encodeNil(forKey: .installability) }
    }

    static func sorted(_ versions: [String: String]) -> OrderedObject<String> {
        OrderedObject(versions.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
    }

    /// Text for a terminal: one line per command, then the versions that change.
    public var text: String {
        var lines = ["\(call) \(source) in \(repository):"]
        for (position, step) in steps.enumerated() {
            lines.append("  \(position + 1). reprepro \(step.arguments.joined(separator: " "))  (\(step.purpose)"
                         + (step.ignoreFailure ? ", failure ignored" : "") + ")")
        }
        if steps.isEmpty { lines.append("  nothing to do") }
        for name in changed {
            lines.append("  \(name): \(before[name] ?? "-") -> \(after[name] ?? "-")")
        }
        if let installability {
            let architectures = Set(installability.map(\.architecture)).sorted().joined(separator: " ")
            lines.append(installability.allSatisfy(\.isAcceptable)
                ? "  installability: nothing becomes uninstallable (\(architectures))"
                : "  installability: " + MigrationInstallability.refusal(installability.filter { !$0.isAcceptable }))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension RepositoryPlan: CallOutput {
    public func renderText() -> HumanText { .text(text) }

    /// `{"schema": 1, "call", "source", "repository", "steps", "before", "after", "changed", "snapshot",
    /// "installability"}`.
    public func renderJSON() throws -> JSONValue { try OrderedJSONEncoder.value(of: self).versioned() }
}
