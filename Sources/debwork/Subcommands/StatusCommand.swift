import DebianFormats
import ArgumentParser
import Index

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        _superCommandName: "debwork",  // parsed on its own by Debwork.runDirectly: no completion-request parse
        abstract: "Show the index: files by kind and area, repositories, distributions, snapshots.",
        discussion: """
            Examples:
              debwork status
              debwork status --failed
              debwork status -J
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Instance options") var settings: ConfigurationOptions

    @Flag(name: [.customShort("R"), .customLong("with-repositories")],
          help: "Also list the repositories (mini-buildd-api form; debwork's own form always lists them).")
    var withRepositories = false

    @Flag(name: .long, help: "List the files the index remembers as failed, with the reason (not only their number).")
    var failed = false

    func run() throws {
        try runReportingErrors {
            let configuration = try settings.load()
            let store = try IndexStore(path: global.indexPath, readOnly: true)
            var status = try store.status(version: Debwork.version, identity: configuration.identity)
            if failed { status.index.failedFiles = try store.failedFiles() }
            // The instance as dput_conf and sources_list name it.
            status.url = configuration.url
            status.incomingURL = "ftp://\(configuration.host):\(configuration.ftpPort)"
            if OutputForm.current == .api {
                // mini-buildd's keys only: repositories with -R, nothing of debwork's index.
                status.mode = withRepositories ? .miniBuilddWithRepositories : .miniBuildd
            }
            if global.wantsJSON {
                try printJSON(status)
            } else {
                Console.out(Printable.escapedKeepingLines(StatusText.render(status)))
            }
        }
    }
}

enum StatusText {
    static func render(_ status: IndexStatus) -> String {
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
            lines.append("  \(kind.padding(8)) \(detail)")
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
        for repository in index.repositories {
            lines.append("")
            lines.append("Repository '\(repository.identity)' at \(repository.root)")
            lines.append("  codenames: \(repository.codenames.joined(separator: " "))")
            lines.append("  suites:    \(repository.suites.joined(separator: " "))")
            for distribution in repository.distributions {
                var line = "  \(distribution.name.padding(36)) " + (distribution.exported
                    ? "\(distribution.sources) sources, \(distribution.binaries) binaries"
                    : "configured, not exported yet")
                if let key = distribution.signedBy { line += ", signed by \(key)" }
                if !distribution.snapshots.isEmpty {
                    line += ", snapshots: \(distribution.snapshots.joined(separator: " "))"
                }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padding(_ width: Int) -> String {
        let length = columnWidth
        return length >= width ? self : self + String(repeating: " ", count: width - length)
    }

    /// The number of characters, counted on the bytes when the text is ASCII (package names, most paths):
    /// `count` walks grapheme clusters, which showed in the profile of long listings.
    var columnWidth: Int {
        utf8.allSatisfy { $0 < 0x80 } ? utf8.count : count
    }
}
