/// Something dpkg-parsechangelog only warns about (a badly formatted line, an unparseable date, …).
public struct ChangelogWarning: Sendable, Hashable, CustomStringConvertible {
    /// The file name given to the parser.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// dpkg's wording where dpkg has one, e.g. `badly formatted heading line`.
    public var message: String
    /// The offending line, `""` when the warning is not about one line's text.
    public var text: String

    /// Creates a warning.
    public init(file: String, line: Int, message: String, text: String = "") {
        self.file = file
        self.line = line
        self.message = message
        self.text = text
    }

    /// `debian/changelog:3: badly formatted heading line: 'foo'`.
    public var description: String {
        "\(file):\(line): \(message)" + (text.isEmpty ? "" : ": '\(text)'")
    }
}
