import DebianFormats
import JSONOutput

extension ShowResult: CallOutput {
    /// One block per distribution version, then loose builds and uploads (``ShowText``).
    public func renderText() -> HumanText { .text(Printable.escapedKeepingLines(ShowText.render(self))) }

    /// mini-buildd's shape, debwork's additions under `x-debwork`.
    public func renderJSON() throws -> JSONValue { try OrderedJSONEncoder.value(of: self) }
}

/// The human form of `show`: one block per distribution version, then loose builds and uploads.
public enum ShowText {
    public static func render(_ result: ShowResult) -> String {
        guard !result.isEmpty else { return "" }
        var out = ""
        for (repository, distributions) in result.repositories.members {
            for (name, distribution) in distributions.members {
                var flags: [String] = []
                if distribution.uploadable { flags.append("uploadable") }
                if let target = distribution.migratesTo {
                    flags.append("migrates to \(target)" + (distribution.isMigrated ? " (migrated)" : ""))
                }
                out += "\(repository)/\(name)" + (flags.isEmpty ? "" : "  [\(flags.joined(separator: ", "))]") + "\n"
                if let current = distribution.listing.current {
                    out += "  \(result.source) \(current.version) (\(current.component))\n"
                    if let dsc = distribution.extras.dscFile { out += "    dsc:       \(dsc)\n" }
                    if let changes = distribution.changesPath { out += "    changes:   \(changes)\n" }
                    if !distribution.extras.binaries.isEmpty {
                        let binaries = distribution.extras.binaries.map { "\($0.package) \($0.version) \($0.architecture)" }
                        out += "    binaries:  " + binaries.joined(separator: ", ") + "\n"
                    }
                    if let changelog = distribution.extras.changelog {
                        out += "    changelog: "
                        Self.render(changelog, into: &out)
                    }
                    for binary in distribution.extras.binaries {
                        guard let changelog = binary.changelog else { continue }
                        out += "    changelog of \(binary.package) \(binary.version) \(binary.architecture): "
                        Self.render(changelog, into: &out)
                    }
                }
                for (rollback, entry) in distribution.listing.rollbacks.members {
                    out += "  \(result.source) \(entry.version) (\(entry.component)) in \(rollback)\n"
                }
            }
        }
        for (title, artifacts) in [("builds", result.elsewhere.builds), ("events", result.elsewhere.events)] where !artifacts.isEmpty {
            out += "\(title):\n"
            out += TextTable.render(artifacts.map { ["  \($0.kind)", $0.package, $0.version, $0.file] })
        }
        if !result.elsewhere.findings.isEmpty {
            out += "findings (claims the data contradicts):\n"
            for finding in result.elsewhere.findings {
                out += "  \(finding.package) \(finding.version): \(finding.kind): /\(finding.path) (\(finding.file))\n"
            }
        }
        if !result.elsewhere.poolMismatches.isEmpty {
            out += "pool mismatches (files that differ from the stanza listing them):\n"
            for mismatch in result.elsewhere.poolMismatches {
                out += "  \(mismatch.file): \(mismatch.message)\n"
            }
        }
        return out
    }

    /// A changelog entry after its label: the header's version, distributions and urgency, the changes, the
    /// trailer.
    static func render(_ changelog: ShowResult.ChangelogBlock, into out: inout String) {
        out += "\(changelog.version) \(changelog.distributions); urgency=\(changelog.urgency)\n"
        for line in changelog.changes.split(separator: "\n", omittingEmptySubsequences: true) {
            out += "    \(line)\n"
        }
        out += "      -- \(changelog.maintainer)  \(changelog.date)\n"
    }
}
