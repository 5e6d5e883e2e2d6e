import Debdiff
import DebworkTestSupport
import Foundation
import Testing

/// devscripts' debdiff as the oracle: same stdout bytes, same exit status, for every fixture pair and option.
@Suite struct BinaryDebdiffTests {
    static let packages = Fixtures.path("packages")
    static let uploads = Fixtures.path("uploads")
    static let hasOracle = Fixtures.hasTool("debdiff") && Fixtures.hasTool("wdiff")

    static func p(_ name: String) -> String { packages + "/" + name }

    /// Argument lists (as given to debdiff) for every .deb pair in fixtures/packages.
    static let pairs: [[String]] = [
        [p("dwhello_1.0-1_amd64.deb"), p("dwhello_1.0-2_amd64.deb")],
        [p("dwhello_1.0-2_amd64.deb"), p("dwhello_1.1-1_amd64.deb")],
        [p("dwhello_1.0-1_amd64.deb"), p("dwhello_1.1-1_amd64.deb")],
        [p("dwhello-doc_1.0-1_all.deb"), p("dwhello-doc_1.0-2_all.deb")],
        [p("dwhello-doc_1.0-2_all.deb"), p("dwhello-doc_1.1-1_all.deb")],
        [p("dwhello-doc_1.0-1_all.deb"), p("dwhello-doc_1.1-1_all.deb")],
        [p("dwold_2.0-1_all.deb"), p("dwold_2.0-2_all.deb")],
        [p("dwnative_0.3_all.deb"), p("dwnative_0.4_all.deb")],
        [p("dwnative-udeb_0.4_all.udeb"), p("dwnative_0.4_all.deb")],
        [p("dwnative_0.4_all.deb"), p("dwnative-udeb_0.4_all.udeb")],
        [p("dwepoch_2.0-1_all.deb"), p("dwold_2.0-1_all.deb")],
        [p("dwhello_1.0-1_amd64.deb"), p("dwhello_1.0-1_amd64.deb")],
        [uploads + "/dwhello_1.0-2_source.changes", uploads + "/dwhello_1.1-1_amd64.changes"],
        [uploads + "/dwhello_1.1-1_amd64.changes", uploads + "/dwnative_0.4_all.changes"],
        [uploads + "/dwnative_0.4_all.changes", uploads + "/dwhello_1.1-1_amd64.changes"],
        ["--from", p("dwhello_1.0-1_amd64.deb"), p("dwhello-doc_1.0-1_all.deb"),
         "--to", p("dwhello_1.1-1_amd64.deb"), p("dwhello-doc_1.1-1_all.deb")],
        ["--from", p("dwhello_1.0-1_amd64.deb"), "--to", p("dwhello_1.1-1_amd64.deb")],
    ]

    /// Options, each run on dwhello 1.0-1 → 1.1-1, on the two-package --from/--to pair and on two .changes.
    static let optionSets: [[String]] = [
        ["--dirs"], ["--controlfiles", "ALL"], ["--controlfiles", "postinst,control"], ["--controlfiles=prerm"],
        ["--nocontrol"], ["--move", "/usr/bin", "/usr/sbin"], ["--move", "./usr/share/doc", "/usr/share/docs"],
        ["--move-regex", "^/usr/(bin|lib)", "/opt/$1"], ["--renamed", "dwhello-doc", "dwhello"],
        ["--show-moved"], ["-q"], ["--dirs", "--show-moved", "-q"],
    ]

    static let optionCases: [[String]] = optionSets.flatMap { options in
        [options + [p("dwhello_1.0-1_amd64.deb"), p("dwhello_1.1-1_amd64.deb")],
         options + ["--from", p("dwhello_1.0-1_amd64.deb"), p("dwhello-doc_1.0-1_all.deb"),
                    "--to", p("dwhello_1.1-1_amd64.deb"), p("dwhello-doc_1.1-1_all.deb")],
         options + [uploads + "/dwhello_1.1-1_amd64.changes", uploads + "/dwnative_0.4_all.changes"]]
    } + [
        ["-q", p("dwhello_1.0-1_amd64.deb"), p("dwhello_1.0-1_amd64.deb")],
        ["-q", "--controlfiles", "ALL", p("dwold_2.0-1_all.deb"), p("dwold_2.0-1_all.deb")],
        ["--show-moved", "--from", p("dwhello_1.0-1_amd64.deb"), p("dwhello-doc_1.0-1_all.deb"),
         "--to", p("dwhello_1.0-1_amd64.deb"), p("dwhello-doc_1.0-1_all.deb")],
    ]

    /// Runs the library the way the command does.
    static func ours(_ arguments: [String]) throws -> DebdiffReport {
        let commandLine = try DebdiffCommandLine(arguments)
        guard case .binary(let input) = commandLine.mode else {
            throw DebdiffError("not a binary comparison: \(arguments)")
        }
        return try BinaryDebdiff(options: commandLine.options).run(input)
    }

    static func expectSameAsDebdiff(_ arguments: [String]) throws {
        let oracle = try Process.run("debdiff", arguments, environment: ["LC_ALL": "C", "PATH": "/usr/bin:/bin"])
        let report = try ours(arguments)
        #expect(report.exitStatus == oracle.status, "exit status for \(arguments)")
        #expect(String(decoding: report.text, as: UTF8.self) == oracle.stdoutText, "stdout for \(arguments)")
        #expect(report.text == Array(oracle.stdout), "bytes for \(arguments)")
    }

    @Test(.enabled(if: hasOracle), arguments: pairs)
    func everyFixturePairMatchesDebdiff(_ arguments: [String]) throws {
        try Self.expectSameAsDebdiff(arguments)
    }

    @Test(.enabled(if: hasOracle), arguments: optionCases)
    func everyOptionMatchesDebdiff(_ arguments: [String]) throws {
        try Self.expectSameAsDebdiff(arguments)
    }

    @Test(arguments: pairs + [["--contents", p("dwhello_1.0-1_amd64.deb"), p("dwhello_1.1-1_amd64.deb")]])
    func aSecondRunGivesTheSameBytes(_ arguments: [String]) throws {
        let first = try Self.ours(arguments)
        let second = try Self.ours(arguments)
        #expect(first.text == second.text)
        #expect(first.json == second.json)
    }

    @Test func identicalPackagesExitZeroAndQuietPrintsNothing() throws {
        let same = [Self.p("dwold_2.0-2_all.deb"), Self.p("dwold_2.0-2_all.deb")]
        let report = try Self.ours(same)
        #expect(report.exitStatus == 0)
        #expect(String(decoding: report.text, as: UTF8.self).hasPrefix("File lists identical"))
        let quiet = try Self.ours(["-q"] + same)
        #expect(quiet.exitStatus == 0)
        #expect(quiet.text.isEmpty)
    }

    @Test func contentsGolden() throws {
        let report = try Self.ours(["--contents", Self.p("dwhello_1.0-1_amd64.deb"), Self.p("dwhello_1.1-1_amd64.deb")])
        #expect(report.exitStatus == 1)
        let text = String(decoding: report.text, as: UTF8.self)
        #expect(text.contains("changed  /usr/bin/dwhello: size 166 -> 451"))
        #expect(text.contains("+VERSION=1.1"))
        if let problem = Golden.check(text, name: "debdiff-contents-dwhello.txt") { Issue.record("\(problem)") }
    }

    @Test func jsonGolden() throws {
        let report = try Self.ours(["--contents", Self.p("dwhello_1.0-1_amd64.deb"), Self.p("dwhello_1.1-1_amd64.deb")])
        let json = (report.json.serialized() + "\n").replacingOccurrences(of: Self.packages + "/", with: "")
        #expect(json.contains("\"field\": \"Version\""))
        if let problem = Golden.check(json, name: "debdiff-dwhello.json") { Issue.record("\(problem)") }
    }

    @Test func contentsOfIdenticalPackagesStayQuiet() throws {
        let report = try Self.ours(["--contents", Self.p("dwhello_1.0-1_amd64.deb"), Self.p("dwhello_1.0-1_amd64.deb")])
        #expect(report.exitStatus == 0)
        #expect(!String(decoding: report.text, as: UTF8.self).contains("Contents"))
    }

    @Test(arguments: ["truncated.deb", "not-ar.deb", "no-data.deb", "bitflip.deb"])
    func corruptInputIsAClearError(_ name: String) throws {
        let bad = Fixtures.path("bad/" + name)
        #expect {
            _ = try Self.ours(["--contents", bad, Self.p("dwhello_1.0-1_amd64.deb")])
        } throws: { error in
            "\(error)".contains(name)
        }
    }

    @Test func missingPackagesAndMismatchedSuffixesAreErrors() throws {
        #expect(throws: DebdiffError.self) { try Self.ours([Self.p("nothing_1_all.deb"), Self.p("dwold_2.0-1_all.deb")]) }
        #expect(throws: DebdiffError.self) { _ = try DebdiffCommandLine([Self.p("dwold_2.0-1_all.deb"), Self.p("dwold_2.0-1.dsc")]) }
        #expect(throws: DebdiffError.self) { _ = try DebdiffCommandLine(["a.txt", "b.txt"]) }
        #expect(throws: DebdiffError.self) { _ = try DebdiffCommandLine(["--move", "/x"]) }
        #expect(throws: DebdiffError.self) { _ = try DebdiffCommandLine(["--bogus", "a.deb", "b.deb"]) }
        #expect(throws: DebdiffError.self) { _ = try DebdiffCommandLine(["--from", "a.deb"]) }
        #expect(throws: DebdiffError.self) {
            try Self.ours(["--move-regex", "(", "/x", Self.p("dwold_2.0-1_all.deb"), Self.p("dwold_2.0-2_all.deb")])
        }
    }

    /// A `--move-regex` pattern runs on the package's own paths: one that backtracks catastrophically on a path
    /// (`(a|aa)+$` on forty `a`s) is an error naming both, at PCRE2's step limit, not a hang (Swift's `Regex` ran
    /// for hours).
    @Test(.enabled(if: Fixtures.hasTool("dpkg-deb")))
    func aCatastrophicMoveRegexIsAnErrorNotAHang() throws {
        let scratch = try TemporaryDirectory()
        _ = try scratch.write("pkg/DEBIAN/control",
                              "Package: dwa\nVersion: 1\nArchitecture: all\nMaintainer: d <d@example.org>\nDescription: d\n")
        let name = String(repeating: "a", count: 40) + "!"
        _ = try scratch.write("pkg/usr/share/" + name, "x\n")
        let deb = scratch.appending("dwa_1_all.deb")
        #expect(try Process.run("dpkg-deb", ["--build", "--root-owner-group", scratch.appending("pkg"), deb]).status == 0)
        let started = Date()
        let error = try #require(throws: DebdiffError.self) { try Self.ours(["--move-regex", "(a|aa)+$", "/x", deb, deb]) }
        #expect("\(error)".contains("--move-regex: the regular expression '(a|aa)+$' failed on '/usr/share/\(name)': "
            + "match limit exceeded"), "\(error)")
        #expect(Date().timeIntervalSince(started) < 10)
        // Perl's replacement (every match, `$1`, `$&`) on the same path, as devscripts' debdiff makes it.
        if Self.hasOracle {
            try Self.expectSameAsDebdiff(["--move-regex", "a(a)", "<$1$&>", deb, deb])
            try Self.expectSameAsDebdiff(["--move-regex", "x*", "-", deb, deb])
        }
    }

    @Test func commandLineModes() throws {
        #expect(try DebdiffCommandLine(["a.dsc", "b.dsc"]).mode == .source(old: "a.dsc", new: "b.dsc"))
        #expect(try DebdiffCommandLine(["dwhello", "1.0-1", "1.1-1"]).mode
            == .index(source: "dwhello", repository: nil, old: "1.0-1", new: "1.1-1"))
        #expect(try DebdiffCommandLine(["dwhello", "test", "-a", "1.0-1", "-b", "1.1-1"]).mode
            == .index(source: "dwhello", repository: "test", old: "1.0-1", new: "1.1-1"))
        #expect(try DebdiffCommandLine(["x.udeb", "y.deb"]).mode == .binary(.debs(old: "x.udeb", new: "y.deb")))
        let parsed = try DebdiffCommandLine(["--controlfiles", "postinst,control", "-w", "a.changes", "b.changes"])
        #expect(parsed.options.controlFiles == ["postinst", "control"])
        #expect(parsed.options.ignoreSpace)
    }
}
