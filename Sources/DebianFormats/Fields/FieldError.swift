/// A malformed field value in a control file (checksums, Package-List, …).
public struct FieldError: Error, Sendable, CustomStringConvertible, Hashable {
    /// The file name given to the parser.
    public var file: String
    /// The field's name (`Checksums-Sha256`).
    public var field: String
    /// 1-based line of the offending text, when known.
    public var line: Int?
    /// What is wrong, lowercase, quoting the bad value.
    public var reason: String

    /// Creates an error.
    public init(file: String, field: String, line: Int? = nil, reason: String) {
        self.file = file
        self.field = field
        self.line = line
        self.reason = reason
    }

    /// `hello.dsc:14: field 'Files': size 'x1' is not a number`.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): field '\(field)': \(reason)"
    }
}
