/// Reads the `Package-List` field of a .dsc.
public enum PackageList {
    /// Parses `Package-List` of `paragraph`: `[]` when the field is absent (dpkg before 1.17 did not write it).
    ///
    /// - Throws: ``FieldError`` for a line with fewer than four words, an attribute without `=` or with an
    ///   empty key, or an attribute given twice.
    public static func parse(_ paragraph: Deb822Paragraph, file: String) throws(FieldError) -> [PackageListEntry] {
        guard let index = paragraph.index(of: "Package-List") else { return [] }
        let field = paragraph.fields[index]
        var entries: [PackageListEntry] = []
        for (offset, rawLine) in field.value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Deb822Text.trimmed(rawLine)
            if line.isEmpty { continue }
            func fail(_ reason: String) -> FieldError {
                FieldError(file: file, field: field.name, line: field.line > 0 ? field.line + offset : nil,
                           reason: reason)
            }
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard tokens.count >= 4 else {
                throw fail("expected '<package> <type> <section> <priority> [key=value…]', got '\(line)'")
            }
            var attributes: [String: String] = [:]
            for token in tokens.dropFirst(4) {
                guard let eq = token.firstIndex(of: "="), eq != token.startIndex else {
                    throw fail("attribute '\(token)' of '\(tokens[0])' is not key=value")
                }
                let key = String(token[..<eq])
                guard attributes[key] == nil else { throw fail("attribute '\(key)' of '\(tokens[0])' given twice") }
                attributes[key] = String(token[token.index(after: eq)...])
            }
            entries.append(PackageListEntry(package: tokens[0], type: tokens[1], section: tokens[2],
                                            priority: tokens[3], attributes: attributes))
        }
        return entries
    }
}
