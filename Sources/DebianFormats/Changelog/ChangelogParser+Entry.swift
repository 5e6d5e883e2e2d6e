extension ChangelogParser {
    static let weekdays: Set<String> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// Turns the collected parts into an entry (dpkg's `parse_header`, `parse_trailer`, `find_closes`,
    /// `get_change_items`), recording dpkg's warnings.
    mutating func makeEntry(_ raw: Raw) -> ChangelogEntry {
        let headerText = raw.header.map(Deb822Text.trimmedEnd) ?? ""
        var entry = ChangelogEntry(source: "", version: "", distributions: [], urgency: "", metadata: [],
                                   maintainer: "", date: "", line: raw.headerLine)
        entry.header = String(headerText)
        if let m = headerText.wholeMatch(of: patterns.header) {
            entry.source = String(m.1)
            entry.version = String(m.2)
            entry.distributions = m.3.split(whereSeparator: { Deb822Text.isSpace($0.asciiValue ?? 0) })
                .map(String.init)
            parseOptions(Substring(Deb822Text.trimmed(m.4)), into: &entry, line: raw.headerLine)
            do {
                let version = try DebianVersion(entry.version)
                if let warning = version.warnings.first {
                    warn(raw.headerLine, "version '\(entry.version)' is invalid: \(warning)", headerText)
                }
            } catch {
                warn(raw.headerLine, "version '\(entry.version)' is invalid: \(error.reason)", headerText)
            }
        }
        let lines = raw.changes.map { line -> String in
            let trimmed = Deb822Text.trimmedEnd(line)
            return trimmed.utf8.allSatisfy(Deb822Text.isSpace) ? "" : String(trimmed)
        }
        entry.changes = lines.joined(separator: "\n")
        entry.items = Self.items(lines)
        entry.closes = findCloses(raw.changes.joined(separator: "\n"))
        if let trailer = raw.trailer {
            parseTrailer(trailer, into: &entry, line: raw.trailerLine)
        }
        return entry
    }

    private mutating func parseOptions(_ options: Substring, into entry: inout ChangelogEntry, line: Int) {
        var pieces = options.split(separator: ",", omittingEmptySubsequences: false)
            .map { Deb822Text.trimmed($0) }
        while pieces.last?.isEmpty == true { pieces.removeLast() }  // Perl's split drops trailing empty fields
        var seen: Set<String> = []
        for piece in pieces {
            guard let m = piece.wholeMatch(of: patterns.option) else {
                warn(line, "bad key-value after ';': '\(piece)'")
                continue
            }
            let key = String(m.1)
            let value = String(m.2)
            let canonical = Self.capitalized(key)
            guard seen.insert(canonical).inserted else {
                warn(line, "repeated key-value \(canonical)")
                continue
            }
            entry.metadata.append(ChangelogMetadata(key: key, value: value))
            switch canonical {
            case "Urgency":
                entry.urgency = value
                if value.wholeMatch(of: patterns.urgencyValue) == nil {
                    warn(line, "badly formatted urgency value: \(value)")
                }
            case "Binary-Only":
                if value != "yes" { warn(line, "bad binary-only value: \(value)") }
            default:
                let upper = canonical.uppercased()
                let prefix = upper.prefix { $0 != "-" }
                let isExtension = upper.hasPrefix("X") && prefix.count > 1 && upper.contains("-")
                    && prefix.dropFirst().allSatisfy { "BCS".contains($0) }
                if !isExtension { warn(line, "unknown key-value \(canonical)") }
            }
        }
    }

    private mutating func parseTrailer(_ trailer: Substring, into entry: inout ChangelogEntry, line: Int) {
        guard let m = trailer.wholeMatch(of: patterns.trailer) else { return }
        entry.maintainer = "\(m.1) <\(m.2)>"
        entry.date = String(m.4)
        if m.3 != "  " { warn(line, "badly formatted trailer line", trailer) }
        if m.5 != nil, let day = m.6, !Self.weekdays.contains(String(day)) {
            warn(line, "ignoring invalid week day '\(day)'", trailer)
        }
        entry.timestamp = RFC2822Date.parse(String(m.7))
        if entry.timestamp == nil {
            let month = String(m.8)
            if !RFC2822Date.months.contains(where: { Deb822Text.equalIgnoringASCIICase($0, month) }) {
                if let index = RFC2822Date.fullMonths.firstIndex(of: month) {
                    warn(line, "uses full '\(month)' instead of abbreviated month name '\(RFC2822Date.months[index])'",
                         trailer)
                } else {
                    warn(line, "invalid abbreviated month name '\(month)'", trailer)
                }
            }
            warn(line, "cannot parse non-conformant date '\(m.7)'", trailer)
        }
    }

    /// dpkg's `find_closes`: every number inside each `Closes: #N, #M` statement, sorted, unique.
    private func findCloses(_ changes: String) -> [Int] {
        guard Self.containsClosesKeyword(changes) else { return [] }
        var numbers: Set<Int> = []
        for match in changes.matches(of: patterns.closes) {
            var digits = ""
            for scalar in match.output.unicodeScalars {
                if scalar.properties.numericType != nil, scalar.isASCII {
                    digits.unicodeScalars.append(scalar)
                } else if !digits.isEmpty {
                    if let n = Int(digits) { numbers.insert(n) }
                    digits = ""
                }
            }
            if let n = Int(digits) { numbers.insert(n) }
        }
        return numbers.sorted()
    }

    /// A cheap pre-check so the regex only runs on entries that mention `closes:` (any case).
    private static func containsClosesKeyword(_ text: String) -> Bool {
        let needle = Array("closes:".utf8)
        let bytes = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) {
            var matched = true
            for k in 0..<needle.count where bytes[start + k] | (k < 6 ? 0x20 : 0) != needle[k] {
                matched = false
                break
            }
            if matched { return true }
        }
        return false
    }

    /// `* …` items: a line whose first non-blank character is `*` starts one, `[ Name ]` lines and blank
    /// lines end none, other lines continue the current item. Lines are joined by single spaces.
    static func items(_ lines: [String]) -> [String] {
        var items: [String] = []
        var current: [String]?
        for line in lines {
            let text = Deb822Text.trimmed(line)
            if text.hasPrefix("*") {
                if let current { items.append(current.joined(separator: " ")) }
                let rest = Deb822Text.trimmed(Substring(text.dropFirst()))
                current = rest.isEmpty ? [] : [rest]
            } else if text.hasPrefix("["), text.hasSuffix("]") {
                if let current { items.append(current.joined(separator: " ")) }
                current = nil
            } else if !text.isEmpty {
                current?.append(text)
            }
        }
        if let current { items.append(current.joined(separator: " ")) }
        return items
    }

    /// dpkg's `field_capitalize`: each `-`-separated word with an upper-case first letter.
    static func capitalized(_ key: String) -> String {
        key.split(separator: "-", omittingEmptySubsequences: false).map { word in
            Deb822Text.lowercased(String(word)).prefix(1).uppercased() + Deb822Text.lowercased(String(word.dropFirst()))
        }.joined(separator: "-")
    }
}
