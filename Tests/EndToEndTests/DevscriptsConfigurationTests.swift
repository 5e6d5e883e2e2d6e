import DebworkTestSupport
import Foundation
import Testing

/// debdiff's configuration as devscripts reads it (`/etc/devscripts.conf`, then `~/.devscripts`), with
/// devscripts' own debdiff as the oracle in the same HOME; `--no-conf` first skips both; files are never run.
@Suite struct DevscriptsConfigurationTests {
    static func p(_ name: String) -> String { Fixtures.path("packages/" + name) }

    /// Both debdiffs with HOME holding `dotDevscripts`; stdout and exit status must agree.
    func compare(_ dotDevscripts: String, _ arguments: [String]) throws {
        guard Fixtures.hasTool("debdiff") else { return }
        let home = try TemporaryDirectory()
        _ = try home.write(".devscripts", dotDevscripts)
        let environment = ["HOME": home.path, "XDG_CACHE_HOME": "/nonexistent", "TERM": "dumb"]
        let theirs = try runCommand("debdiff", arguments, environment: environment)
        let mine = try runCommand(Fixtures.debworkBinary, ["debdiff"] + arguments + ["--no-index"], environment: environment)
        #expect(mine.status == theirs.status, "\(dotDevscripts): \(arguments): \(mine.stderr)")
        #expect(mine.stdout == theirs.stdout, "\(dotDevscripts): \(arguments)")
    }

    @Test(arguments: [
        "DEBDIFF_DIRS=yes\n",
        "DEBDIFF_CONTROL=no\n",
        "DEBDIFF_CONTROLFILES='control postinst'\nDEBDIFF_CONTROLFILES=control,postinst\n",
        "# a comment\nexport DEBDIFF_SHOW_MOVED=\"yes\"\n",
        "DEBDIFF_DIRS=maybe\n", // not yes/no: devscripts' default
        "DEBDIFF_WDIFF_OPT=--wp\n", "DEBDIFF_WDIFF_OPT=-x\n", // not -p, -l or -t: ignored
    ])
    func binaryComparisonsFollowTheConfiguration(_ dotDevscripts: String) throws {
        try compare(dotDevscripts, [Self.p("dwhello_1.0-1_amd64.deb"), Self.p("dwhello_1.1-1_amd64.deb")])
        try compare(dotDevscripts, ["--no-conf", Self.p("dwhello_1.0-1_amd64.deb"), Self.p("dwhello_1.1-1_amd64.deb")])
    }

    /// `DEBDIFF_WDIFF_OPT=-p|-l|-t` does what devscripts' man page says: the same as `--wp`/`--wl`/`--wt`.
    /// (devscripts 2.23.4 passes the letter without its dash, `wdiff -n p A B`, and wdiff fails with "too
    /// many file arguments": the oracle here is devscripts given the command-line option.) The command line wins.
    @Test(arguments: [("-p", "--wp"), ("'-l'", "--wl"), ("\"-t\"", "--wt")])
    func wdiffOptFromTheConfigurationIsTheCommandLineOption(_ value: String, _ option: String) throws {
        guard Fixtures.hasTool("debdiff") else { return }
        let home = try TemporaryDirectory()
        _ = try home.write(".devscripts", "DEBDIFF_WDIFF_OPT=\(value)\n")
        let debs = [Self.p("dwhello_1.0-1_amd64.deb"), Self.p("dwhello_1.1-1_amd64.deb")]
        let environment = ["HOME": home.path, "XDG_CACHE_HOME": "/nonexistent", "TERM": "xterm"]
        let theirs = try runCommand("debdiff", ["--no-conf", option] + debs, environment: environment)
        let mine = try runCommand(Fixtures.debworkBinary, ["debdiff", "--no-index"] + debs, environment: environment)
        #expect(mine.status == theirs.status && theirs.status == 1, "\(mine.stderr)")
        #expect(mine.stdout == theirs.stdout)
        #expect(mine.stdout.contains("Control files: wdiff output"))
        let overridden = try runCommand(Fixtures.debworkBinary, ["debdiff", "--no-index", "--wp"] + debs, environment: environment)
        let printer = try runCommand("debdiff", ["--no-conf", "--wp"] + debs, environment: environment)
        #expect(overridden.stdout == printer.stdout)
    }

    @Test func sourceComparisonsFollowTheConfiguration() throws {
        try compare("DEBDIFF_SHOW_DIFFSTAT=yes\nDEBDIFF_UNPACK_TARBALLS=no\n",
                    [Self.p("dwold_2.0-1.dsc"), Self.p("dwold_2.0-2.dsc")])
    }

    @Test func aLineThatNeedsAShellIsNeverRun() throws {
        let home = try TemporaryDirectory()
        let marker = home.appending("ran")
        _ = try home.write(".devscripts", "DEBDIFF_DIRS=$(touch \(marker))\nDEBDIFF_CONTROL=`touch \(marker)`\nDEBDIFF_DIRS=yes; touch \(marker)\n")
        let result = try runCommand(Fixtures.debworkBinary, ["debdiff", Self.p("dwhello_1.0-1_amd64.deb"), Self.p("dwhello_1.1-1_amd64.deb")],
                                    environment: ["HOME": home.path, "XDG_CACHE_HOME": "/nonexistent"])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(result.stderr.components(separatedBy: "not a simple NAME=value assignment").count == 4, "\(result.stderr)")
    }

    @Test func noConfMustComeFirst() throws {
        let result = try debwork(["debdiff", Self.p("dwhello_1.0-1_amd64.deb"), "--no-conf", Self.p("dwhello_1.1-1_amd64.deb")])
        #expect(result.status == 2)
        #expect(result.stderr == "E: --no-conf is only acceptable as the first command-line option!\n")
        #expect(try debwork(["debdiff", "--noconf", Self.p("dwhello_1.0-1_amd64.deb"), Self.p("dwhello_1.1-1_amd64.deb")]).status == 1)
    }
}
