/// A changelog that cannot be parsed at all (no valid entry header).
public struct ChangelogError: Error, Sendable, CustomStringConvertible, Hashable {
    /// The file name given to the parser.
    public var file: String
    /// 1-based line of the problem (0 when it concerns the whole file).
    public var line: Int
    /// What is wrong, lowercase.
    public var reason: String

    /// Creates an error.
    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `debian/changelog:1: no valid entry header ('source (version) dist; urgency=…') found`.
    public var description: String {
        line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
    }
}
