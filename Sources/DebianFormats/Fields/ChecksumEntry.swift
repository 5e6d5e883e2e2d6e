/// One line of a checksum field: ` <hash> <size> <name>`, or in a .changes `Files` field
/// ` <md5> <size> <section> <priority> <name>`.
public struct ChecksumEntry: Sendable, Hashable {
    /// The digest in lowercase hex.
    public var hash: String
    /// The file size in bytes.
    public var size: Int64
    /// The file name (never a path).
    public var name: String
    /// The section, only in a .changes `Files` field.
    public var section: String?
    /// The priority, only in a .changes `Files` field.
    public var priority: String?

    /// Creates an entry.
    public init(hash: String, size: Int64, name: String, section: String? = nil, priority: String? = nil) {
        self.hash = hash
        self.size = size
        self.name = name
        self.section = section
        self.priority = priority
    }

    /// The line as dpkg writes it (without the leading space).
    public var text: String {
        if let section, let priority { return "\(hash) \(size) \(section) \(priority) \(name)" }
        return "\(hash) \(size) \(name)"
    }
}
