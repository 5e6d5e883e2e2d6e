import DebianFormats
import JSONOutput

extension IndexStatus: CallOutput {
    /// The index, its files and packages, then each repository with its distributions.
    public func renderText() -> HumanText {
        let status = self
        let index = status.index
        var lines = [
            "Index:          \(index.path)",
            "Schema version: \(index.schemaVersion) (SQLite \(index.sqliteVersion))",
            "Size on disk:   \(index.sizeBytes) bytes",
            "Last update:    \(index.lastUpdate ?? "never")",
            "",
            "Files:",
        ]
        for (kind, areas) in index.files.members {
            let detail = areas.members.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            lines.append("  \(kind.padding(toWidth: 8)) \(detail)")
        }
        lines.append("Packages:       " + index.packages.members.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        if index.failures > 0 { lines.append("Failed files:   \(index.failures)" + (index.failedFiles == nil ? " (--failed lists them)" : "")) }
        for failure in index.failedFiles ?? [] {
            lines.append("  \(failure.path): \(failure.reason) (\(failure.failedAt))")
        }
        if !index.findings.isEmpty {
            lines.append("Findings:       \(index.findings.count) (claims of packages that their data contradicts)")
            for finding in index.findings {
                lines.append("  \(finding.file): \(finding.kind): /\(finding.path)")
            }
        }
        if !index.poolMismatches.isEmpty {
            lines.append("Pool mismatches: \(index.poolMismatches.count) (pool files that differ from the stanza listing them)")
            for mismatch in index.poolMismatches {
                lines.append("  \(mismatch.file): \(mismatch.message)")
            }
        }
        for repository in index.repositories {
            lines.append("")
            lines.append("Repository '\(repository.identity)' at \(repository.root)")
            lines.append("  codenames: \(repository.codenames.joined(separator: " "))")
            lines.append("  suites:    \(repository.suites.joined(separator: " "))")
            for distribution in repository.distributions {
                var line = "  \(distribution.name.padding(toWidth: 36)) " + (distribution.exported
                    ? "\(distribution.sources) sources, \(distribution.binaries) binaries"
                    : "configured, not exported yet")
                if let key = distribution.signedBy { line += ", signed by \(key)" }
                if !distribution.snapshots.isEmpty {
                    line += ", snapshots: \(distribution.snapshots.joined(separator: " "))"
                }
                lines.append(line)
            }
        }
        return .text(Printable.escapedKeepingLines(lines.joined(separator: "\n") + "\n"))
    }

    /// debwork's own form: `{"schema": 1, …}` with mini-buildd's status keys and `index`; in the mini-buildd-api
    /// form (``mode``) mini-buildd's keys only, as it prints them.
    public func renderJSON() throws -> JSONValue {
        let json = try OrderedJSONEncoder.value(of: self)
        return mode == .debwork ? json.versioned() : json
    }
}

