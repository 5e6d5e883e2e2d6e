/// A paragraph (stanza) of a deb822 control file: fields in file order, names compared case-insensitively.
public struct Deb822Paragraph: Sendable, Hashable {
    /// The fields in the order they were written.
    public var fields: [Deb822Field]
    /// 1-based line of the first field (0 for paragraphs built in code).
    public var line: Int

    /// Creates a paragraph from `fields`.
    public init(fields: [Deb822Field] = [], line: Int = 0) {
        self.fields = fields
        self.line = line
    }

    /// The value of the field called `name` (any case), or `nil`.
    ///
    /// Setting replaces the value of an existing field in place (keeping its name and position) or appends a
    /// new field; setting `nil` removes the field.
    public subscript(_ name: String) -> String? {
        get { index(of: name).map { fields[$0].value } }
        set {
            switch (index(of: name), newValue) {
            case let (i?, value?): fields[i].value = value
            case let (i?, nil): fields.remove(at: i)
            case let (nil, value?): fields.append(Deb822Field(name: name, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Whether a field called `name` (any case) is present.
    public func contains(_ name: String) -> Bool { index(of: name) != nil }

    /// The lines of a multi-line field such as `Files`, `Checksums-Sha256` or `Package-List`: the value split
    /// at line breaks, each line trimmed, empty lines dropped. `[]` when the field is absent.
    public func lines(of name: String) -> [String] {
        guard let value = self[name] else { return [] }
        return value.split(separator: "\n", omittingEmptySubsequences: true)
            .map { Deb822Text.trimmed(Substring($0)) }
            .filter { !$0.isEmpty }
    }

    /// The paragraph serialised: `Name: value` per field, `Name:` directly followed by the value when the value
    /// starts on the next line (and for empty values), each field ending in a newline.
    public var text: String {
        var out = ""
        for field in fields {
            out += field.name + ":"
            if !field.value.isEmpty, !field.value.hasPrefix("\n") { out += " " }
            out += field.value + "\n"
        }
        return out
    }

    func index(of name: String) -> Int? {
        fields.firstIndex { Deb822Text.equalIgnoringASCIICase($0.name, name) }
    }
}
