import Artifacts
import Debdiff
import DebworkTestSupport
import Foundation
import Testing

/// `SourceDebdiff` against devscripts' `debdiff A.dsc B.dsc` on the fixture pairs.
@Suite(.serialized) struct SourceDebdiffTests {
    static let pairs: [(String, String)] = [
        ("dwhello_1.0-1", "dwhello_1.0-2"), ("dwhello_1.0-2", "dwhello_1.1-1"), ("dwhello_1.0-1", "dwhello_1.1-1"),
        ("dwold_2.0-1", "dwold_2.0-2"), ("dwnative_0.3", "dwnative_0.4"),
    ]

    static func dsc(_ name: String) -> String { Fixtures.path("packages/\(name).dsc") }

    static func ours(_ a: String, _ b: String, _ configure: (inout DebdiffOptions) -> Void = { _ in }) throws -> DebdiffReport {
        var options = DebdiffOptions()
        configure(&options)
        return try SourceDebdiff(options: options).run(old: dsc(a), new: dsc(b))
    }

    static func devscripts(_ arguments: [String]) throws -> CommandResult {
        try runCommand("debdiff", arguments, environment: ["TZ": "UTC", "LC_ALL": "C", "TERM": "xterm"])
    }

    /// The times devscripts leaks from its own extraction (files dpkg-source patched get the current time).
    static func withoutTimes(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("--- ") || line.hasPrefix("+++ "), let tab = line.firstIndex(of: "\t") else { return String(line) }
            return String(line[..<tab])
        }.joined(separator: "\n")
    }

    static func text(_ report: DebdiffReport) -> String { String(decoding: report.text, as: UTF8.self) }

    @Test(arguments: pairs.indices)
    func matchesDevscriptsByteForByte(_ index: Int) throws {
        let (a, b) = Self.pairs[index]
        let expected = try Self.devscripts([Self.dsc(a), Self.dsc(b)])
        let report = try Self.ours(a, b)
        #expect(Self.text(report) == expected.stdout)
        #expect(report.exitStatus == expected.status)
        #expect(report.exitStatus == 1)
    }

    @Test(arguments: pairs.indices)
    func diffstatMatchesDevscripts(_ index: Int) throws {
        let (a, b) = Self.pairs[index]
        let expected = try Self.devscripts(["--diffstat", Self.dsc(a), Self.dsc(b)])
        #expect(Self.text(try Self.ours(a, b) { $0.diffstat = true }) == expected.stdout)
    }

    /// `--wdiff-source-control` (with the control-file options it honours, and on identical packages): the
    /// wdiff block before the diff, no interdiff for 1.0 pairs, the same exit status.
    @Test(arguments: pairs.indices.flatMap { index in
        [["--wdiff-source-control"], ["--wdiff-source-control", "--controlfiles", "ALL"],
         ["--wdiff-source-control", "-q", "--diffstat"], ["--wdiff-source-control", "--controlfiles", "control,rules"],
         ["--wdiff-source-control", "--wt"], ["--wdiff-source-control", "--wl", "--controlfiles", "control,rules"]]
            .map { (index, $0) }
    } + [(-1, ["--wdiff-source-control"])])
    func wdiffSourceControlMatchesDevscripts(_ index: Int, _ options: [String]) throws {
        let (a, b) = index < 0 ? ("dwhello_1.0-1", "dwhello_1.0-1") : Self.pairs[index]
        let arguments = options + [Self.dsc(a), Self.dsc(b)]
        let expected = try Self.devscripts(arguments)
        var commandLine = try DebdiffCommandLine(arguments)
        commandLine.options.terminal = TerminalEnvironment(term: "xterm")
        let report = try SourceDebdiff(options: commandLine.options).run(old: Self.dsc(a), new: Self.dsc(b))
        let theirs = Self.withoutTimes(expected.stdout).replacingOccurrences(of: #"/tmp/[^/ ]+/"#, with: "", options: .regularExpression)
        #expect(Self.withoutTimes(Self.text(report)) == theirs, "\(arguments)")
        #expect(report.exitStatus == expected.status)
        #expect(Self.text(report).lowercased().contains("control files"))
    }

    @Test(arguments: [("dwhello_1.0-1", "dwhello_1.0-2"), ("dwhello_1.0-2", "dwhello_1.1-1"), ("dwhello_1.0-1", "dwhello_1.1-1")])
    func applyPatchesMatchesDevscripts(_ a: String, _ b: String) throws {
        let expected = try Self.devscripts(["--apply-patches", Self.dsc(a), Self.dsc(b)])
        let report = try Self.ours(a, b) { $0.applyPatches = true }
        #expect(Self.withoutTimes(Self.text(report)) == Self.withoutTimes(expected.stdout))
        #expect(report.exitStatus == expected.status)
    }

    @Test(arguments: pairs.indices)
    func ignoreSpaceAndExcludeMatchDevscripts(_ index: Int) throws {
        let (a, b) = Self.pairs[index]
        for (arguments, configure) in [
            (["-w"], { (o: inout DebdiffOptions) in o.ignoreSpace = true }),
            (["--exclude", "changelog"], { (o: inout DebdiffOptions) in o.excludes = ["changelog"] }),
            (["--exclude", "*.patch", "--exclude", "extra", "-w"], { (o: inout DebdiffOptions) in
                o.excludes = ["*.patch", "extra"]; o.ignoreSpace = true }),
        ] {
            let expected = try Self.devscripts(arguments + [Self.dsc(a), Self.dsc(b)])
            let report = try Self.ours(a, b, configure)
            // Without interdiff, devscripts' 1.0 trees have the files dpkg-source patched stamped with the current time.
            let leaks = a.hasPrefix("dwold") && arguments.contains("--exclude")
            #expect(leaks ? Self.withoutTimes(Self.text(report)) == Self.withoutTimes(expected.stdout)
                          : Self.text(report) == expected.stdout, "\(arguments)")
            #expect(report.exitStatus == expected.status, "\(arguments)")
        }
    }

    @Test func autoVersionSortSwapsAndQuietChangesNothing() throws {
        let expected = try Self.devscripts(["--auto-ver-sort", "-q", Self.dsc("dwhello_1.0-2"), Self.dsc("dwhello_1.0-1")])
        let report = try Self.ours("dwhello_1.0-2", "dwhello_1.0-1") { $0.autoVersionSort = true; $0.quiet = true }
        #expect(Self.text(report) == expected.stdout)
        #expect(Self.text(report).hasPrefix("diff -Nru dwhello-1.0/debian/changelog"))
        let unsorted = try Self.ours("dwhello_1.0-2", "dwhello_1.0-1")
        #expect(Self.text(unsorted) == (try Self.devscripts([Self.dsc("dwhello_1.0-2"), Self.dsc("dwhello_1.0-1")])).stdout)
    }

    @Test func reversedOneDotZeroPairIsInterdiffReverted() throws {
        let expected = try Self.devscripts(["--diffstat", Self.dsc("dwold_2.0-2"), Self.dsc("dwold_2.0-1")])
        #expect(Self.text(try Self.ours("dwold_2.0-2", "dwold_2.0-1") { $0.diffstat = true }) == expected.stdout)
    }

    @Test func identicalPackagesExitZeroWithNoOutput() throws {
        let report = try Self.ours("dwhello_1.0-2", "dwhello_1.0-2")
        let expected = try Self.devscripts([Self.dsc("dwhello_1.0-2"), Self.dsc("dwhello_1.0-2")])
        #expect(report.text.isEmpty && expected.stdout.isEmpty)
        #expect(report.exitStatus == 0 && expected.status == 0)
    }

    @Test(arguments: [0, 1, 2, 4])
    func patchReproducesTheNewTree(_ index: Int) throws {
        let (a, b) = Self.pairs[index]
        let work = try TemporaryDirectory("debdiff-patch")
        for (name, folder) in [(a, "a"), (b, "b")] {
            let result = try runCommand("dpkg-source", ["--skip-patches", "-x", Self.dsc(name), work.appending(folder)])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let diff = try work.write("report.diff", Self.text(try Self.ours(a, b)))
        let patched = try runCommand("patch", ["-p1", "-s", "-i", diff], directory: work.appending("a"))
        #expect(patched.status == 0, "\(patched.stdout)\(patched.stderr)")
        let compared = try runCommand("diff", ["-r", work.appending("a"), work.appending("b")])
        #expect(compared.status == 0, "\(compared.stdout)")
    }

    @Test(arguments: pairs.indices)
    func secondRunIsByteIdentical(_ index: Int) throws {
        let (a, b) = Self.pairs[index]
        let first = try Self.ours(a, b) { $0.diffstat = true }
        let second = try Self.ours(a, b) { $0.diffstat = true }
        #expect(first.text == second.text)
        #expect(first.json.serialized() == second.json.serialized())
        #expect(!Self.text(first).contains("/tmp"))
    }

    @Test func noTimestampsDropsTheTimes() throws {
        let text = Self.text(try Self.ours("dwnative_0.3", "dwnative_0.4") { $0.timestamps = false })
        #expect(text.contains("--- dwnative-0.3/dwnative\n+++ dwnative-0.4/dwnative\n"))
        #expect(!text.contains("\t"))
    }

    @Test func jsonShowsModeChangesAndStatistics() throws {
        let report = try Self.ours("dwhello_1.0-2", "dwhello_1.1-1")
        let json = report.json.serialized()
        #expect(json.contains("\"path\": \"helper.sh\""))
        #expect(json.contains("\"mode\": \"100755\""))
        #expect(json.contains("\"status\": \"added\""))
        #expect(json.contains("\"status\": \"removed\""))
        // The text stays devscripts': no mode lines unless asked for.
        #expect(!Self.text(report).contains("old mode"))
        var withModes = SourceDebdiff(options: DebdiffOptions())
        withModes.showModes = true
        let text = String(decoding: try withModes.run(old: Self.dsc("dwhello_1.0-2"), new: Self.dsc("dwhello_1.1-1")).text, as: UTF8.self)
        #expect(text.contains("diff -Nru dwhello-1.0/helper.sh dwhello-1.1/helper.sh\nold mode 100644\nnew mode 100755\n"))
    }

    @Test func badChecksumIsAnArtifactError() throws {
        #expect(throws: ArtifactError.self) {
            try SourceDebdiff(options: DebdiffOptions()).run(old: Fixtures.path("bad/bad-checksum.dsc"), new: Self.dsc("dwepoch_2.0-1"))
        }
    }

    @Test func truncatedTarballIsAClearError() throws {
        let work = try TemporaryDirectory("debdiff-truncated")
        for name in ["dwnative_0.4.dsc", "dwnative_0.3.dsc"] { try work.copy(Fixtures.path("packages/\(name)")) }
        let tarball = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("packages/dwnative_0.4.tar.gz")))
        let cut = Data(tarball.prefix(tarball.count / 2))
        try cut.write(to: URL(fileURLWithPath: work.appending("dwnative_0.4.tar.gz")))
        // Fix the .dsc's size and checksums so the tarball itself is what fails.
        var dscText = try String(contentsOfFile: work.appending("dwnative_0.4.dsc"), encoding: .utf8)
        for algorithm in ["md5sum", "sha1sum", "sha256sum"] {
            let old = try runCommand(algorithm, [Fixtures.path("packages/dwnative_0.4.tar.gz")]).stdout.prefix { $0 != " " }
            let new = try runCommand(algorithm, [work.appending("dwnative_0.4.tar.gz")]).stdout.prefix { $0 != " " }
            dscText = dscText.replacingOccurrences(of: String(old), with: String(new))
        }
        dscText = dscText.replacingOccurrences(of: " \(tarball.count) dwnative", with: " \(cut.count) dwnative")
        try dscText.write(toFile: work.appending("dwnative_0.4.dsc"), atomically: true, encoding: .utf8)
        try work.copy(Fixtures.path("packages/dwnative_0.3.tar.xz"))
        do {
            _ = try SourceDebdiff(options: DebdiffOptions()).run(old: work.appending("dwnative_0.3.dsc"), new: work.appending("dwnative_0.4.dsc"))
            Issue.record("a truncated tarball was accepted")
        } catch {
            #expect("\(error)".contains("dwnative_0.4.tar.gz"), "\(error)")
        }
    }

    @Test func missingTarballIsNamed() throws {
        let work = try TemporaryDirectory("debdiff-missing")
        try work.copy(Fixtures.path("packages/dwnative_0.4.dsc"))
        #expect(throws: DebdiffError.self) {
            try SourceDebdiff(options: DebdiffOptions()).run(old: Self.dsc("dwnative_0.3"), new: work.appending("dwnative_0.4.dsc"))
        }
    }
}
