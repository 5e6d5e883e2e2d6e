/// debdiff's command line, parsed the way devscripts parses it (options named as there, `--from … --to …`
/// ending the options), plus debwork's index forms and extras.
public struct DebdiffCommandLine: Sendable {
    /// What to compare.
    public enum Mode: Sendable, Hashable {
        /// .deb/.udeb, .changes, or `--from/--to`.
        case binary(BinaryDebdiff.Input)
        /// Two .dsc files.
        case source(old: String, new: String)
        /// `SOURCE [REPO] VERSION_A VERSION_B` (or `SOURCE REPO -a VA -b VB`), resolved through the index.
        case index(source: String, repository: String?, old: String, new: String)
        /// No file named: in an unpacked source tree, the .dsc files of the last two versions in
        /// `debian/changelog`, from the debs directory (``PreviousVersion``).
        case lastTwoVersions
        /// `-v`: devscripts prints its version and exits 0 (`-h`, `--help` and `--version` are answered before).
        case version
    }

    public var options = DebdiffOptions()
    public var mode: Mode
    /// `--dry-run`: only resolve and print the two files (index forms).
    public var dryRun = false
    /// `--binaries` (index forms): compare the binary packages built from the two versions (as
    /// `--from … --to …`) instead of their source packages.
    public var binaries = false
    /// `--arch ARCH` (with `--binaries`): which architecture's packages (plus `all`).
    public var architecture: String?
    /// Whether `--debs-dir` was given (devscripts words its complaint about a missing directory after where it came from).
    public var debsDirectoryFromCommandLine = false

    /// Whether the arguments start with `--no-conf`/`--noconf` (then devscripts' configuration files are not read).
    public static func skipsConfiguration(_ arguments: [String]) -> Bool {
        arguments.first == "--no-conf" || arguments.first == "--noconf"
    }

    /// Parses `arguments` (without the program and call names) over `defaults` (debdiff's, with the
    /// devscripts configuration applied).
    /// - Throws: ``DebdiffError`` for unknown options, missing values and unusable file names.
    public init(_ arguments: [String], defaults: DebdiffOptions = DebdiffOptions()) throws(DebdiffError) {
        var options = defaults
        var positionals: [String] = []
        var versionA: String?, versionB: String?
        var dryRun = false
        var binaries = false
        var architecture: String?
        var lists: (old: [String], new: [String])?
        var debsDirectory: String?
        var rest = arguments[...]
        if Self.skipsConfiguration(arguments) { rest = rest.dropFirst() }

        func value(_ option: String, count: Int = 1) throws(DebdiffError) -> [String] {
            guard rest.count >= count else {
                throw DebdiffError("malformed command-line option \(option): it needs \(count == 1 ? "a value" : "\(count) values")")
            }
            let values = Array(rest.prefix(count))
            rest = rest.dropFirst(count)
            return values
        }

        while let argument = rest.popFirst() {
            if let mode = WdiffMode(option: argument), argument.hasPrefix("--") {
                options.wdiffMode = mode
                continue
            }
            switch argument {
            case "--version", "-v":
                mode = .version
                return
            case "--debs-dir": debsDirectory = try value(argument)[0]
            case "--move", "-m", "--move-regex":
                let pair = try value(argument, count: 2)
                options.moves.append((pair[0], pair[1], argument == "--move-regex"))
            case "--renamed":
                let pair = try value(argument, count: 2)
                options.renames.append((pair[0], pair[1]))
            case "--exclude": options.excludes.append(try value(argument)[0])
            case "--controlfiles":
                options.controlFiles = try value(argument)[0].split(separator: ",").map(String.init)
            case "--dirs", "-d": options.showDirectories = true
            case "--nodirs": options.showDirectories = false
            case "--quiet", "-q": options.quiet = true
            case "--show-moved", "-s": options.showMoved = true
            case "--noshow-moved": options.showMoved = false
            case "--nocontrol": options.compareControl = false
            case "--control": options.compareControl = true
            case "--ignore-space", "-w": options.ignoreSpace = true
            case "--diffstat": options.diffstat = true
            case "--no-diffstat", "--nodiffstat": options.diffstat = false
            case "--auto-ver-sort": options.autoVersionSort = true
            case "--no-auto-ver-sort", "--noauto-ver-sort": options.autoVersionSort = false
            case "--wdiff-source-control": options.wdiffSourceControl = true
            case "--no-wdiff-source-control", "--nowdiff-source-control": options.wdiffSourceControl = false
            case "--unpack-tarballs": options.unpackTarballs = true
            case "--no-unpack-tarballs", "--nounpack-tarballs": options.unpackTarballs = false
            case "--apply-patches": options.applyPatches = true
            case "--no-apply-patches", "--noapply-patches": options.applyPatches = false
            case "--contents": options.contents = true
            case "--no-timestamps": options.timestamps = false
            case "--show-modes": options.showModes = true
            case "--dry-run": dryRun = true
            case "--binaries": binaries = true
            case "--arch", "--architecture": architecture = try value(argument)[0]
            case "--no-index": options.useIndex = false
            case "--no-conf", "--noconf":
                throw DebdiffError("--no-conf is only acceptable as the first command-line option!")
            case "-a", "--versiona": versionA = try value(argument)[0]
            case "-b", "--versionb": versionB = try value(argument)[0]
            case "--from":
                var old: [String] = [], new: [String] = []
                while let next = rest.first, next != "--to" { old.append(next); rest = rest.dropFirst() }
                guard rest.popFirst() == "--to", !old.isEmpty else {
                    throw DebdiffError("missing .deb names or missing --to (usage: --from A.deb… --to B.deb…)")
                }
                new = Array(rest)
                rest = []
                guard !new.isEmpty else { throw DebdiffError("missing .deb names after --to") }
                lists = (old, new)
            default:
                if argument.hasPrefix("--debs-dir=") {
                    debsDirectory = String(argument.dropFirst("--debs-dir=".count))
                } else if argument.hasPrefix("--exclude=") {
                    options.excludes.append(String(argument.dropFirst("--exclude=".count)))
                } else if argument.hasPrefix("--controlfiles=") {
                    options.controlFiles = argument.dropFirst("--controlfiles=".count).split(separator: ",").map(String.init)
                } else if argument.hasPrefix("-") && argument != "-" {
                    throw DebdiffError("unrecognised command-line option '\(argument)'")
                } else {
                    positionals.append(argument)
                }
            }
        }
        if let debsDirectory, !debsDirectory.isEmpty {
            // devscripts: s%^/+%/%; s%(.)/$%$1%
            var directory = Substring(debsDirectory)
            if directory.hasPrefix("/") { directory = "/" + directory.drop { $0 == "/" } }
            if directory.count > 1, directory.hasSuffix("/") { directory = directory.dropLast() }
            options.debsDirectory = String(directory)
            debsDirectoryFromCommandLine = true
        }
        self.options = options
        self.dryRun = dryRun
        self.binaries = binaries
        self.architecture = architecture

        if let lists {
            guard positionals.isEmpty else { throw DebdiffError("unexpected argument '\(positionals[0])' before --from") }
            mode = .binary(.lists(old: lists.old, new: lists.new))
            return
        }
        if versionA != nil || versionB != nil {
            guard let versionA, let versionB, positionals.count == 2 else {
                throw DebdiffError("the index form is 'debdiff SOURCE REPO -a VERSION_A -b VERSION_B'")
            }
            mode = .index(source: positionals[0], repository: positionals[1], old: versionA, new: versionB)
            return
        }
        if positionals.count == 3 {
            mode = .index(source: positionals[0], repository: nil, old: positionals[1], new: positionals[2])
            return
        }
        if positionals.isEmpty && !binaries && architecture == nil {
            mode = .lastTwoVersions
            return
        }
        if binaries || architecture != nil {
            throw DebdiffError("--binaries and --arch go with the index forms (SOURCE VERSION_A VERSION_B, SOURCE REPO -a VA -b VB)")
        }
        guard positionals.count == 2 else {
            throw DebdiffError("need exactly two .deb, .udeb, .changes or .dsc files to compare (or SOURCE VERSION_A VERSION_B)")
        }
        let (old, new) = (positionals[0], positionals[1])
        func suffix(_ name: String) -> String? {
            [".deb", ".udeb", ".changes", ".dsc"].first { name.hasSuffix($0) }
        }
        guard let first = suffix(old) else {
            throw DebdiffError("could not recognise '\(old)': the names should end .deb, .udeb, .changes or .dsc")
        }
        let isDeb = first == ".deb" || first == ".udeb"
        guard let second = suffix(new), second == first || (isDeb && (second == ".deb" || second == ".udeb")) else {
            throw DebdiffError("'\(old)' and '\(new)' must have the same suffix, either .deb, .udeb, .changes or .dsc")
        }
        switch first {
        case ".changes": mode = .binary(.changes(old: old, new: new))
        case ".dsc": mode = .source(old: old, new: new)
        default: mode = .binary(.debs(old: old, new: new))
        }
    }
}
