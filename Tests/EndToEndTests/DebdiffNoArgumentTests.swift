import DebworkTestSupport
import Foundation
import Testing

/// `debdiff` with no package named, run inside an unpacked source tree: devscripts reads the last two
/// versions from debian/changelog and compares `<debs dir>/<source>_<version>.dsc` of both. Two versions of
/// a tiny package are built with dpkg-source; devscripts in the same tree is the oracle.
@Suite struct DebdiffNoArgumentTests {
    static let hasOracle = Fixtures.hasTool("debdiff") && Fixtures.hasTool("dpkg-source")

    /// `<scratch>/build/tiny_1.0.*`, `tiny_1.1.*` and the tree `<scratch>/build/tree` at 1:1.1 (the versions
    /// carry an epoch, which the file names drop). `format` is `3.0 (native)`, `3.0 (quilt)` (an orig tarball without a top directory) or `1.0` (one with).
    static func buildTwoVersions(in scratch: TemporaryDirectory, format: String) throws -> String {
        let tree = "build/tiny-1.0"
        let native = format == "3.0 (native)"
        let version = { (upstream: String) in native ? upstream : upstream + "-1" }
        try scratch.write(tree + "/debian/source/format", format + "\n")
        try scratch.write(tree + "/debian/control", "Source: tiny\nMaintainer: A <a@example.invalid>\n\nPackage: tiny\nArchitecture: all\nDepends: base-files\nDescription: tiny\n a tiny package\n")
        try scratch.write(tree + "/debian/rules", "#!/usr/bin/make -f\n%:\n\tdh $@\n")
        try scratch.write(tree + "/README", "hello\n")
        func changelog(_ entries: [(String, String)]) -> String {
            entries.map { "tiny (1:\(version($0.0))) unstable; urgency=low\n\n  * \($0.1)\n\n -- A <a@example.invalid>  Mon, 01 Jan 2024 00:00:00 +0000\n" }
                .joined(separator: "\n")
        }
        try scratch.write(tree + "/debian/changelog", changelog([("1.0", "First.")]))
        // quilt: an orig tarball without a top directory (./README); 1.0: the usual tiny-1.0/README.
        func origLayout(_ directory: String, _ top: String) -> [String] {
            format == "1.0" ? ["-C", scratch.appending("build"), top] : ["-C", directory, "."]
        }
        func build(_ upstream: String) throws {
            let directory = scratch.appending(tree)
            if !native {
                let orig = scratch.appending("build/tiny_\(upstream).orig.tar.gz")
                let tar = try runCommand("tar", ["-czf", orig, "--exclude=debian"] + origLayout(directory, "tiny-1.0"))
                #expect(tar.status == 0, "\(tar.stderr)")
            }
            let result = try runCommand("dpkg-source", ["-b", "."], directory: directory)
            #expect(result.status == 0, "\(result.stderr)")
        }
        try build("1.0")
        try scratch.write(tree + "/README", "hello\nworld\n")
        try scratch.write(tree + "/debian/control", "Source: tiny\nMaintainer: A <a@example.invalid>\n\nPackage: tiny\nArchitecture: all\nDepends: base-files, tzdata\nDescription: tiny\n a tiny package, version two\n")
        try scratch.write(tree + "/debian/changelog", changelog([("1.1", "Second."), ("1.0", "First.")]))
        let renamed = scratch.appending("build/tiny-1.1")
        if !native {
            try FileManager.default.moveItem(atPath: scratch.appending(tree), toPath: renamed)
            let orig = scratch.appending("build/tiny_1.1.orig.tar.gz")
            #expect(try runCommand("tar", ["-czf", orig, "--exclude=debian"] + origLayout(renamed, "tiny-1.1")).status == 0)
            let result = try runCommand("dpkg-source", ["-b", "."], directory: renamed)
            #expect(result.status == 0, "\(result.stderr)")
            return renamed
        }
        try build("1.1")
        return scratch.appending(tree)
    }

    static func both(_ arguments: [String], in tree: String, home: String, index: String? = nil)
        throws -> (mine: CommandResult, theirs: CommandResult) {
        let environment = ["HOME": home, "TZ": "UTC", "LC_ALL": "C", "XDG_CACHE_HOME": "/nonexistent"]
        let theirs = try runCommand("debdiff", arguments, environment: environment, directory: tree)
        var mineEnvironment = environment
        mineEnvironment["DEBWORK_INDEX"] = index ?? "/nonexistent/index.sqlite"
        let mine = try runCommand(Fixtures.debworkBinary, ["debdiff"] + arguments, environment: mineEnvironment, directory: tree)
        return (mine, theirs)
    }

    /// For 1.0 packages, the times devscripts leaks from its own extraction (files the .diff.gz patched get
    /// the time dpkg-source ran) are dropped from `---`/`+++` lines.
    static func comparable(_ text: String, format: String) -> String {
        guard format == "1.0" else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("--- ") || line.hasPrefix("+++ "), let tab = line.firstIndex(of: "\t") else { return String(line) }
            return String(line[..<tab])
        }.joined(separator: "\n")
    }

    @Test(.enabled(if: hasOracle), arguments: ["3.0 (native)", "3.0 (quilt)", "1.0"])
    func theLastTwoVersionsAsDevscriptsFindsThem(_ format: String) throws {
        let scratch = try TemporaryDirectory("debdiff-noarg")
        let tree = try Self.buildTwoVersions(in: scratch, format: format)
        let home = scratch.appending("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let (mine, theirs) = try Self.both([], in: tree, home: home)
        #expect(theirs.status == 1, "\(theirs.stderr)")
        #expect(mine.status == theirs.status, "\(mine.stderr)")
        #expect(Self.comparable(mine.stdout, format: format) == Self.comparable(theirs.stdout, format: format))
        #expect(mine.stdout.contains("+world"))
        // The same through options and devscripts' configuration.
        for arguments in [["--diffstat"], ["--wdiff-source-control"], ["-q", "--debs-dir", ".."], ["--debs-dir=../"]] {
            let (mine, theirs) = try Self.both(arguments, in: tree, home: home)
            #expect(mine.status == theirs.status, "\(arguments): \(mine.stderr)")
            #expect(Self.comparable(mine.stdout, format: format) == Self.comparable(theirs.stdout, format: format), "\(arguments)")
        }
    }

    @Test(.enabled(if: hasOracle)) func theDebsDirectoryFromTheOptionAndTheConfiguration() throws {
        let scratch = try TemporaryDirectory("debdiff-noarg")
        let tree = try Self.buildTwoVersions(in: scratch, format: "3.0 (native)")
        let debs = scratch.appending("debs")
        try FileManager.default.createDirectory(atPath: debs, withIntermediateDirectories: true)
        for name in ["tiny_1.0.dsc", "tiny_1.0.tar.xz", "tiny_1.1.dsc", "tiny_1.1.tar.xz"] {
            try FileManager.default.moveItem(atPath: scratch.appending("build/" + name), toPath: debs + "/" + name)
        }
        let home = scratch.appending("home")
        try scratch.write("home/.devscripts", "DEBRELEASE_DEBS_DIR=\(scratch.path)//debs/\n")
        for arguments in [[], ["--debs-dir", debs], ["--no-conf", "--debs-dir", debs + "/"]] {
            let (mine, theirs) = try Self.both(arguments, in: tree, home: home)
            #expect(theirs.status == 1, "\(arguments): \(theirs.stderr)")
            #expect(mine.status == theirs.status, "\(arguments): \(mine.stderr)")
            #expect(mine.stdout == theirs.stdout, "\(arguments)")
        }
        // The default, "..", holds no .dsc now: both fail, naming the file.
        let (mine, theirs) = try Self.both(["--no-conf", "--debs-dir", ".."], in: tree, home: home)
        #expect(theirs.stderr.contains("Can't read file: ../tiny_1.0.dsc"))
        #expect(mine.status == 2)
        #expect(mine.stderr == "E: Can't read file: ../tiny_1.0.dsc\n")
        #expect(mine.stdout == theirs.stdout && mine.stdout.isEmpty)
    }

    @Test(.enabled(if: hasOracle)) func devscriptsErrorsOutsideASourceTree() throws {
        let scratch = try TemporaryDirectory("debdiff-noarg")
        let tree = try Self.buildTwoVersions(in: scratch, format: "3.0 (native)")
        let home = scratch.appending("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let cases: [([String], String, String)] = [
            (["--debs-dir", "/nonexistent//"], tree, "--debs-dir directory /nonexistent/ does not exist!"),
            ([], scratch.path, "Can't read file: debian/changelog"),
        ]
        for (arguments, directory, message) in cases {
            let (mine, theirs) = try Self.both(arguments, in: directory, home: home)
            #expect(theirs.stderr.contains(message), "\(theirs.stderr)")
            #expect(mine.stderr == "E: \(message)\n")
            #expect(mine.status == 2)
        }
        // One version only.
        try scratch.write("one/debian/changelog", "tiny (1.0) unstable; urgency=low\n\n  * x\n\n -- A <a@example.invalid>  Mon, 01 Jan 2024 00:00:00 +0000\n")
        let (mine, theirs) = try Self.both([], in: scratch.appending("one"), home: home)
        #expect(theirs.stderr.contains("Need exactly two deb files or changes files to compare"))
        #expect(mine.stderr == "E: Need exactly two deb files or changes files to compare\n")
    }

    /// debwork's addition: the previous version's .dsc, absent from the debs directory, is found in the index,
    /// and the comparison is devscripts' with both files present.
    @Test(.enabled(if: hasOracle)) func aMissingPreviousVersionComesFromTheIndex() throws {
        let scratch = try TemporaryDirectory("debdiff-noarg")
        let tree = try Self.buildTwoVersions(in: scratch, format: "3.0 (native)")
        let home = scratch.appending("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let expected = try Self.both([], in: tree, home: home).theirs
        let archive = scratch.appending("archive")
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        for name in ["tiny_1.0.dsc", "tiny_1.0.tar.xz"] {
            try FileManager.default.moveItem(atPath: scratch.appending("build/" + name), toPath: archive + "/" + name)
        }
        let index = scratch.appending("index.sqlite")
        let indexed = try debwork(["index", archive], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let (mine, theirs) = try Self.both([], in: tree, home: home, index: index)
        #expect(theirs.status != 1)
        #expect(mine.status == expected.status, "\(mine.stderr)")
        #expect(mine.stdout == expected.stdout)
        #expect(mine.stderr == "I: ../tiny_1.0.dsc is missing: using tiny 1:1.0 from the index, \(archive)/tiny_1.0.dsc\n")
        // Without the index: devscripts' error.
        let (plain, _) = try Self.both(["--no-index"], in: tree, home: home, index: index)
        #expect(plain.stderr == "E: Can't read file: ../tiny_1.0.dsc\n")
    }
}
