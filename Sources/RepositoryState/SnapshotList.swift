import JSONOutput

/// `snapshot_ls`'s result: the names of a distribution's reprepro snapshots, as the index knows them.
public struct SnapshotList: Sendable, CallOutput {
    public var names: [String]

    public init(_ names: [String]) { self.names = names }

    /// A name per line.
    public func renderText() -> HumanText { .text(names.map { $0 + "\n" }.joined()) }

    /// A list of names, as mini-buildd's `snapshot_ls`.
    public func renderJSON() -> JSONValue { .array(names.map(JSONValue.string)) }
}
