extension ChangelogParser {
    static let weekdays: Set<String> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// Turns the collected parts into an entry (dpkg's `parse_header`, `parse_trailer`, `find_closes`,
    /// `get_change_items`), recording dpkg's warnings.
    mutating func makeEntry(_ raw: Raw) -> ChangelogEntry {
        let headerText = raw.header.map(Deb822Text.trimmedEnd) ?? ""
        var entry = ChangelogEntry(source: "", version: "", distributions: [], urgency: "", metadata: [],
                                   maintainer: "", date: "", line: raw.headerLine)
        entry.header = String(headerText)
        if let m = raw.parsedHeader {
            entry.source = m.source
            entry.version = m.version
            entry.distributions = m.distributions
            parseOptions(Substring(Deb822Text.trimmed(m.options)), into: &entry, line: raw.headerLine)
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
        entry.closes = ChangelogSyntax.closes(raw.changes.joined(separator: "\n"))
        if let trailer = raw.trailer, let parsed = raw.parsedTrailer {
            parseTrailer(parsed, text: trailer, into: &entry, line: raw.trailerLine)
        }
        return entry
    }

    private mutating func parseOptions(_ options: Substring, into entry: inout ChangelogEntry, line: Int) {
        var pieces = options.split(separator: ",", omittingEmptySubsequences: false)
            .map { Deb822Text.trimmed($0) }
        while pieces.last?.isEmpty == true { pieces.removeLast() }  // Perl's split drops trailing empty fields
        var seen: Set<String> = []
        for piece in pieces {
            guard let (key, value) = ChangelogSyntax.option(piece) else {
                warn(line, "bad key-value after ';': '\(piece)'")
                continue
            }
            let canonical = Self.capitalized(key)
            guard seen.insert(canonical).inserted else {
                warn(line, "repeated key-value \(canonical)")
                continue
            }
            entry.metadata.append(ChangelogMetadata(key: key, value: value))
            switch canonical {
            case "Urgency":
                entry.urgency = value
                if !ChangelogSyntax.isUrgencyValue(value) {
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

    private mutating func parseTrailer(
        _ m: ChangelogSyntax.Trailer, text trailer: Substring, into entry: inout ChangelogEntry, line: Int
    ) {
        entry.maintainer = "\(m.name) <\(m.email)>"
        entry.date = m.date
        if m.blanks != "  " { warn(line, "badly formatted trailer line", trailer) }
        if let day = m.weekday, !Self.weekdays.contains(day) {
            warn(line, "ignoring invalid week day '\(day)'", trailer)
        }
        entry.timestamp = RFC2822Date.parse(m.dateWithoutWeekday)
        if entry.timestamp == nil {
            let month = m.month
            if !RFC2822Date.months.contains(where: { Deb822Text.equalIgnoringASCIICase($0, month) }) {
                if let index = RFC2822Date.fullMonths.firstIndex(of: month) {
                    warn(line, "uses full '\(month)' instead of abbreviated month name '\(RFC2822Date.months[index])'",
                         trailer)
                } else {
                    warn(line, "invalid abbreviated month name '\(month)'", trailer)
                }
            }
            warn(line, "cannot parse non-conformant date '\(m.dateWithoutWeekday)'", trailer)
        }
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
