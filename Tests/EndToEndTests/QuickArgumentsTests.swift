import DebworkTestSupport
import Foundation
import Testing

/// The quick lane of argument parsing (`Frontend/QuickArguments.swift`) against ArgumentParser, the oracle: the
/// same arguments give the same output, errors and exit status with the lane on (the default) and off
/// (`DEBWORK_ARGUMENTS=full`), and the common shapes are read by the lane (`DEBWORK_ARGUMENTS=quick` fails a call
/// it declines).
@Suite struct QuickArgumentsTests {
    let index = FixtureIndexFile.path

    func run(_ arguments: [String], lane: String?) throws -> CommandResult {
        try debwork(arguments, index: index, environment: lane.map { ["DEBWORK_ARGUMENTS": $0] } ?? [:])
    }

    /// Pieces of `search` arguments: a mode, a pattern, options with their values, and (``odd``) the shapes
    /// ArgumentParser reads or refuses in its own way.
    static let modes: [[String]] = [[], ["--path"], ["--text"], ["--path-regex"], ["--hash"], ["--where", "$Version (>= 0.2)"],
                                    ["--where=$PackageType (source)"]]
    static let patterns: [[String]] = [
        ["dw"], ["bin/dw"], ["*"], ["dw*"], ["x y"], ["dwhello"], ["finish"], ["^/usr/bin/dw[a-z]+$"],
        ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ]
    static let options: [[String]] = [
        ["--latest"], ["--area", "builds"], ["--area", "repositories"], ["--area=events"],
        ["--distribution", "bookworm-test-stable"], ["--distribution=nowhere"], ["--limit", "2"], ["--limit", "+3"],
        ["--limit=1"], ["-J"], ["--json"], ["-l", "DEBUG"], ["-l", "mini_buildd.INFO"], ["--log-level=ERROR"],
        ["--auto-confirm"], ["--script-mode"], ["--auto-save-passwords"], ["--index", "/nonexistent/x.sqlite"],
    ]
    static let odd: [[String]] = [
        ["--where"], ["--area", "bogus"], ["--area"], ["--distribution="], ["--limit", "0"], ["--limit", "x"],
        ["--limit", "-1"], ["-l", "bogus"], ["-lDEBUG"], ["-Jl", "INFO"], ["--index="], ["--index"], [""], ["-x"],
        ["--"], ["/usr/bin/"], ["--bogus"], ["-"], ["--path=1"], ["-J=1"], ["--PATH"], ["-path"], ["—path"], ["--path"],
        ["--latest"], ["dw"], ["--text"], ["--limit", "4"],
    ]

    /// `count` argument vectors: a mode, a positional (mostly) and up to three options in any order; one in three
    /// gets an odd piece too.
    static func vectors(count: Int, seed: UInt64, modes: [[String]], positionals: [[String]], options: [[String]],
                        odd: [[String]]) -> [[String]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var pieces = [modes.randomElement(using: &random)!]
            if Int.random(in: 0..<6, using: &random) > 0 { pieces.append(positionals.randomElement(using: &random)!) }
            for _ in 0..<Int.random(in: 0...3, using: &random) { pieces.append(options.randomElement(using: &random)!) }
            if Int.random(in: 0..<3, using: &random) == 0 { pieces.append(odd.randomElement(using: &random)!) }
            pieces.shuffle(using: &random)
            return pieces.flatMap { $0 }
        }
    }

    /// Runs every vector after `call` with the lane on and off; returns how many the lane read.
    func compare(_ call: String, _ vectors: [[String]]) throws -> Int {
        var quick = 0
        for vector in vectors {
            let arguments = [call] + vector
            let full = try run(arguments, lane: "full")
            let lane = try run(arguments, lane: nil)
            #expect(lane.status == full.status, "\(arguments)")
            #expect(lane.stdout == full.stdout, "\(arguments)")
            #expect(lane.stderr == full.stderr, "\(arguments)")
            if try run(arguments, lane: "quick").status != 2 { quick += 1 }
        }
        return quick
    }

    @Test func bothParsersAgreeOnSearchArguments() throws {
        let fixed: [[String]] = [[], ["dw", "dw"], ["--latest", "--latest", "dw"], ["--limit", "1", "--limit", "2", "dw"],
                                 ["-J", "--json", "dw"], ["--area", "builds", "--area", "events", "dw"]]
        let vectors = fixed + Self.vectors(count: 110, seed: 0x5EA7C4, modes: Self.modes, positionals: Self.patterns,
                                           options: Self.options, odd: Self.odd)
        let quick = try compare("search", vectors)
        // The vectors are not all refused: the comparison covers calls the lane reads (50 of the 116 with this seed).
        #expect(quick > 40, "the quick lane read \(quick) of \(vectors.count)")
    }

    /// The options of `ls` and `show`, and their odd shapes (`-R`/`-C` take values up to the next option).
    static let sourceOptions: [[String]] = [
        ["-V", "1.0-1"], ["--version=0.4"], ["-M", "0.1"], ["--min-version", "2.0"], ["-J"], ["--json"],
        ["--config", "/dev/null"], ["--identity", "other"], ["--host=example.org"], ["--http-port", "9000"],
        ["--ftp-port=2121"], ["-l", "INFO"], ["--index", "/nonexistent/x.sqlite"],
    ]
    static let sourceOdd: [[String]] = [
        ["-V"], ["-V1.0"], ["--version"], ["-M", "-1"], ["--http-port", "x"], ["--ftp-port="], ["-C", "bookworm"],
        ["-R", "test", "dwold"], ["--codenames", "sid"], ["-J", "-J"], ["--"], ["dwold"], ["--bogus"], ["-"],
    ]

    @Test(arguments: ["ls", "show"])
    func bothParsersAgreeOnSourceArguments(_ call: String) throws {
        let vectors = [[], ["dwhello", "dwold"], ["-V", "1", "-V", "2", "dwhello"]]
            + Self.vectors(count: 60, seed: call == "ls" ? 0x15 : 0x5404, modes: [[]],
                           positionals: [["dwhello"], ["dwold"], ["dwnative"], ["nosuch"]],
                           options: Self.sourceOptions, odd: Self.sourceOdd)
        let quick = try compare(call, vectors)
        // 29 (ls) and 27 (show) of the 63 with these seeds.
        #expect(quick > 25, "the quick lane read \(quick) of \(vectors.count)")
    }

    @Test func bothParsersAgreeOnVercmpArguments() throws {
        let versions = ["1.0", "1:2.0-1", "2.0~rc1", "1.0+b1", "0:1.0", "a!b", "", "1.0-", "~"]
        let relations = ["lt", "le", "eq", "ne", "ge", "gt", "lt-nl", "gt-nl", "<<", "<=", "=", ">=", ">>", "<", ">", "LT", "x"]
        var random = SplitMix64(seed: 0xDC)
        var comparisons: [[String]] = []
        for _ in 0..<24 {
            let a = versions.randomElement(using: &random)!, b = versions.randomElement(using: &random)!
            comparisons.append(Bool.random(using: &random) ? [a, b] : [a, relations.randomElement(using: &random)!, b])
        }
        let vectors = [[], ["1.0"], ["1.0", "lt"], ["lt", "1.0"], ["1", "2", "3", "4"]]
            + Self.vectors(count: 60, seed: 0x7E5, modes: [[]], positionals: comparisons,
                           options: [["-J"], ["--json"], ["-l", "DEBUG"], ["--index", "/nonexistent/x.sqlite"], ["--script-mode"]],
                           odd: [["-1"], ["--"], ["--bogus"], ["-J=1"], ["-J", "-J"], ["1.0"], ["--help"]])
        let quick = try compare("vercmp", vectors)
        // 24 of the 65 with these seeds (a relation such as `x` or `LT` is ArgumentParser's to report).
        #expect(quick > 20, "the quick lane read \(quick) of \(vectors.count)")
    }

    @Test(arguments: ["status", "snapshot_ls"])
    func bothParsersAgreeOnStatusAndSnapshotArguments(_ call: String) throws {
        let options: [[String]] = [["-J"], ["--json"], ["-l", "INFO"], ["--host", "example.org"], ["--http-port=9000"],
                                   ["--identity", "x"], ["--config", "/dev/null"], ["--index", "/nonexistent/x.sqlite"]]
            + (call == "status" ? [["-R"], ["--with-repositories"], ["--failed"]] : [])
        let positionals: [[String]] = call == "status" ? [[]] : [["bookworm-test-unstable"], ["nowhere"], ["x/y"]]
        let vectors = [[], ["a", "b"], ["-J", "-J"]]
            + Self.vectors(count: 40, seed: call == "status" ? 0x57 : 0x5A, modes: [[]], positionals: positionals,
                           options: options, odd: [["--"], ["--bogus"], ["-R", "x"], ["--failed=1"], ["--http-port", "x"], ["-"]])
        let quick = try compare(call, vectors)
        // 27 (status) and 21 (snapshot_ls) of the 43 with these seeds.
        #expect(quick > 15, "the quick lane read \(quick) of \(vectors.count)")
    }

    @Test(arguments: [
        ["search", "dw"], ["search", "--path", "bin/dw"], ["search", "-J", "--path", "/usr/bin/", "--area", "repositories"],
        ["search", "--text", "finish", "--limit", "1"], ["search", "--where", "$Version (>= 0.2)", "--latest"],
        ["search", "--path-regex", "^/usr/bin/dw[a-z]+$", "--distribution", "bookworm-test-stable"],
        ["search", "--hash", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "-l", "DEBUG"],
        ["search", "--index=/nonexistent/x.sqlite", "dw"], ["-J", "search", "--limit=2", "*"],
        ["ls", "dwhello"], ["ls", "-J", "dwhello", "-V", "1.0-1"], ["show", "dwhello"], ["show", "-J", "-M", "0.1", "dwold"],
        ["ls", "/nonexistent/x.sqlite", "dwhello"], ["vercmp", "1.0", "lt", "2.0"], ["-J", "vercmp", "1:1", "2"],
        ["-J", "status"], ["status", "-R", "--failed"], ["snapshot_ls", "bookworm-test-unstable"],
    ])
    func commonShapesTakeTheQuickLane(_ arguments: [String]) throws {
        let result = try run(arguments, lane: "quick")
        #expect(!result.stderr.contains("quick lane"), "\(result.stderr)")
        let full = try run(arguments, lane: "full")
        #expect(result.status == full.status && result.stdout == full.stdout && result.stderr == full.stderr)
        // An option that holds a path is an option, not mini-buildd-api's ENDPOINT (it was taken as one).
        if arguments.contains("--index=/nonexistent/x.sqlite") {
            #expect(result.status == 1 && result.stderr.hasPrefix("E: /nonexistent/x.sqlite: no index here yet"))
        }
    }

    @Test(arguments: [
        ["search"], ["search", "--limit", "0", "dw"], ["search", "--path", "--text", "x"], ["search", "-lDEBUG", "x"],
        ["search", "--", "-x"], ["search", "a", "b"], ["search", "--latest", "--latest", "x"],
        ["ls"], ["ls", "-C", "bookworm", "dwhello"], ["show", "-R", "test", "dwhello"], ["show", "--http-port", "x", "dwhello"],
    ])
    func otherShapesAreLeftToArgumentParser(_ arguments: [String]) throws {
        let result = try run(arguments, lane: "quick")
        #expect(result.status == 2 && result.stderr.contains("quick lane does not read"), "\(result.stderr)")
    }
}
