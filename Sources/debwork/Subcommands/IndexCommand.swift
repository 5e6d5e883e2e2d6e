import ArgumentParser
import Index

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index .deb/.udeb/.ddeb/.dsc/.changes files and APT repository trees.",
        discussion: """
            Directories are scanned recursively. A directory holding dists/ is an APT repository (area
            'repositories'); .changes files and the files they name are 'events'; other packages are 'builds'.
            Unchanged files are skipped; indexed files that vanished from a scanned directory are removed.
            Exit status 1 when any file could not be indexed (each is reported as 'E: path: reason').

            Examples:
              debwork index ~/debian/build-area /srv/mini-buildd/repositories
              debwork index --keyring /usr/share/keyrings/debian-archive-keyring.gpg /srv/mirror/debian
              debwork index -J fixtures/   (what changed, as JSON)
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Option(name: [.customShort("j"), .long], help: "Parallel parsing jobs (default: the number of cores).")
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("Decompressed bytes always allowed per archive member.", valueName: "bytes"))
    var maxUnpacked: Int64 = 512 << 20

    @Option(name: .long, help: "Allowed decompression ratio above --max-unpacked (decompression-bomb guard).")
    var maxRatio: Int64 = 200

    @Flag(name: .long, help: "Also walk the folders left out by default (incoming, tmp, logs, db, conf, lists; an incoming/ .changes is then an event).")
    var includeSkipped = false

    @Option(name: .long, help: ArgumentHelp(
        "Check every distribution's signature (InRelease, or Release with Release.gpg) against this binary keyring, as apt does; a distribution without a good signature is not indexed. Repeatable.",
        valueName: "file"))
    var keyring: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "How much of each binary package's changelog.Debian.gz (and NEWS.Debian.gz) is kept as searchable text: the newest whole entries up to this many bytes; 0 keeps none. A new value re-reads every .deb once.",
        valueName: "bytes"))
    var changelogBytes: Int = 65536

    @Argument(help: "Files and directories to index.")
    var paths: [String]

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxUnpacked < 1 || maxRatio < 1 { throw ValidationError("--max-unpacked and --max-ratio must be positive") }
        if changelogBytes < 0 || changelogBytes > 16 << 20 { throw ValidationError("--changelog-bytes must be between 0 and 16777216") }
    }

    func run() throws {
        try runReportingErrors {
            let store = try IndexStore(path: global.indexPath)
            var indexer = Indexer(options: .init(
                jobs: jobs ?? Environment.processorCount,
                limits: ArchiveLimits(floorBytes: maxUnpacked, ratio: maxRatio),
                progress: !global.json))
            indexer.options.includeSkipped = includeSkipped
            indexer.options.keyrings = keyring
            indexer.options.changelogBytes = changelogBytes
            let summary = try indexer.run(paths: paths, store: store) { failure in
                Console.message("E", "\(failure.path): \(failure.reason)")
            }
            let log = global.log
            for warning in summary.warnings { log.warning(warning) }
            try printOutput(summary, json: global.json)
            if summary.failed > 0 { throw ExitCode(1) }
        }
    }
}
