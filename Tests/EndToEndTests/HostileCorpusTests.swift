import DebworkTestSupport
import Foundation
import Synchronization
import Testing

/// debwork against the hostile corpus of `fixtures/make-hostile.py`: every case of its manifest through
/// `index`, `debdiff` and `port_ext`, each run killed after a deadline. A call must not crash, hang, write
/// outside its output folder and `TMPDIR`, print raw terminal control bytes, or break the index; a bad file
/// gives exactly one `E:` line naming it while the good file next to it is indexed.
///
/// What fails today is listed in ``knownFailures`` (`"<case> <call>"`); a listed failure that passes is
/// itself a failure, so the list only shrinks.
@Suite struct HostileCorpusTests {
    struct KnownFailure: Sendable {
        var `class`: String
        var reason: String
        init(_ class: String, _ reason: String) {
            self.class = `class`
            self.reason = reason
        }
        /// A call that hangs today gets a short deadline (a fixed one answers in well under a second).
        var hangs: Bool { reason.hasPrefix("hang") }
    }

    /// The calls that fail today, `"<case> <call>"` (or `"ALL index"`, the run over the whole corpus), with
    /// the class and what goes wrong. A listed call that passes fails the test: remove it then.
    static let knownFailures: [String: KnownFailure] = [
        // all

        // bitflip
        "bitflip/data-gz-crc debdiff": .init("bitflip", "accepted (exit 0): libarchive stops at the tar end marker and never reads the gzip trailer"),
        "bitflip/data-gz-crc index": .init("bitflip", "accepted (exit 0): libarchive stops at the tar end marker and never reads the gzip trailer"),
        "bitflip/data-gz-isize debdiff": .init("bitflip", "accepted (exit 0): libarchive stops at the tar end marker and never reads the gzip trailer"),
        "bitflip/data-gz-isize index": .init("bitflip", "accepted (exit 0): libarchive stops at the tar end marker and never reads the gzip trailer"),

        // bomb
        "bomb/source-nested-tarball debdiff": .init("bomb", "accepted without an E: line (debdiff compares it, exit 1)"),

        // control-bytes
        "control-bytes/deb-depends-bel debdiff": .init("control-bytes", "accepted without an E: line (debdiff compares it, exit 1); raw control bytes on stdout"),
        "control-bytes/deb-depends-bel index": .init("control-bytes", "accepted without an E: line (exit 0)"),
        "control-bytes/deb-depends-cr debdiff": .init("control-bytes", "accepted without an E: line (debdiff compares it, exit 1); raw control bytes on stdout"),
        "control-bytes/deb-depends-cr index": .init("control-bytes", "accepted without an E: line (exit 0)"),
        "control-bytes/deb-depends-csi-clear debdiff": .init("control-bytes", "accepted without an E: line (debdiff compares it, exit 1); raw control bytes on stdout"),
        "control-bytes/deb-depends-csi-clear index": .init("control-bytes", "accepted without an E: line (exit 0)"),
        "control-bytes/deb-depends-esc-osc debdiff": .init("control-bytes", "accepted without an E: line (debdiff compares it, exit 1); raw control bytes on stdout"),
        "control-bytes/deb-depends-esc-osc index": .init("control-bytes", "accepted without an E: line (exit 0)"),
        "control-bytes/deb-description-bel debdiff": .init("control-bytes", "raw control bytes on stdout: by design when stdout is not a terminal (devscripts' bytes for pipes; escaped on a terminal)"),
        "control-bytes/deb-description-cr debdiff": .init("control-bytes", "raw control bytes on stdout: by design when stdout is not a terminal (devscripts' bytes for pipes; escaped on a terminal)"),
        "control-bytes/deb-description-csi-clear debdiff": .init("control-bytes", "raw control bytes on stdout: by design when stdout is not a terminal (devscripts' bytes for pipes; escaped on a terminal)"),
        "control-bytes/deb-description-esc-osc debdiff": .init("control-bytes", "raw control bytes on stdout: by design when stdout is not a terminal (devscripts' bytes for pipes; escaped on a terminal)"),
        "control-bytes/deb-maintainer-bel debdiff": .init("control-bytes", "raw control bytes on stdout: by design when stdout is not a terminal (devscripts' bytes for pipes; escaped on a terminal)"),
        "control-bytes/deb-maintainer-cr debdiff": .init("control-bytes", "raw control bytes on stdout: by design when stdout is not a terminal (devscripts' bytes for pipes; escaped on a terminal)"),
        "control-bytes/deb-maintainer-csi-clear debdiff": .init("control-bytes", "raw control bytes on stdout: by design when stdout is not a terminal (devscripts' bytes for pipes; escaped on a terminal)"),
        "control-bytes/deb-maintainer-esc-osc debdiff": .init("control-bytes", "raw control bytes on stdout: by design when stdout is not a terminal (devscripts' bytes for pipes; escaped on a terminal)"),
        "control-bytes/source-changelog-esc debdiff": .init("control-bytes", "raw control bytes on stdout: by design when stdout is not a terminal (devscripts' bytes for pipes; escaped on a terminal)"),

        // huge

        // lying-ar

        // lying-tar
        "lying-tar/pax-length-lies debdiff": .init("lying-tar", "libarchive reports it as a warning, not an error"),
        "lying-tar/pax-length-lies index": .init("lying-tar", "libarchive reports it as a warning (W:), not an error"),
        "lying-tar/size-not-octal debdiff": .init("lying-tar", "accepted (exit 0): libarchive reads the size field leniently"),
        "lying-tar/size-not-octal index": .init("lying-tar", "accepted (exit 0): libarchive reads the size field leniently"),

        // non-utf8

        // release

        // special

        // symlink-loops

        // traversal-control

        // traversal-files

        // traversal-members
        "traversal-members/data-char-device-member debdiff": .init("traversal-members", "accepted (debdiff compares it, exit 1): dpkg installs device members; debwork lists them, never creates them"),
        "traversal-members/data-char-device-member index": .init("traversal-members", "accepted (exit 0): dpkg installs device members; debwork lists them, never creates them"),
        "traversal-members/data-fifo-member debdiff": .init("traversal-members", "accepted (debdiff compares it, exit 1): dpkg installs FIFO members; debwork lists them, never creates them"),
        "traversal-members/data-fifo-member index": .init("traversal-members", "accepted (exit 0): dpkg installs FIFO members; debwork lists them, never creates them"),
        "traversal-members/data-hardlink-to-symlink-out debdiff": .init("traversal-members", "accepted without an E: line (debdiff compares it, exit 1)"),
        "traversal-members/data-hardlink-to-symlink-out index": .init("traversal-members", "accepted without an E: line (exit 0)"),
        "traversal-members/md5sums-symlink debdiff": .init("traversal-members", "accepted without an E: line (debdiff compares it, exit 1)"),
        "traversal-members/md5sums-symlink index": .init("traversal-members", "accepted without an E: line (exit 0)"),
        "traversal-members/postinst-symlink debdiff": .init("traversal-members", "accepted without an E: line (debdiff compares it, exit 1)"),
        "traversal-members/postinst-symlink index": .init("traversal-members", "accepted without an E: line (exit 0)"),
        "traversal-members/source-debian-fifo debdiff": .init("traversal-members", "accepted (exit 0): dpkg-source -x accepts a FIFO in debian/; debwork never creates it"),
        "traversal-members/source-debian-fifo index": .init("traversal-members", "accepted (exit 0): dpkg-source -x accepts a FIFO in debian/ (engine report); debwork never creates it"),
        "traversal-members/source-patch-touches-absolute debdiff": .init("traversal-members", "accepted (debdiff compares it, exit 1): dpkg-source -x applies it inside the tree (-p1 makes /tmp/x tmp/x)"),

        // truncation
    ]

    static let timeout = 20.0
    static let knownHangTimeout = 3.0
    static let portTarget = "bookworm-test-unstable"
    static let errorStatus = ["index": Int32(1), "debdiff": 2, "port_ext": 1]

    // MARK: - The corpus, generated once

    struct Workspace: Sendable {
        /// `<tmp>/hostile-corpus.XXXXXX`: `corpus/` (the cases' folders are moved from there into
        /// `runs/<slug>/jail/`), and `all/` with a corpus of its own for the runs over everything.
        var root: String
        var corpus: HostileCorpus
    }

    static let workspaceRoot = Mutex("")

    static let workspace: Result<Workspace, TestSupportError> = {
        do {
            let directory = try TemporaryDirectory("hostile-corpus")
            // Removed with `rm -rf` at exit (FileManager cannot remove the 10,000-level tree);
            // DEBWORK_KEEP_HOSTILE=1 keeps it for a look.
            directory.keep()
            workspaceRoot.withLock { $0 = directory.path }
            if ProcessInfo.processInfo.environment["DEBWORK_KEEP_HOSTILE"] != "1" {
                atexit {
                    let path = HostileCorpusTests.workspaceRoot.withLock { $0 }
                    if !path.isEmpty { _ = try? runCommand("rm", ["-rf", path]) }
                }
            }
            let corpus = try HostileCorpus.generate(into: directory.appending("corpus"))
            return .success(Workspace(root: directory.path, corpus: corpus))
        } catch {
            return .failure(TestSupportError("cannot generate the hostile corpus: \(error)"))
        }
    }()

    /// A second corpus for the runs over everything (the per-case tests move their folders away).
    static let wholeCorpus: Result<HostileCorpus, TestSupportError> = {
        do {
            let workspace = try Self.workspace.get()
            return .success(try HostileCorpus.generate(into: workspace.root + "/all/corpus"))
        } catch {
            return .failure(TestSupportError("cannot generate the second hostile corpus: \(error)"))
        }
    }()

    struct CaseArgument: Sendable, CustomTestStringConvertible {
        var item: HostileCorpus.Case
        var testDescription: String { item.name }
    }

    static var caseArguments: [CaseArgument] {
        ((try? workspace.get())?.corpus.cases ?? []).map(CaseArgument.init)
    }

    // MARK: - Tests

    @Test func corpusIsGeneratedAndKnownFailuresNameRealCases() throws {
        let workspace = try Self.workspace.get()
        let corpus = workspace.corpus
        #expect(corpus.cases.count >= 150)
        #expect(corpus.generationSeconds < 60, "generation took \(corpus.generationSeconds) s (about 5 s on an idle machine)")
        let keys = Set(corpus.cases.flatMap { item in item.commands.keys.map { "\(item.name) \($0)" } })
            .union(Self.wholeRunKeys)
        for key in Self.knownFailures.keys.sorted() where !keys.contains(key) {
            Issue.record("knownFailures lists '\(key)', which is no case and call of the manifest")
        }
    }

    @Test(arguments: caseArguments)
    func eachCase(_ argument: CaseArgument) throws {
        let workspace = try Self.workspace.get()
        let item = argument.item
        let run = workspace.root + "/runs/" + item.dir.replacingOccurrences(of: "cases/", with: "")
        let jail = run + "/jail"
        for folder in ["tmp", "out", "index", "home", "io", "jail/cases"] {
            try FileManager.default.createDirectory(atPath: run + "/" + folder, withIntermediateDirectories: true)
        }
        // The case's folder moves into a jail of its own (a rename: FIFOs, devices, symlinks and the
        // 10,000-level tree stay as they are), so that the jail's parent is the case's alone.
        let moved = rename(workspace.corpus.root + "/" + item.dir, jail + "/" + item.dir)
        try #require(moved == 0, "cannot move \(item.dir) into its jail: errno \(errno)")
        // The run folder is read whole (markers may land anywhere); only tmp/, out/, index/ and io/ may change.
        let allowed = ["tmp/", "out/", "index/", "io/", "tmp", "out", "index", "io"]
        func outsideAllowed(_ snapshot: [String: String]) -> [String: String] {
            snapshot.filter { entry in !allowed.contains { entry.key == $0 || entry.key.hasPrefix($0 + "/") } }
        }
        var before = outsideAllowed(try treeSnapshot(run))

        for command in ["index", "debdiff", "port_ext"] {
            guard let call = item.commands[command] else { continue }
            let key = "\(item.name) \(command)"
            let arguments: [String]
            switch command {
            case "index":
                arguments = ["index", "--index", run + "/index/index.sqlite", jail + "/" + item.dir]
            case "debdiff":
                guard let target = item.target, let against = call.against else { continue }
                arguments = ["debdiff", jail + "/" + target, workspace.corpus.root + "/" + against]
            default:
                guard let target = item.target else { continue }
                arguments = ["port_ext", jail + "/" + target, Self.portTarget, "-u", "--output-dir", run + "/out",
                             "--maintainer", "Hostile Porter <porter@example.org>",
                             "--index", run + "/index/none.sqlite"]
            }
            let timeout = Self.knownFailures[key]?.hangs == true ? Self.knownHangTimeout : Self.timeout
            let result = try runTimed(Fixtures.debworkBinary, arguments, environment: Self.environment(run: run),
                                      timeout: timeout, scratch: run + "/io")
            var problems = Self.judge(result, command: command, expect: call.expect,
                                      names: jail + "/" + item.names, timeout: timeout)
            if command == "index" {
                problems += Self.indexProblems(run + "/index/index.sqlite",
                                               goodDebs: [jail + "/" + item.dir + "/hostile-good_1.0-1_all.deb"])
            }
            let whole = try treeSnapshot(run)
            let after = outsideAllowed(whole)
            problems += snapshotDifferences(before, after).prefix(5).map { "escape: wrote outside the output dir and TMPDIR: \($0)" }
            before = after
            problems += Self.escapeMarkers(for: item, workspace: workspace, run: run, snapshot: whole)
            Self.report(key, problems)
        }
    }

    /// Keys of ``knownFailures`` that are not one case: the runs over the whole corpus.
    static let wholeRunKeys: Set<String> = ["ALL index", "ALL-BUT-KNOWN-HANGS index"]

    /// One `index` over the whole corpus (good packages included), and one over every case that does not
    /// hang today, so that the per-file checks run even while the first one cannot finish.
    @Test(arguments: ["ALL", "ALL-BUT-KNOWN-HANGS"])
    func oneIndexRunOverEverything(_ label: String) throws {
        let workspace = try Self.workspace.get()
        let corpus = try Self.wholeCorpus.get()
        // Both runs read the same corpus (all/corpus) with their own index, TMPDIR and home (all/<label>).
        let parent = workspace.root + "/all"
        let run = parent + "/" + label.lowercased()
        let jail = corpus.root
        for folder in ["tmp", "index", "home", "io"] {
            try FileManager.default.createDirectory(atPath: run + "/" + folder, withIntermediateDirectories: true)
        }
        var included = corpus.cases
        var paths = [jail]
        if label != "ALL" {
            // Also the cases whose directory symlinks lead out of their folder into the rest of the corpus.
            let hanging = Set(Self.knownFailures.filter { $0.value.hangs && $0.key.hasSuffix(" index") }
                .map { String($0.key.dropLast(" index".count)) }).union(["symlink-loops/parent", "symlink-loops/root"])
            included.removeAll { hanging.contains($0.name) }
            paths = [jail + "/good"] + included.map { jail + "/" + $0.dir }
        }
        let allowed = ["all", "all-but-known-hangs"]
        let before = try treeSnapshot(parent, excluding: allowed)
        let tmpBefore = Self.debworkEntriesInSystemTemp()
        let key = "\(label) index"
        let index = run + "/index/index.sqlite"
        let timeout = Self.knownFailures[key]?.hangs == true ? Self.knownHangTimeout : 120.0
        let result = try runTimed(Fixtures.debworkBinary, ["index", "--index", index] + paths,
                                  environment: Self.environment(run: run), timeout: timeout, scratch: run + "/io")
        var problems: [String] = []
        if result.timedOut { problems.append("hang (killed after \(Int(timeout)) s)") }
        if result.crashed { problems.append("crash (\(result.signalled ? "signal" : "status") \(result.status))") }
        if !result.timedOut && !result.crashed && result.status != 1 { problems.append("status \(result.status), want 1") }
        for (stream, data) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            if let bytes = terminalControlBytes(data) { problems.append("raw control bytes in \(stream): \(bytes)") }
        }
        let goodDebs = [jail + "/" + corpus.good.deb, jail + "/" + corpus.good.deb2,
                        jail + "/" + corpus.good.repo + "/pool/main/h/hostile-good/hostile-good_1.0-1_all.deb"]
            + included.map { jail + "/" + $0.dir + "/hostile-good_1.0-1_all.deb" }
        problems += Self.indexProblems(index, goodDebs: goodDebs)
        problems += snapshotDifferences(before, try treeSnapshot(parent, excluding: allowed)).prefix(10)
            .map { "escape: wrote outside the output dir and TMPDIR: \($0)" }
        var newInTemp = Self.debworkEntriesInSystemTemp().subtracting(tmpBefore)
        if !newInTemp.isEmpty {
            // Other engineers' test runs use /tmp too: only what is still there a moment later counts.
            sleep(2)
            newInTemp.formIntersection(Self.debworkEntriesInSystemTemp())
        }
        if !newInTemp.isEmpty { problems.append("new debwork-* entries in the system temp dir: \(newInTemp.sorted())") }
        for place in Self.globalPlaces(workspace) {
            let markers = try runCommand("find", [place, "-maxdepth", "1", "-name", "hostile-escape*"]).stdout
            if !markers.isEmpty { problems.append("escape markers in \(place): \(markers)") }
        }
        Self.report(key, problems)

        // Per case: exactly one E: line naming each bad file, none for the others.
        guard !result.timedOut && !result.crashed else { return }
        let errors = result.stderrText.split(separator: "\n").filter { $0.hasPrefix("E: ") }
        for item in included {
            guard let call = item.commands["index"] else { continue }
            let names = jail + "/" + item.names
            let naming = errors.filter { $0.contains(names) }.count
            var mismatch: [String] = []
            switch call.expect {
            case .error where naming != 1:
                mismatch.append("\(naming) E: lines name \(item.names), want 1")
            case .ok where naming != 0, .warning where naming != 0:
                mismatch.append("\(naming) E: lines for a case that should index")
            default: break
            }
            // Attributed to the case's own index call; only its own run proves that a known failure passes.
            Self.report("\(item.name) index", mismatch.map { "in the \(label) run: \($0)" }, provesPassing: false)
        }
    }

    // MARK: - Judging one run

    static func environment(run: String) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        return ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": run + "/home", "TMPDIR": run + "/tmp",
                "NO_COLOR": "1", "LANG": "C.UTF-8", "XDG_CACHE_HOME": run + "/home/.cache",
                "XDG_CONFIG_HOME": run + "/home/.config", "SOURCE_DATE_EPOCH": "1736121600"]
    }

    static func judge(_ result: TimedResult, command: String, expect: HostileCorpus.Expectation, names: String,
                      timeout: Double) -> [String] {
        if result.timedOut { return ["hang (killed after \(Int(timeout)) s)"] }
        var problems: [String] = []
        if result.crashed {
            let head = result.stderrText.split(separator: "\n").prefix(3).joined(separator: " | ")
            problems.append("crash (\(result.signalled ? "signal" : "status") \(result.status)): \(head)")
            return problems
        }
        for (stream, data) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            if let bytes = terminalControlBytes(data) { problems.append("raw control bytes in \(stream): \(bytes)") }
        }
        let lines = result.stderrText.split(separator: "\n")
        let errors = lines.filter { $0.hasPrefix("E: ") }
        let warnings = lines.filter { $0.hasPrefix("W: ") }
        let first = errors.first.map { " (\($0.prefix(200)))" } ?? ""
        switch expect {
        case .error:
            let want = errorStatus[command] ?? 1
            if result.status != want { problems.append("status \(result.status), want \(want)\(first)") }
            if errors.count != 1 {
                problems.append("\(errors.count) E: lines, want 1")
            } else if !errors[0].contains(names) {
                problems.append("the E: line does not name \(names): \(errors[0].prefix(300))")
            }
        case .ok, .warning:
            let success: Set<Int32> = command == "debdiff" ? [0, 1] : [0]
            if !success.contains(result.status) { problems.append("status \(result.status), want success\(first)") }
            if !errors.isEmpty { problems.append("\(errors.count) E: lines, want none: \(errors[0].prefix(300))") }
            if expect == .ok && !warnings.isEmpty { problems.append("W: lines, want none: \(warnings[0].prefix(300))") }
        }
        return problems
    }

    /// `PRAGMA integrity_check` and the good packages that must be in the index.
    static func indexProblems(_ index: String, goodDebs: [String]) -> [String] {
        guard FileManager.default.fileExists(atPath: index) else { return ["no index written"] }
        let list = goodDebs.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",")
        let sql = "PRAGMA integrity_check; SELECT count(*) FROM files f JOIN binaries b ON b.file_id = f.id WHERE f.path IN (\(list));"
        guard let result = try? runCommand("sqlite3", [index, sql]) else { return ["sqlite3 did not run"] }
        let lines = result.stdout.split(separator: "\n").map(String.init)
        var problems: [String] = []
        if lines.first != "ok" { problems.append("integrity: \(result.stdout.prefix(200)) \(result.stderr.prefix(200))") }
        if lines.count < 2 || Int(lines[lines.count - 1]) != goodDebs.count {
            problems.append("data loss: \(lines.last ?? "?") of the \(goodDebs.count) good .deb files next to the bad ones are indexed")
        }
        return problems
    }

    /// Where an escaping write would land outside the case's folder (searched one level deep).
    static func globalPlaces(_ workspace: Workspace) -> [String] {
        let temp = (NSTemporaryDirectory() as NSString).standardizingPath
        return Array(Set(["/", "/tmp", temp, "/etc", "/var/tmp", "/usr/share/doc", workspace.root,
                          workspace.root + "/runs", (workspace.root as NSString).deletingLastPathComponent]))
            .sorted()
    }

    /// Files named like an escape marker anywhere in the case's run folder but its jail (TMPDIR and output
    /// included: nothing legitimate carries that name), or named after this case's marker in the global
    /// places. Found markers are removed.
    static func escapeMarkers(for item: HostileCorpus.Case, workspace: Workspace, run: String,
                              snapshot: [String: String]) -> [String] {
        let marker = "hostile-escape-" + item.dir.replacingOccurrences(of: "cases/", with: "")
            .replacingOccurrences(of: "--", with: "-")
        var found = snapshot.keys.filter { !$0.hasPrefix("jail/") && ($0 as NSString).lastPathComponent.hasPrefix("hostile-escape") }
            .sorted().map { run + "/" + $0 }
        let hits = (try? runCommand("find", globalPlaces(workspace) + ["-maxdepth", "1", "-name", marker + "*"]).stdout) ?? ""
        found += hits.split(separator: "\n").map(String.init)
        for path in found { _ = try? runCommand("rm", ["-rf", path]) }
        return found.isEmpty ? [] : ["escape: wrote \(found.prefix(5).joined(separator: ", "))"]
    }

    static func debworkEntriesInSystemTemp() -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        // debwork's own scratch folders (mkdtemp templates in Sources/); other suites' folders such as
        // debwork-test.* or debwork-search-e2e.* are theirs, and other engineers run tests on this machine.
        let own = ["debwork-debdiff.", "debwork-port-", "debwork-pub-key-", "debwork-key-", "debwork-template-"]
        return Set(names.filter { name in own.contains { name.hasPrefix($0) } })
    }

    /// Records `problems` for `key`: expected when the key is a known failure (which then must still fail,
    /// unless `provesPassing` is false). `DEBWORK_HOSTILE_LOG=1` prints every failing key on stdout.
    static func report(_ key: String, _ problems: [String], provesPassing: Bool = true) {
        if !problems.isEmpty && ProcessInfo.processInfo.environment["DEBWORK_HOSTILE_LOG"] == "1" {
            print("HOSTILE-FAIL \(key) | \(problems.joined(separator: "; "))")
        }
        if let failure = knownFailures[key] {
            if problems.isEmpty && provesPassing {
                Issue.record("'\(key)' passes now: remove it from HostileCorpusTests.knownFailures (\(failure.reason))")
            } else if !problems.isEmpty {
                withKnownIssue("\(failure.class): \(failure.reason)") {
                    Issue.record("\(key): \(problems.joined(separator: "; "))")
                }
            }
            return
        }
        for problem in problems { Issue.record("\(key): \(problem)") }
    }
}
