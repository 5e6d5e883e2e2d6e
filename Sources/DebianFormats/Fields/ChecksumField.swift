/// Reads the checksum fields of a .dsc or .changes paragraph (`Files`, `Checksums-Sha1`, `Checksums-Sha256`,
/// `Checksums-Sha512`).
public enum ChecksumField {
    /// Parses and cross-checks every checksum field present in `paragraph`.
    ///
    /// Each line must be `<hash> <size> <name>` (in a .changes `Files` field, with `changesFiles: true`,
    /// `<md5> <size> <section> <priority> <name>`). Checked, as dpkg-source and dscverify do before trusting a
    /// file: the hash has the algorithm's number of lowercase hex digits; the size is a decimal number; the
    /// name is a plain file name (no `/`, no `..`, not starting with `-`); no name appears twice in a field;
    /// and every checksum field lists the same names.
    ///
    /// - Parameters:
    ///   - paragraph: the .dsc or .changes paragraph.
    ///   - file: the file name for messages.
    ///   - changesFiles: whether `Files` has the five-column .changes layout.
    /// - Returns: the entries of each field present, in file order (absent fields have no key).
    /// - Throws: ``FieldError`` naming the field and the line.
    public static func parse(
        _ paragraph: Deb822Paragraph, file: String, changesFiles: Bool = false
    ) throws(FieldError) -> [ChecksumAlgorithm: [ChecksumEntry]] {
        var result: [ChecksumAlgorithm: [ChecksumEntry]] = [:]
        var reference: (field: String, names: Set<String>)?
        for algorithm in ChecksumAlgorithm.allCases {
            guard let index = paragraph.index(of: algorithm.dscField) else { continue }
            let field = paragraph.fields[index]
            let entries = try parseField(field, algorithm: algorithm, file: file,
                                         columns: algorithm == .md5 && changesFiles ? 5 : 3)
            let names = Set(entries.map(\.name))
            if let reference, reference.names != names {
                let missing = reference.names.subtracting(names).sorted()
                let extra = names.subtracting(reference.names).sorted()
                let what = missing.first.map { "lacks '\($0)' listed in '\(reference.field)'" }
                    ?? "lists '\(extra.first ?? "")' missing from '\(reference.field)'"
                throw FieldError(file: file, field: field.name, line: field.line > 0 ? field.line : nil,
                                 reason: what)
            }
            if reference == nil { reference = (field.name, names) }
            result[algorithm] = entries
        }
        return result
    }

    private static func parseField(
        _ field: Deb822Field, algorithm: ChecksumAlgorithm, file: String, columns: Int
    ) throws(FieldError) -> [ChecksumEntry] {
        var entries: [ChecksumEntry] = []
        var seen: Set<String> = []
        for (offset, rawLine) in field.value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Deb822Text.trimmed(rawLine)
            if line.isEmpty { continue }
            func fail(_ reason: String) -> FieldError {
                FieldError(file: file, field: field.name, line: field.line > 0 ? field.line + offset : nil,
                           reason: reason)
            }
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard tokens.count == columns else {
                throw fail("expected \(columns) words, got \(tokens.count) in '\(line)'")
            }
            let hash = tokens[0]
            guard hash.utf8.count == algorithm.hexLength,
                  hash.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
                throw fail("checksum '\(hash)' is not \(algorithm.hexLength) lowercase hex digits")
            }
            guard !tokens[1].isEmpty, tokens[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let size = Int64(tokens[1]) else {
                throw fail("size '\(tokens[1])' of '\(tokens[columns - 1])' is not a number")
            }
            let name = tokens[columns - 1]
            if name.contains("/") || name.contains("..") || name.hasPrefix("-") {
                throw fail("unsafe file name '\(name)'")
            }
            if !seen.insert(name).inserted { throw fail("file '\(name)' listed twice") }
            entries.append(ChecksumEntry(hash: hash, size: size, name: name,
                                         section: columns == 5 ? tokens[2] : nil,
                                         priority: columns == 5 ? tokens[3] : nil))
        }
        return entries
    }
}
