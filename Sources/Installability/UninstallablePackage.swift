/// A binary package that cannot be installed, with the reason: the `-J` form of `debwork check`
/// (`{"package", "version", "architecture", "reason"}`, in that order).
public struct UninstallablePackage: Sendable, Hashable, Codable {
    public var package: String
    public var version: String
    public var architecture: String
    /// Which dependency cannot be satisfied and why, in words (see ``Explanation``).
    public var reason: String

    public init(package: String, version: String, architecture: String, reason: String) {
        self.package = package
        self.version = version
        self.architecture = architecture
        self.reason = reason
    }
}
