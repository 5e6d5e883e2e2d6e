/// A distribution name that does not follow mini-buildd's `<codename>-<repoid>-<suite>[-rollback<n>]`.
public struct DistributionError: Error, Sendable, CustomStringConvertible, Hashable {
    /// The name as given.
    public var name: String

    /// Creates an error for `name`.
    public init(name: String) { self.name = name }

    /// mini-buildd's own message, word for word (so it keeps mini-buildd's capital letter):
    /// `Malformed distribution 'x': Must be '<codename>-<repoid>-<suite>[-rollback<n>]'`.
    public var description: String {
        "Malformed distribution '\(name)': Must be '<codename>-<repoid>-<suite>[-rollback<n>]'"
    }
}
