/// A version string dpkg would refuse (`dpkg: error: version 'X' has bad syntax: …`).
public struct VersionError: Error, Sendable, CustomStringConvertible, Hashable {
    /// The version text as given.
    public var version: String
    /// dpkg's reason, e.g. `epoch in version is not number`.
    public var reason: String

    /// Creates an error for `version` with dpkg's `reason`.
    public init(version: String, reason: String) {
        self.version = version
        self.reason = reason
    }

    /// `version '1 0' has bad syntax: version string has embedded spaces`, worded like dpkg.
    public var description: String {
        "version '\(version)' has bad syntax: \(reason)"
    }
}
