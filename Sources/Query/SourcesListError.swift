/// Why `sources_list` cannot answer; the description is mini-buildd's text where it has one.
public struct SourcesListError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    /// mini-buildd's `"No such snapshot for {diststr}: '{snapshot}' (available: …)"`.
    static func noSuchSnapshot(_ snapshot: String, distribution: String, available: [String]) -> SourcesListError {
        SourcesListError("No such snapshot for \(distribution): '\(snapshot)' (available: \(available.joined(separator: ", ")))")
    }
}
