import DebworkTestSupport
import Foundation
import Testing

enum DevscriptsSource {
    /// The unpacked devscripts source, or nil when it cannot be downloaded.
    static let path: String? = {
        guard Fixtures.hasTool("shunit2"), Fixtures.hasTool("debdiff") else { return nil }
        guard let result = try? runCommand(Fixtures.packageRoot + "/scripts/devscripts-source", []),
              result.status == 0 else { return nil }
        let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.fileExists(atPath: path + "/test/test_debdiff") ? path : nil
    }()
}

/// devscripts' own test of debdiff (`test/test_debdiff` in its source package, shunit2) run with debwork
/// substituted: a `debdiff` on PATH that runs `debwork debdiff` (the test's `--installed` mode calls
/// `debdiff --no-conf …` from PATH). The source is downloaded once by scripts/devscripts-source (`apt-get
/// source`, for the installed devscripts version); without a deb-src line or a network the suite is skipped.
@Suite(.enabled(if: DevscriptsSource.path != nil,
                "devscripts' source package cannot be had (scripts/devscripts-source: apt-get source devscripts needs a deb-src line and the network) or shunit2 is missing"))
struct DevscriptsTestSuiteTests {
    /// A directory whose `debdiff` runs the built debwork (and logs each call to `calls.log` beside it).
    static func shim(in scratch: TemporaryDirectory) throws -> String {
        let log = scratch.appending("calls.log")
        let script = "#!/bin/sh\necho \"$*\" >> '\(log)'\nexec '\(Fixtures.debworkBinary)' debdiff \"$@\"\n"
        let path = try scratch.write("bin/debdiff", script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return scratch.appending("bin")
    }

    /// shunit2's summary: tests run and failures (0 when it says OK).
    struct Summary: Equatable, CustomStringConvertible {
        var ran: Int
        var failures: Int
        var description: String { "\(ran - failures) of \(ran) pass" }

        init?(_ output: String) {
            guard let ranLine = output.split(separator: "\n").first(where: { $0.hasPrefix("Ran ") }),
                  let ran = Int(ranLine.split(separator: " ")[1]) else { return nil }
            self.ran = ran
            if output.contains("\nOK") {
                failures = 0
            } else if let range = output.range(of: "failures="),
                      let count = Int(output[range.upperBound...].prefix { $0.isNumber }) {
                failures = count
            } else {
                return nil
            }
        }
    }

    /// Runs one of devscripts' test scripts in its `--installed` mode with `path` first on PATH, from a copy
    /// of devscripts' test directory in `scratch` (the tests write next to themselves).
    static func run(_ test: String, path: String?, in scratch: TemporaryDirectory, shell: String = "/bin/sh")
        throws -> (CommandResult, Summary?) {
        let source = try #require(DevscriptsSource.path)
        let copy = scratch.appending("test-\(path == nil ? "devscripts" : "debwork")")
        if !FileManager.default.fileExists(atPath: copy) {
            #expect(try runCommand("cp", ["-a", source + "/test", copy]).status == 0)
        }
        let home = scratch.appending("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let environment = ["PATH": (path.map { $0 + ":" } ?? "") + "/usr/bin:/bin", "HOME": home,
                           "SHUNIT_COLOR": "none", "LC_ALL": "C", "XDG_CACHE_HOME": "/nonexistent"]
        let result = try runCommand(shell, [copy + "/" + test, "--installed"], environment: environment, directory: home)
        return (result, Summary(result.stdout))
    }

    @Test func testDebdiffPassesWithDebworkAsWithDevscripts() throws {
        let scratch = try TemporaryDirectory("devscripts-tests")
        let bin = try Self.shim(in: scratch)
        let (theirs, theirSummary) = try Self.run("test_debdiff", path: nil, in: scratch)
        let (mine, mySummary) = try Self.run("test_debdiff", path: bin, in: scratch)
        let summary = try #require(mySummary, "no shunit2 summary: \(mine.stdout)\(mine.stderr)")
        #expect(theirSummary == summary, "devscripts: \(theirs.stdout)")
        #expect(summary.failures == 0, "test_debdiff with debwork: \(summary)\n\(mine.stdout)\(mine.stderr)")
        #expect(summary.ran >= 1)
        #expect(mine.status == 0)
        // debwork, not devscripts, was what ran.
        let calls = try String(contentsOfFile: scratch.appending("calls.log"), encoding: .utf8)
        #expect(calls.hasPrefix("--no-conf "), "\(calls)")
    }

    /// `test/test_package_lifecycle` builds a package twice with debuild and ends with `debdiff --no-conf
    /// test_1.0-1_ARCH.changes test_1.0-2_ARCH.changes`, its output compared with a file. All of its cases run
    /// (they need debhelper: scripts/setup installs it), debwork standing in for debdiff.
    @Test(.enabled(if: Fixtures.hasTool("dh") && Fixtures.hasTool("debuild"), "needs debhelper and debuild"))
    func testPackageLifecyclePassesWithDebwork() throws {
        let scratch = try TemporaryDirectory("devscripts-tests")
        let bin = try Self.shim(in: scratch)
        let (mine, mySummary) = try Self.run("test_package_lifecycle", path: bin, in: scratch, shell: "/bin/bash")
        let summary = try #require(mySummary, "no shunit2 summary: \(mine.stdout)\(mine.stderr)")
        #expect(summary.failures == 0, "test_package_lifecycle with debwork: \(summary)\n\(mine.stdout)")
        #expect(summary.ran >= 9)
        #expect(mine.stdout.contains("test_debdiff"))
        let calls = try String(contentsOfFile: scratch.appending("calls.log"), encoding: .utf8)
        #expect(calls.contains("--no-conf test_1.0-1_") && calls.contains(".changes test_1.0-2_"), "\(calls)")
    }

    /// The test's packages compared byte for byte (the test itself checks only the exit status).
    @Test func theTestPackagesGiveDevscriptsOutput() throws {
        let directory = try #require(DevscriptsSource.path) + "/test/debdiff"
        let debs = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".deb") }.sorted()
            .map { directory + "/" + $0 }
        #expect(debs.count == 2)
        for arguments in [debs, debs.reversed(), ["--controlfiles", "ALL"] + debs, ["--dirs", "--wp"] + debs] {
            let theirs = try runCommand("debdiff", ["--no-conf"] + arguments, environment: ["HOME": "/nonexistent", "LC_ALL": "C"])
            let mine = try debwork(["debdiff", "--no-conf"] + arguments)
            #expect(mine.status == theirs.status, "\(arguments): \(mine.stderr)")
            #expect(mine.stdout == theirs.stdout, "\(arguments)")
        }
    }
}
