import Debdiff
import DebworkTestSupport
import Foundation
import Testing

/// `--wp`, `--wl`, `--wt`: devscripts' debdiff (running the real wdiff) as the oracle on generated pairs of
/// packages, TERM fixed for `--wt` (xterm and vt100 have the strings, dumb has none, an unknown or missing
/// TERM makes wdiff fail and debdiff print its message).
@Suite struct WdiffModeTests {
    static let hasOracle = Fixtures.hasTool("debdiff") && Fixtures.hasTool("wdiff") && Fixtures.hasTool("dpkg-deb")

    /// Pairs of .debs with random control files (and a postinst in some), built in `directory`.
    static func pairs(_ count: Int, in directory: TemporaryDirectory) throws -> [(String, String)] {
        var generator = SplitMix64(seed: 15)
        return try (0..<count).map { index in
            var old = ["control": DebBuilder.randomControl(name: "wp", &generator)]
            var new = ["control": DebBuilder.randomControl(name: "wp", &generator)]
            if index % 3 == 0 {
                old["postinst"] = "#!/bin/sh\nset -e\necho configuring a_b\n"
                new["postinst"] = "#!/bin/sh\nset -e\necho configuring\n  the a_b tool\n"
            }
            return (try DebBuilder.build(in: directory, name: "old\(index)", control: old),
                    try DebBuilder.build(in: directory, name: "new\(index)", control: new))
        }
    }

    /// Whether devscripts' output showed a wdiff block.
    @discardableResult
    static func expectSameAsDebdiff(_ arguments: [String], term: String?, terminfo: String? = nil) throws -> Bool {
        var environment = ["LC_ALL": "C", "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"]
        if let term { environment["TERM"] = term }
        if let terminfo { environment["TERMINFO"] = terminfo }
        let oracle = try Process.run("debdiff", ["--no-conf"] + arguments, environment: environment)
        var commandLine = try DebdiffCommandLine(arguments)
        commandLine.options.terminal = TerminalEnvironment(term: term, terminfo: terminfo)
        guard case .binary(let input) = commandLine.mode else { throw DebdiffError("not binary: \(arguments)") }
        let outcome = try BinaryDebdiff(options: commandLine.options).compare(input)
        #expect(outcome.report.exitStatus == oracle.status, "exit status for \(arguments) TERM=\(term ?? "unset")")
        #expect(outcome.report.text == Array(oracle.stdout),
                "bytes for \(arguments) TERM=\(term ?? "unset")\nexpected:\n\(oracle.stdoutText)\nours:\n\(String(decoding: outcome.report.text, as: UTF8.self))")
        #expect(outcome.warnings.contains("wdiff failed") == oracle.stderrText.contains("wdiff failed"))
        return oracle.stdoutText.contains("files: wdiff output")
    }

    @Test(.enabled(if: hasOracle), arguments: ["--wp", "--wl", "--wt"])
    func generatedPairsMatchDebdiff(_ option: String) throws {
        let directory = try TemporaryDirectory("wdiff-modes")
        var blocks = 0
        for (old, new) in try Self.pairs(8, in: directory) {
            if try Self.expectSameAsDebdiff([option, "--controlfiles", "ALL", old, new], term: "xterm") { blocks += 1 }
        }
        #expect(blocks == 8)
    }

    @Test(.enabled(if: hasOracle), arguments: ["vt100", "dumb", "no-such-terminal", ""])
    func terminalsMatchDebdiff(_ term: String) throws {
        let directory = try TemporaryDirectory("wdiff-modes")
        for (old, new) in try Self.pairs(3, in: directory) { try Self.expectSameAsDebdiff(["--wt", old, new], term: term) }
    }

    /// Terminal descriptions compiled with `tic` into a private `TERMINFO`: padding in `so` (dropped), a
    /// terminal with only some of the four strings (the markers stand in for the others), and the 32-bit
    /// number format (`colors#16777216`: wdiff 1.2.2 crashes on it, so `tput` is the oracle for its strings).
    @Test(.enabled(if: hasOracle && Fixtures.hasTool("tic"))) func privateTerminfoEntriesMatchDebdiff() throws {
        let directory = try TemporaryDirectory("wdiff-terminfo")
        let source = try directory.write("entries.src", """
            dwa|debwork test a,
            \tsmul=\\E[4m, rmul=\\E[24m, smso=\\E[7m$<2>, rmso=\\E[27m,
            dwb|debwork test b,
            \tsmul=\\E[4m, rmso=\\E[27m,
            dwc|debwork test c,
            \tcolors#16777216, smul=\\E[4:1m, rmul=\\E[4:0m, smso=\\E[1m, rmso=\\E[22m,

            """)
        let terminfo = directory.appending("terminfo")
        let compiled = try Process.run("tic", ["-x", "-o", terminfo, source])
        #expect(compiled.status == 0, "\(compiled.stderrText)")
        let pairs = try Self.pairs(3, in: directory)
        for term in ["dwa", "dwb"] {
            for (old, new) in pairs {
                #expect(try Self.expectSameAsDebdiff(["--wt", old, new], term: term, terminfo: terminfo))
            }
        }
        for term in ["dwa", "dwc"] {
            let expected = try ["smul", "rmul", "smso", "rmso"].map { capability in
                Array(try Process.run("tput", ["-T", term, capability], environment: ["TERMINFO": terminfo]).stdout)
            }
            let ours = WdiffMode.terminal.emphasisSequences(TerminalEnvironment(term: term, terminfo: terminfo))
            #expect(ours == expected, "\(term)")
        }
        #expect(WdiffMode.terminal.emphasisSequences(TerminalEnvironment(term: "dwz", terminfo: terminfo)).isEmpty)
    }

    @Test(.enabled(if: hasOracle)) func withoutTermWdiffFailsAsInDebdiff() throws {
        let directory = try TemporaryDirectory("wdiff-modes")
        let (old, new) = try Self.pairs(1, in: directory)[0]
        try Self.expectSameAsDebdiff(["--wt", old, new], term: nil)
    }

    @Test(.enabled(if: hasOracle), arguments: ["--wp", "--wl", "--wt"])
    func fixturePairsAndListsMatchDebdiff(_ option: String) throws {
        let p = { Fixtures.path("packages/" + $0) }
        for arguments in [
            [p("dwhello_1.0-1_amd64.deb"), p("dwhello_1.1-1_amd64.deb")],
            [p("dwhello_1.0-1_amd64.deb"), p("dwhello_1.0-1_amd64.deb")],
            ["-q", p("dwhello_1.0-1_amd64.deb"), p("dwhello_1.0-1_amd64.deb")],
            ["--from", p("dwhello_1.0-1_amd64.deb"), p("dwhello-doc_1.0-1_all.deb"),
             "--to", p("dwhello_1.1-1_amd64.deb"), p("dwhello-doc_1.1-1_all.deb")],
        ] {
            try Self.expectSameAsDebdiff([option] + arguments, term: "xterm")
        }
    }

    @Test func theOptionsParse() throws {
        #expect(try DebdiffCommandLine(["--wp", "a.deb", "b.deb"]).options.wdiffMode == .printer)
        #expect(try DebdiffCommandLine(["--wt", "--wl", "a.deb", "b.deb"]).options.wdiffMode == .less)
        #expect(throws: DebdiffError.self) { _ = try DebdiffCommandLine(["--wx", "a.deb", "b.deb"]) }
        #expect(throws: DebdiffError.self) { _ = try DebdiffCommandLine(["-p", "a.deb", "b.deb"]) }
    }
}
