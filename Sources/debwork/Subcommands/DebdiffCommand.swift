import ArgumentParser
import Artifacts
import Debdiff
import Index

struct DebdiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debdiff",
        abstract: "Compare two versions of a package as devscripts' debdiff does (binary: same text, same exit codes).",
        usage: """
            debwork debdiff [options]                    (in a source tree: the last two versions' .dsc)
            debwork debdiff [options] A.deb B.deb        (.udeb too)
            debwork debdiff [options] A.changes B.changes
            debwork debdiff [options] A.dsc B.dsc
            debwork debdiff [options] --from A1.deb A2.deb… --to B1.deb B2.deb…
            debwork debdiff [options] SOURCE REPO -a VERSION_A -b VERSION_B
            debwork debdiff [options] SOURCE VERSION_A VERSION_B
            debwork debdiff [options] --binaries [--arch ARCH] SOURCE [REPO] VERSION_A VERSION_B
            """,
        discussion: """
            devscripts' options: --dirs/-d, --nodirs, --controlfiles LIST|ALL, --nocontrol, --control, --move/-m FROM TO,
            --move-regex FROM TO, --renamed FROM TO, --show-moved/-s, --noshow-moved, -q/--quiet, and for source
            packages --diffstat, --exclude PATTERN, -w/--ignore-space, --apply-patches, --auto-ver-sort,
            --wdiff-source-control (debian/control word by word, before the diff), --no-unpack-tarballs (tarballs at the
            top of a source tree are unpacked as =unpacked-tarN= by default), --wp/--wl/--wt (wdiff's printer, less and
            terminal modes for control files; --wt reads TERM's terminfo entry), --debs-dir DIR (no package named:
            where the .dsc files of the two versions in debian/changelog are, default DEBRELEASE_DEBS_DIR or ..), and
            --no-conf/--noconf first (do not read /etc/devscripts.conf and ~/.devscripts).

            debwork's: --no-index (read binary packages from their archives even when the index holds them), --contents
            (binary packages: files added, removed or changed by size, checksum, mode or symlink target, with unified
            diffs of changed text files), --no-timestamps and --show-modes (source diffs: git-style mode and symlink
            changes), --binaries with the index forms (compare the binary packages built from the two versions, read
            from the index; --arch ARCH picks the architecture when there are several), --dry-run (index forms: print
            the files found and stop), -J (the comparison as JSON).

            Binary packages that are in the index (same path, size and modification time as when indexed) are compared
            from it without opening them: the same report, no decompression (--contents still reads the files whose
            MD5 changed, to diff them). Pass --no-index to read the archives.

            The index forms look SOURCE's .dsc files up in the index: in REPO's pool first, then loose builds, then uploads.
            With no package named, a .dsc missing from the debs directory is looked up there too (an I: line says so).

            Exit status (devscripts' contract, unlike debwork's other calls): 0 no differences, 1 differences,
            2 trouble (one 'E: …' line on stderr).

            Examples:
              debwork debdiff dwhello_1.0-1_amd64.deb dwhello_1.1-1_amd64.deb
              debwork debdiff --contents --from a/*.deb --to b/*.deb
              debwork debdiff dwhello 1.0-1 1.0-2   (two source versions from the index)
              debwork debdiff --binaries dwhello 1.0-1 1.1-1
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Files, options and versions as described above.")
    var arguments: [String] = []

    /// The index, when there is one and it may be used. An unusable index (older schema, not SQLite) is
    /// left aside: with a warning when it was named (`--index`, `DEBWORK_INDEX`), silently at the default place.
    private func indexedListings(_ options: DebdiffOptions) -> IndexedListings? {
        let path = global.indexPath
        guard options.useIndex, FileSystem.status(path)?.isRegular == true else { return nil }
        do {
            return IndexedListings(store: try IndexStore(path: path, readOnly: true))
        } catch {
            if global.indexIsExplicit { Console.message("W", "\(error); reading the packages themselves") }
            return nil
        }
    }

    /// `--binaries SOURCE [REPO] VA VB`: the packages built from the two versions, compared as `--from … --to …`
    /// would, read from the index (nothing is decompressed unless --contents needs a file's bytes).
    private func binaries(_ commandLine: DebdiffCommandLine, store: IndexStore, source: String, repository: String?,
                          old: String, new: String) throws -> DebdiffReport {
        let locator = BinaryLocator(store: store)
        let architecture: String
        if let chosen = commandLine.architecture {
            architecture = chosen
        } else {
            let found = try locator.architectures(source: source, versions: [old, new], repository: repository)
            guard found.count <= 1 else {
                throw DebdiffError("binaries of '\(source)' exist for \(found.joined(separator: ", ")): choose one with --arch")
            }
            architecture = found.first ?? "all"
        }
        let oldDebs = try locator.debs(source: source, version: old, repository: repository, architecture: architecture)
        let newDebs = try locator.debs(source: source, version: new, repository: repository, architecture: architecture)
        if commandLine.dryRun {
            try printOutput(LocatedPackages.binaries(from: oldDebs, to: newDebs), json: global.json)
            throw ExitCode.success
        }
        let index = commandLine.options.useIndex ? IndexedListings(store: store) : nil
        let outcome = try BinaryDebdiff(options: commandLine.options).compare(.lists(old: oldDebs, new: newDebs), index: index)
        for warning in outcome.warnings { Console.message("W", "\(warning)") }
        return outcome.report
    }

    /// No package named: the .dsc files of the last two versions in debian/changelog (a missing one from the
    /// index, said on stderr), compared in changelog order as devscripts does (no `--auto-ver-sort`).
    private func resolveLastTwoVersions(_ commandLine: inout DebdiffCommandLine) throws {
        let pair = try PreviousVersion.dscFiles(
            debsDirectory: commandLine.options.debsDirectory, fromCommandLine: commandLine.debsDirectoryFromCommandLine,
            index: indexedListings(commandLine.options).map { SourceLocator(store: $0.store) })
        for note in pair.notes { Console.message("I", note) }
        commandLine.mode = .source(old: pair.old, new: pair.new)
        commandLine.options.autoVersionSort = false
    }

    func run() throws {
        do {
            var defaults = DebdiffOptions()
            if !DebdiffCommandLine.skipsConfiguration(arguments) {
                let configuration = DevscriptsConfiguration(files: DevscriptsConfiguration.files(home: Environment.get("HOME")))
                for warning in configuration.warnings { Console.message("W", warning) }
                configuration.apply(to: &defaults)
            }
            defaults.terminal = TerminalEnvironment(
                term: Environment.get("TERM"), terminfo: Environment.get("TERMINFO"),
                terminfoDirs: Environment.get("TERMINFO_DIRS"), home: Environment.get("HOME"))
            var commandLine = try DebdiffCommandLine(arguments, defaults: defaults)
            if commandLine.mode == .lastTwoVersions { try resolveLastTwoVersions(&commandLine) }
            var report: DebdiffReport
            switch commandLine.mode {
            case .version:
                Console.out("This is debdiff, from debwork \(Debwork.version): devscripts' debdiff (2.23.4) reimplemented offline.\n")
                return
            case .lastTwoVersions:
                preconditionFailure("resolved to two .dsc files above")
            case .binary(let input):
                let outcome = try BinaryDebdiff(options: commandLine.options)
                    .compare(input, index: indexedListings(commandLine.options))
                for warning in outcome.warnings { Console.message("W", "\(warning)") }
                report = outcome.report
            case .source(let old, let new):
                report = try SourceDebdiff(options: commandLine.options).run(old: old, new: new)
            case .index(let source, let repository, let old, let new):
                let store = try IndexStore(path: global.indexPath, readOnly: true)
                if commandLine.binaries {
                    report = try binaries(commandLine, store: store, source: source, repository: repository, old: old, new: new)
                    break
                }
                let locator = SourceLocator(store: store)
                let oldPath = try locator.dsc(source: source, version: old, repository: repository)
                let newPath = try locator.dsc(source: source, version: new, repository: repository)
                if commandLine.dryRun {
                    try printOutput(LocatedPackages.sources(old: oldPath, new: newPath), json: global.json)
                    return
                }
                do {
                    report = try SourceDebdiff(options: commandLine.options).run(old: oldPath, new: newPath)
                } catch {
                    throw DebdiffError("\(oldPath) vs \(newPath)", underlying: error)
                }
            }
            if OutputForm.current == .api {
                // mini-buildd's debdiff result is devscripts' stdout as a str; the call succeeds whatever it says.
                printAPIString(String(decoding: report.text, as: UTF8.self), json: global.json)
                return
            }
            report.keeping = commandLine.options.wdiffMode?.emphasisSequences(commandLine.options.terminal) ?? []
            try printOutput(report, json: global.json)
            if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.message("E", "\(error)")
            throw ExitCode(OutputForm.current == .api ? 1 : 2)
        }
    }
}
