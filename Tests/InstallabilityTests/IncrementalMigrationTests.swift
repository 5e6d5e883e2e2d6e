import Installability
import Testing

/// The incremental check of one migration (the target read once, only the reverse-dependency closure of the
/// changed binaries checked) gives what the full check of both states gives, which dose-debcheck vouches for
/// (`SyntheticOracleTests`).
struct IncrementalMigrationTests {
    struct Migration: Sendable, CustomTestStringConvertible {
        var name: String
        var target: String
        var incoming: String
        var source: String
        var background: String = ""
        /// The regressions both checks must find (package names).
        var regressions: Set<String>
        /// Whether the closure must leave some packages of the target unchecked.
        var skipsSome = true

        var testDescription: String { name }
    }

    static func stanza(_ package: String, _ version: String, arch: String = "amd64", _ fields: [(String, String)] = []) -> String {
        SyntheticCase.stanza(package, version, arch: arch, fields)
    }

    static func stanza(_ package: String, arch: String = "amd64", _ fields: [(String, String)] = []) -> String {
        SyntheticCase.stanza(package, arch: arch, fields)
    }

    /// Bystanders: installable and broken packages no migration below touches.
    static let bystanders = stanza("unrelated", [("Depends", "unrelated-lib")]) + stanza("unrelated-lib")
        + stanza("already-broken", [("Depends", "nowhere")])

    static let cases: [Migration] = [
        Migration(name: "a library upgrade breaks a versioned Depends", target: bystanders
            + stanza("libfoo1", "1.0", [("Source", "foo")]) + stanza("foo-doc", "1.0", arch: "all", [("Source", "foo")])
            + stanza("app", [("Depends", "libfoo1 (<< 2)")]) + stanza("app-user", [("Depends", "app")])
            + stanza("easy", [("Depends", "libfoo1 (>= 1.0)")]),
            incoming: stanza("libfoo1", "2.0", [("Source", "foo")]) + stanza("foo-doc", "2.0", arch: "all", [("Source", "foo")]),
            source: "foo", regressions: ["app", "app-user"]),
        Migration(name: "a Breaks added", target: bystanders
            + stanza("libbar", "1", [("Source", "bar")]) + stanza("old-app", [("Depends", "libbar")])
            + stanza("new-app", "3", [("Depends", "libbar")]) + stanza("no-user", [("Recommends", "libbar")]),
            incoming: stanza("libbar", "2", [("Source", "bar"), ("Breaks", "old-app (<< 3), no-user")]),
            source: "bar", regressions: ["old-app"]),
        Migration(name: "a Provides removed", target: bystanders
            + stanza("mta-a", "1", [("Source", "mta"), ("Provides", "mail-transport-agent"), ("Conflicts", "mail-transport-agent")])
            + stanza("mailer", [("Depends", "mail-transport-agent")]) + stanza("reader", [("Depends", "mailer | pager")])
            + stanza("pager") + stanza("strict-reader", [("Depends", "mailer")]),
            incoming: stanza("mta-a", "2", [("Source", "mta")]),
            source: "mta", regressions: ["mailer", "strict-reader"]),
        Migration(name: "alternatives", target: bystanders
            + stanza("x", "2", [("Source", "xs")]) + stanza("y")
            + stanza("either", [("Depends", "x (>= 2) | y")]) + stanza("only-x", [("Depends", "x (>= 2) | z")])
            + stanza("low-x", [("Depends", "x (<< 2) | z")]),
            incoming: stanza("x", "1.5", [("Source", "xs")]),
            source: "xs", regressions: ["only-x"]),
        Migration(name: "Multi-Arch and qualifiers", target: bystanders
            + stanza("python3", "3.11", [("Multi-Arch", "allowed"), ("Source", "python3-defaults")])
            + stanza("tool", [("Depends", "python3:any (>= 3.11)")]) + stanza("old-tool", [("Depends", "python3:any")])
            + stanza("native", [("Depends", "python3:amd64")]) + stanza("foreign", [("Depends", "python3:i386")]),
            incoming: stanza("python3", "3.10", [("Multi-Arch", "foreign"), ("Source", "python3-defaults")]),
            source: "python3-defaults", regressions: ["tool"]),
        Migration(name: "an Architecture: all binary dropped and one added", target: bystanders
            + stanza("gui-data", "1", arch: "all", [("Source", "gui")]) + stanza("gui", "1", [("Depends", "gui-data")])
            + stanza("gui-plugin", arch: "all", [("Depends", "gui-data (>= 1)")]),
            incoming: stanza("gui", "2", [("Depends", "gui-common")])
                + stanza("gui-common", "2", arch: "all", [("Source", "gui"), ("Depends", "missing-lib")]),
            source: "gui", regressions: ["gui", "gui-common", "gui-plugin"]),
        Migration(name: "a new binary conflicting with a bystander", target: bystanders
            + stanza("lib", "1", [("Source", "libsrc")]) + stanza("user", [("Depends", "lib")]),
            incoming: stanza("lib", "2", [("Source", "libsrc")])
                + stanza("lib-tools", "2", [("Source", "libsrc"), ("Conflicts", "unrelated"), ("Depends", "lib (= 2)")]),
            source: "libsrc", regressions: []),
        Migration(name: "an Essential package's dependency broken", target: bystanders
            + stanza("base", [("Essential", "yes"), ("Depends", "libz1")]) + stanza("libz1", "1", [("Source", "zlib")]),
            incoming: stanza("libz1", "2", [("Source", "zlib"), ("Depends", "libc9")]),
            source: "zlib", regressions: ["base", "libz1", "unrelated", "unrelated-lib"], skipsSome: false),
        Migration(name: "binaries named after their source, and a binNMU's Source with a version", target: bystanders
            + stanza("tool", "2") + stanza("tool-data", "2", arch: "all", [("Source", "tool")])
            + stanza("tool-user", [("Depends", "tool (>= 2), tool-data")]),
            incoming: stanza("tool", "1.9+b1", [("Source", "tool (1.9)")]),
            source: "tool", regressions: ["tool-user"]),
        Migration(name: "a background library", target: bystanders
            + stanza("libq", "1", [("Source", "q"), ("Depends", "bglib (>= 1)")]) + stanza("q-user", [("Depends", "libq")]),
            incoming: stanza("libq", "2", [("Source", "q"), ("Depends", "bglib (>= 2)")]),
            source: "q", background: stanza("bglib", "1") + stanza("bg-user", [("Depends", "nowhere")]),
            regressions: ["libq", "q-user"]),
    ]

    @Test(arguments: cases) func incrementalEqualsFull(_ migration: Migration) throws {
        let checker = InstallabilityChecker(architecture: "amd64")
        let target = PackagesIndex.text(Array(migration.target.utf8), name: "target")
        let after = Self.removingSource(migration.source, from: migration.target) + migration.incoming
        let background = migration.background.isEmpty ? [] : [PackagesIndex.text(Array(migration.background.utf8), name: "bg")]
        let full = try checker.regressions(before: [target], after: [.text(Array(after.utf8), name: "after")],
                                           migratedSources: [migration.source], background: background)
        let incremental = try checker.regressions(
            migrating: [.text(Array(migration.incoming.utf8), name: "incoming")], into: [target],
            migratedSources: [migration.source], background: background)
        #expect(Set(full.regressions.map(\.package)) == migration.regressions)
        #expect(incremental.regressions.map(\.package) == full.regressions.map(\.package))
        #expect(incremental.regressions.map(\.version) == full.regressions.map(\.version))
        #expect(incremental.uninstallableMigrated.map(\.package) == full.uninstallableMigrated.map(\.package))
        #expect(incremental.regressions.map(\.reason) == full.regressions.map(\.reason))
        #expect(incremental.uninstallableMigrated.map(\.reason) == full.uninstallableMigrated.map(\.reason))
        if migration.skipsSome {
            #expect(incremental.checked < full.checked, "the closure leaves the bystanders out")
        } else {
            #expect(incremental.checked == full.checked)
        }
    }

    /// The stanzas of `text` not built from `source` (Source, else Package).
    static func removingSource(_ source: String, from text: String) -> String {
        text.split(separator: "\n\n").filter { stanza in
            let fields = stanza.split(separator: "\n")
            let built = fields.first { $0.hasPrefix("Source: ") }.map { $0.dropFirst(8).split(separator: " ")[0] }
                ?? fields.first { $0.hasPrefix("Package: ") }.map { $0.dropFirst(9) }
            return built.map(String.init) != source
        }.map { $0 + "\n\n" }.joined()
    }
}
