/// One line of a .dsc `Package-List` field: `<package> <type> <section> <priority> [key=value…]`, e.g.
/// `hello deb devel optional arch=any profile=!nocheck`.
public struct PackageListEntry: Sendable, Hashable {
    /// The binary package name.
    public var package: String
    /// The package type (`deb`, `udeb`).
    public var type: String
    /// The section (`devel`, `contrib/libs`).
    public var section: String
    /// The priority (`optional`).
    public var priority: String
    /// The `key=value` attributes (`arch`, `profile`, `essential`, …), values as written.
    public var attributes: [String: String]

    /// Creates an entry.
    public init(package: String, type: String, section: String, priority: String,
                attributes: [String: String] = [:]) {
        self.package = package
        self.type = type
        self.section = section
        self.priority = priority
        self.attributes = attributes
    }

    /// The line as dpkg-source writes it, attributes sorted by key.
    public var text: String {
        ([package, type, section, priority] + attributes.keys.sorted().map { "\($0)=\(attributes[$0] ?? "")" })
            .joined(separator: " ")
    }
}
