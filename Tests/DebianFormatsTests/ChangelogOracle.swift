import DebianFormats
import DebworkTestSupport
import Foundation
import Testing

/// Compares parsed changelogs with dpkg-parsechangelog's rfc822 output.
enum ChangelogOracle {
    /// One entry as dpkg-parsechangelog prints it.
    struct DpkgEntry {
        var fields: Deb822Paragraph
        /// The `Changes` field decoded: the leading space of each line removed, ` .` lines made empty.
        var changes: String {
            let lines = (fields["Changes"] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            return lines.enumerated().map { index, line in
                index == 0 ? String(line) : (line == " ." ? "" : String(line.dropFirst()))
            }.joined(separator: "\n")
        }
    }

    static func parseOutput(_ text: String, file: String) throws -> [DpkgEntry] {
        try Deb822Document.parse(text, file: file).paragraphs.map(DpkgEntry.init)
    }

    /// `(line, message)` of each `dpkg-parsechangelog: warning: FILE(lN): message` on stderr.
    static func warnings(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").compactMap { line in
            guard let open = line.range(of: "(l"), let close = line.range(of: "): ", range: open.upperBound..<line.endIndex)
            else { return nil }
            return "\(line[open.upperBound..<close.lowerBound]): \(line[close.upperBound...])"
        }
    }

    /// Records an issue for every field of `entry` that differs from dpkg's.
    static func compare(_ entry: ChangelogEntry, _ dpkg: DpkgEntry, context: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        func check(_ name: String, _ mine: String) {
            let theirs = dpkg.fields[name] ?? ""
            if mine != theirs {
                Issue.record("\(context) \(entry.version): \(name) '\(mine)' != dpkg '\(theirs)'",
                             sourceLocation: sourceLocation)
            }
        }
        check("Source", entry.source)
        if dpkg.fields["Version"] != "unknown" { check("Version", entry.version) }
        check("Distribution", entry.distributions.joined(separator: " "))
        check("Urgency", entry.normalizedUrgency.isEmpty ? "unknown" : entry.normalizedUrgency)
        check("Maintainer", entry.maintainer)
        check("Date", entry.date)
        check("Timestamp", entry.timestamp.map(String.init) ?? "")
        check("Closes", entry.closes.map(String.init).joined(separator: " "))
        if entry.dpkgChanges != dpkg.changes {
            Issue.record("\(context) \(entry.version): Changes differ:\n\(entry.dpkgChanges)\n--- dpkg:\n\(dpkg.changes)",
                         sourceLocation: sourceLocation)
        }
    }
}
