import ArgumentParser
import Installability

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List the binary packages of a distribution that cannot be installed, and why.",
        discussion: """
            'check DIST [SOURCE…]' reads the Packages indices a dists/<distribution> directory's Release \
            lists (every architecture, or -a ARCH); DIST is that directory, or the name of an indexed \
            distribution (its directory found in the index); '--packages FILE' (repeatable; plain, .gz, .xz) checks \
            Packages files directly for -a ARCH (default: this machine's). '--background FILE' adds packages \
            that may satisfy dependencies without being checked. SOURCE…: report only the binaries built from \
            these sources. Solved with libsolv with Debian semantics (Depends, Pre-Depends, alternatives, \
            versioned Provides, Conflicts, Breaks, architecture qualifiers); the Essential packages are installed \
            with every package (as dose-debcheck does); Recommends are ignored. \
            Exit 0: all installable; 1: some are not; -J: a list of {"package", "version", "architecture", \
            "reason"}. \
            '--incoming FILE' (repeatable) asks britney's question instead: would migrating the binaries of \
            these Packages files (replacing their sources' binaries in the distribution) make an installable \
            binary uninstallable, and are the migrated ones installable? Only the packages the migration can \
            change are checked; SOURCE… then names the migrating sources. Exit 0: acceptable; 1: not; -J: per \
            architecture {"architecture", "checked", "regressions", "uninstallable_migrated"}.

            Examples:
              debwork check bookworm-test-unstable
              debwork check bookworm-test-unstable dwhello -a amd64 -J
              debwork check --packages Packages.xz --background /var/lib/apt/lists/*_Packages -a amd64
              debwork check /srv/debian/dists/bookworm --incoming dwhello_amd64.Packages dwhello
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "A dists/<distribution> directory or an indexed distribution's name (omit with --packages), then source names to report on.")
    var words: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("The architecture to check (repeatable).", valueName: "arch"))
    var architecture: [String] = []

    @Option(name: .long, help: ArgumentHelp("A Packages file to check (repeatable).", valueName: "file"))
    var packages: [String] = []

    @Option(name: .long, help: ArgumentHelp("A Packages file that satisfies dependencies, unchecked (repeatable).", valueName: "file"))
    var background: [String] = []

    @Option(name: .long, help: ArgumentHelp("A Packages file of binaries that would migrate into the distribution (repeatable).", valueName: "file"))
    var incoming: [String] = []

    func validate() throws {
        if packages.isEmpty && words.isEmpty {
            throw ValidationError("give a dists/<distribution> directory or --packages FILE")
        }
    }

    func run() throws {
        try runReportingErrors {
            let request = packages.isEmpty
                ? CheckRequest(distributionOrDirectory: words[0], indexPath: global.indexPath,
                               sources: Array(words.dropFirst()), architectures: architecture, background: background)
                : CheckRequest(packages: packages, sources: words, architectures: architecture, background: background)
            guard incoming.isEmpty else { return try runMigration(request) }
            let result = CheckResult(try request.run())
            try printOutput(result, json: global.wantsJSON)
            if !result.reports.allSatisfy(\.allInstallable) { throw ExitCode(1) }
        }
    }

    private func runMigration(_ request: CheckRequest) throws {
        var request = request
        request.incoming = incoming
        let result = MigrationCheckResult(try request.runMigration())
        try printOutput(result, json: global.wantsJSON)
        if !result.isAcceptable { throw ExitCode(1) }
    }
}
