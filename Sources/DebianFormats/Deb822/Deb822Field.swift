/// One field of a deb822 paragraph.
///
/// `value` is the text after `Name:` with the first line's surrounding whitespace trimmed; each
/// continuation line is appended as `"\n"` + the line as written (keeping its leading space or tab) with
/// trailing whitespace trimmed. So `Description: short\n long` gives `"short\n long"` and `Files:\n a 1 x`
/// gives `"\n a 1 x"`.
public struct Deb822Field: Sendable, Hashable {
    /// The field name as written (lookups ignore case).
    public var name: String
    /// The value, see the type's documentation.
    public var value: String
    /// 1-based line of the field name (0 for fields added in code).
    public var line: Int

    /// Creates a field.
    public init(name: String, value: String, line: Int = 0) {
        self.name = name
        self.value = value
        self.line = line
    }
}
