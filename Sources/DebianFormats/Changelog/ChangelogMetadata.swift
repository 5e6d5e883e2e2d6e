/// One `key=value` option of a changelog entry header (`urgency=medium`, `binary-only=yes`, `XS-Foo=bar`).
public struct ChangelogMetadata: Sendable, Hashable {
    /// The key as written.
    public var key: String
    /// The value as written (surrounding white space removed).
    public var value: String

    /// Creates an option.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
