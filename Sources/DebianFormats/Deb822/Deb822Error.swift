/// A control file (deb822) that cannot be read: where and why.
public struct Deb822Error: Error, Sendable, CustomStringConvertible, Hashable {
    /// The file name given to the parser, used in messages only.
    public var file: String
    /// 1-based line of the problem (0 when it concerns the whole file).
    public var line: Int
    /// What is wrong, lowercase, quoting the offending text.
    public var reason: String

    /// Creates an error for `file` at `line`.
    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `debian/control:12: duplicate value for 'Source' field`.
    public var description: String {
        line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
    }
}
