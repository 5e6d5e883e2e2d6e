import DebworkTestSupport
import Foundation
import Testing

/// What debwork promises about packages made by someone else (README "Security"): it never writes outside its
/// output folder, never hangs, never takes a package's word for its content, never prints a control byte to a
/// terminal, and never loses what the index knows because a folder cannot be read.
@Suite struct TrustTests {
    /// A copy of a fixture source package whose .dsc field `field` is replaced by `value`.
    func hostileSource(_ scratch: TemporaryDirectory, field: String, value: String) throws -> String {
        let folder = scratch.appending("in")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = try scratch.copy(Fixtures.path("packages/dwnative_0.3.tar.xz"), as: "in/dwnative_0.3.tar.xz")
        var lines = try String(contentsOfFile: Fixtures.path("packages/dwnative_0.3.dsc"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.hasPrefix(field + ": ") })
        lines[index] = field + ": " + value
        return try scratch.write("in/dwnative_0.3.dsc", lines.joined(separator: "\n"))
    }

    /// Every path below `folder`, for before/after comparisons.
    func tree(_ folder: String) -> Set<String> {
        Set(FileManager.default.enumerator(atPath: folder)?.allObjects.compactMap { $0 as? String } ?? [])
    }

    @Test(arguments: [
        ("Source", "../../escaped"),
        ("Source", "a/b"),
        ("Source", "ev\u{1B}[31mil"),
        ("Version", "0.3/../../../escaped"),
        ("Version", "../0.3"),
    ])
    func fieldsThatWouldBecomePathsAreRefused(_ field: String, _ value: String) throws {
        let scratch = try TemporaryDirectory()
        let dsc = try hostileSource(scratch, field: field, value: value)
        let before = tree(scratch.path)
        // The default output folder is derived from the .dsc: run where it would be made.
        let result = try runCommand(Fixtures.debworkBinary, ["port_ext", dsc, "bookworm-test-unstable", "-u",
                                                             "--maintainer", "T <t@example.org>", "--config", "/dev/null"],
                                    environment: ["XDG_CACHE_HOME": "/nonexistent"], directory: scratch.path)
        #expect(result.status == 1, "stdout: \(result.stdout)")
        #expect(result.stderr.hasPrefix("E: \(dsc): "), "stderr: \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(tree(scratch.path) == before, "written: \(tree(scratch.path).subtracting(before))")
        #expect(!FileManager.default.fileExists(atPath: scratch.appending("escaped")))
        // The index refuses it the same way.
        let index = try debwork(["index", dsc], index: scratch.appending("i.sqlite"))
        #expect(index.status == 1 && index.stderr.contains("E: \(dsc): "), "stderr: \(index.stderr)")
    }

    @Test func listedFileNamesMustBePlain() throws {
        let scratch = try TemporaryDirectory()
        let original = try String(contentsOfFile: Fixtures.path("packages/dwnative_0.3.dsc"), encoding: .utf8)
        let dsc = try hostileSource(scratch, field: "Source", value: "dwnative")
        try original.replacingOccurrences(of: " dwnative_0.3.tar.xz", with: " ../dwnative_0.3.tar.xz")
            .write(toFile: dsc, atomically: true, encoding: .utf8)
        let result = try debwork(["port_ext", dsc, "bookworm-test-unstable", "-u", "--maintainer", "T <t@example.org>",
                                  "--output-dir", scratch.appending("out"), "--config", "/dev/null"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("unsafe file name '../dwnative_0.3.tar.xz'") || result.stderr.contains("is not a plain file name"),
                "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.appending("out")))
    }

    /// A Sources stanza's .dsc is one plain name of its Directory: a `Files` name that climbs out is refused like a
    /// Directory or Filename that does, naming the file; a Package or Version that would (the .dsc's name when
    /// `Files` lists none) breaks policy's grammar, and its stanza is skipped aloud.
    @Test(arguments: [("Package: fsrc\nVersion: 1.0\nDirectory: pool/main/f\nFiles:\n 0 1 ../../../../outside/evil.dsc\n",
                       1, "line 1: the .dsc '../../../../outside/evil.dsc' is not a plain file name"),
                      ("Package: ../../x\nVersion: 1.0\nDirectory: pool/main/f\n", 0,
                       ":1: stanza skipped: field 'Package': '../../x' is not a valid package name"),
                      ("Package: fsrc\nVersion: 1/../../../x\nDirectory: pool/main/f\n", 0,
                       ":1: stanza skipped: field 'Version': version number '1/../../../x' contains illegal character '/'")])
    func aSourcesStanzasDscStaysInItsDirectory(stanza: String, status: Int32, message: String) throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("repo/dists/dw/Release", "Codename: dw\nComponents: main\nArchitectures: source\n")
        let sources = try scratch.write("repo/dists/dw/main/source/Sources", stanza)
        let index = scratch.appending("i.sqlite")
        let result = try debwork(["index", scratch.appending("repo")], index: index)
        #expect(result.status == status)
        #expect(result.stderr.contains(sources + (status == 0 ? "" : "': ") + message), "\(result.stderr)")
        let shown = try debwork(["show", "fsrc"], index: index)
        #expect(!shown.stdout.contains("outside"), "\(shown.stdout)")
    }

    /// A Packages or Sources stanza whose Package, Version, Architecture or Source breaks Debian policy's grammar is
    /// skipped with one warning naming the file, its line and the value (escaped); the other stanzas are indexed.
    @Test func stanzasWithInvalidNamesAreSkippedAloud() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("repo/dists/dw/Release", "Codename: dw\nComponents: main\nArchitectures: amd64 source\n")
        let stanza = { (fields: String) in fields + "Filename: pool/x.deb\nSize: 1\nDescription: x\n" }
        let packages = try scratch.write("repo/dists/dw/main/binary-amd64/Packages", [
            stanza("Package: good\nVersion: 1.0\nArchitecture: amd64\n"),
            stanza("Package: esc\u{1B}[2JPkg\nVersion: 1.0\nArchitecture: amd64\n"),
            stanza("Package: badver\nVersion: 1.0 bad!\nArchitecture: amd64\n"),
            stanza("Package: badarch\nVersion: 1.0\nArchitecture: ../x\n"),
            stanza("Package: badsrc\nSource: Up (1.0)\nVersion: 1.0\nArchitecture: amd64\n"),
        ].joined(separator: "\n"))
        let sources = try scratch.write("repo/dists/dw/main/source/Sources",
                                        "Package: goodsrc\nVersion: 2.0\nDirectory: pool/g\n\nPackage: Bad\nVersion: 2.0\nDirectory: pool/b\n")
        let index = scratch.appending("i.sqlite")
        let result = try debwork(["index", scratch.appending("repo")], index: index)
        #expect(result.status == 0, "\(result.stderr)")
        for (file, line, field) in [(packages, 8, "Package"), (packages, 15, "Version"), (packages, 22, "Architecture"),
                                    (packages, 29, "Source"), (sources, 5, "Package")] {
            #expect(result.stderr.contains("\(file):\(line): stanza skipped: field '\(field)': "), "\(field): \(result.stderr)")
        }
        #expect(!result.stderr.contains("\u{1B}") && result.stderr.contains("esc\\e[2JPkg"))
        let listed = try debwork(["search", "*"], index: index).stdout
        #expect(listed.contains(" good 1.0 amd64") && listed.contains(" goodsrc 2.0 source"), "\(listed)")
        for name in ["badver", "badarch", "badsrc", "Pkg", "Bad"] { #expect(!listed.contains(name), "\(name): \(listed)") }
    }

    /// Garbage appended to a `.gz` index (Packages, Sources, Contents) is ignored, as gzip and apt ignore it, and said:
    /// one `W:` line naming the file, the index read whole. A member's magic alone at the end is a truncated file: an
    /// `E:` naming it, and the other indices are read.
    @Test func garbageAfterAGzipIndexIsIgnoredAloud() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("repo/dists/dw/Release", "Codename: dw\nComponents: main\nArchitectures: amd64 source\n")
        try scratch.write("repo/dists/dw/main/binary-amd64/Packages",
                          "Package: gzbin\nVersion: 1.0\nArchitecture: amd64\nFilename: pool/x.deb\nSize: 1\nDescription: x\n")
        try scratch.write("repo/dists/dw/main/source/Sources", "Package: gzsrc\nVersion: 2.0\nDirectory: pool/g\n")
        try scratch.write("repo/dists/dw/main/Contents-amd64", "usr/bin/gzbin  utils/gzbin\n")
        try scratch.write("repo/dists/tr/Release", "Codename: tr\nComponents: main\nArchitectures: amd64\n")
        try scratch.write("repo/dists/tr/main/Contents-amd64", "usr/bin/trbin  utils/trbin\n")
        var garbled: [String] = []
        for file in ["dw/main/binary-amd64/Packages", "dw/main/source/Sources", "dw/main/Contents-amd64", "tr/main/Contents-amd64"] {
            let path = scratch.appending("repo/dists/" + file)
            let trailer = file.hasPrefix("tr/") ? "printf '\\037'" : "printf 'garbage\\n'"
            #expect(try runCommand("sh", ["-c", "gzip -n '\(path)' && \(trailer) >> '\(path).gz'"]).status == 0)
            garbled.append(path + ".gz")
        }
        let index = scratch.appending("i.sqlite")
        let result = try debwork(["index", scratch.appending("repo")], index: index)
        #expect(result.status == 1, "\(result.stderr)")
        for path in garbled.prefix(3) {
            #expect(result.stderr.contains("\(path): trailing garbage after the gzip data ignored (as gzip does)"), "\(path): \(result.stderr)")
        }
        #expect(result.stderr.contains("E: \(garbled[3]): truncated gzip input"), "\(result.stderr)")
        let listed = try debwork(["search", "*"], index: index).stdout
        #expect(listed.contains(" gzbin 1.0 amd64") && listed.contains(" gzsrc 2.0 source"), "\(listed)")
        #expect(try debwork(["search", "--path", "bin/gzbin"], index: index).stdout.hasPrefix("gzbin: /usr/bin/gzbin"))
        #expect(try debwork(["search", "--path", "bin/trbin"], index: index).stdout.isEmpty)
    }

    /// One huge cell (a 10 KB package name, a 5 KB Contents path; both valid) is written whole on its own line but
    /// does not widen its column (``ColumnWidth``): every other line of the listing stays as narrow as without it,
    /// where it used to be padded to 10 KB (a whole release's listing would have been a gigabyte of spaces).
    @Test func oneHugeCellDoesNotPadEveryLine() throws {
        let scratch = try TemporaryDirectory()
        let huge = String(repeating: "a", count: 10_000), deep = String(repeating: "d/", count: 2_500)
        try scratch.write("repo/dists/dw/Release", "Codename: dw\nComponents: main\nArchitectures: amd64\n")
        let stanza = { (name: String) in "Package: \(name)\nVersion: 1.0\nArchitecture: amd64\nFilename: pool/\(name.prefix(9)).deb\nSize: 1\nDescription: x\n" }
        try scratch.write("repo/dists/dw/main/binary-amd64/Packages", [stanza(huge), stanza("short"), stanza("shorter")].joined(separator: "\n"))
        try scratch.write("repo/dists/dw/main/Contents-amd64", "usr/bin/short  utils/short\n\(deep)bin/x  utils/shorter\nusr/sbin/shorter  utils/shorter\n")
        let index = scratch.appending("i.sqlite")
        #expect(try debwork(["index", scratch.appending("repo")], index: index).status == 0)
        for (arguments, hugeLine) in [(["search", "*"], huge), (["search", "--path", "bin/"], deep)] {
            let lines = try debwork(arguments, index: index).stdout.split(separator: "\n")
            #expect(lines.count == 3, "\(arguments): \(lines.count) lines")
            for line in lines {
                if line.contains(hugeLine) {
                    #expect(!line.contains(hugeLine + " ") || line.contains(hugeLine + "  "), "\(arguments): two spaces after the huge cell")
                } else {
                    #expect(line.utf8.count < 200, "\(arguments): \(line.utf8.count) bytes: \(line.prefix(120))")
                }
            }
            #expect(lines.contains { $0.contains(hugeLine) }, "\(arguments): the huge cell is written whole")
        }
    }

    /// Output that cannot be written (`>/dev/full`) is an `E:` line and status 1, in every form: a listing cut short
    /// never looks like a whole one.
    @Test func anOutputThatCannotBeWrittenIsAnError() throws {
        let scratch = try TemporaryDirectory()
        let index = scratch.appending("i.sqlite")
        #expect(try debwork(["index", Fixtures.path("repo")], index: index).status == 0)
        for arguments in [["search", "dw*"], ["-J", "search", "dw*"], ["search", "--path", "/usr/"], ["status"], ["ls", "dwhello"]] {
            let line = ([Fixtures.debworkBinary, "--index", index] + arguments).map { "'\($0)'" }.joined(separator: " ")
            let result = try runCommand("sh", ["-c", line + " > /dev/full"])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr == "E: cannot write the output: No space left on device\n", "\(arguments): \(result.stderr)")
        }
    }

    @Test func aSymlinkPlantedInTheOutputIsNotFollowed() throws {
        let scratch = try TemporaryDirectory()
        let out = scratch.appending("out")
        let victim = scratch.appending("victim")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out + "/bookworm-test-unstable", withDestinationPath: victim)
        let arguments = ["port_ext", Fixtures.path("packages/dwnative_0.3.dsc"), "bookworm-test-unstable", "-u",
                         "--maintainer", "T <t@example.org>", "--output-dir", out, "--config", "/dev/null"]
        let refused = try debwork(arguments)
        #expect(refused.status == 1 && refused.stderr.contains("output already exists"), "stderr: \(refused.stderr)")
        // --force replaces the link itself; nothing is written through it.
        let forced = try debwork(arguments + ["--force"])
        #expect(forced.status == 0, "stderr: \(forced.stderr)")
        #expect(tree(victim).isEmpty)
        #expect(tree(out + "/bookworm-test-unstable").contains("dwnative_0.3~test12+1.dsc") || !tree(out).isEmpty)
    }

    @Test func aMaintainerWithANewlineCannotForgeAField() throws {
        let scratch = try TemporaryDirectory()
        let result = try runCommand(Fixtures.debworkBinary, [
            "port_ext", Fixtures.path("packages/dwnative_0.3.dsc"), "bookworm-test-unstable", "-u",
            "--output-dir", scratch.appending("out"), "--config", "/dev/null",
        ], environment: ["DEBFULLNAME": "Evil\nDistribution: forged", "DEBEMAIL": "e@example.org", "XDG_CACHE_HOME": "/nonexistent"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("contains a control character"), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.appending("out")))
    }

    /// A .deb whose file was replaced by a same-size trojan, md5sums left as it was.
    func trojan(_ scratch: TemporaryDirectory) throws -> (genuine: String, trojan: String) {
        let genuine = try scratch.copy(Fixtures.path("packages/dwnative_0.3_all.deb"), as: "genuine/dwnative_0.3_all.deb")
        let tree = scratch.appending("tree")
        #expect(try runCommand("dpkg-deb", ["-R", genuine, tree]).status == 0)
        let script = tree + "/usr/bin/dwnative"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: script)))
        let position = try #require(bytes.lastIndex(of: UInt8(ascii: "e")))
        bytes[position] = UInt8(ascii: "X") // same size, other content
        try Data(bytes).write(to: URL(fileURLWithPath: script))
        try FileManager.default.createDirectory(atPath: scratch.appending("trojan"), withIntermediateDirectories: true)
        let trojan = scratch.appending("trojan/dwnative_0.3_all.deb")
        let built = try runCommand("dpkg-deb", ["--root-owner-group", "-Zxz", "--build", tree, trojan])
        #expect(built.status == 0, "\(built.stderr)")
        return (genuine, trojan)
    }

    @Test func aPackagesOwnMd5sumsIsNotEvidence() throws {
        guard Fixtures.hasTool("dpkg-deb") else { return }
        let scratch = try TemporaryDirectory()
        let (genuine, trojan) = try trojan(scratch)
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", genuine, trojan], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stderr.contains("W: \(trojan): md5sums-mismatch: /usr/bin/dwnative: md5sums says "), "\(indexed.stderr)")
        let findings = try runCommand("sqlite3", [index, "SELECT kind || ' ' || path FROM findings"]).stdout
        #expect(findings == "md5sums-mismatch usr/bin/dwnative\n")
        // From the index (both unchanged on disk) and from the archives, the trojan differs.
        for arguments in [["debdiff", "--contents", genuine, trojan], ["debdiff", "--contents", "--no-index", genuine, trojan]] {
            let result = try debwork(arguments, index: index)
            #expect(result.status == 1, "\(arguments): \(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("usr/bin/dwnative"), "\(arguments): \(result.stdout)")
        }
    }

    /// dpkg lists both names of a hard link in md5sums with the same digest (bzip2's bzcat, gzip's uncompress):
    /// the link's data is its target's, not a finding.
    @Test func hardLinksListedInMd5sumsAreNoFinding() throws {
        guard Fixtures.hasTool("dpkg-deb") else { return }
        let scratch = try TemporaryDirectory()
        let tree = scratch.appending("tree")
        #expect(try runCommand("dpkg-deb", ["-R", Fixtures.path("packages/dwnative_0.3_all.deb"), tree]).status == 0)
        #expect(link(tree + "/usr/bin/dwnative", tree + "/usr/bin/dwnative-again") == 0)
        let md5sums = try runCommand("sh", ["-c", "cd \(tree) && find usr -type f | sort | xargs md5sum"])
        try md5sums.stdout.write(toFile: tree + "/DEBIAN/md5sums", atomically: true, encoding: .utf8)
        #expect(md5sums.stdout.contains("usr/bin/dwnative-again"))
        let deb = scratch.appending("dwnative_0.3_all.deb")
        #expect(try runCommand("dpkg-deb", ["--root-owner-group", "--build", tree, deb]).status == 0)
        let listing = try runCommand("dpkg-deb", ["-c", deb]).stdout
        #expect(listing.contains(" link to "), "dpkg-deb stored no hard link: \(listing)")
        let index = scratch.appending("i.sqlite")
        let result = try debwork(["index", deb], index: index)
        #expect(result.status == 0 && !result.stderr.contains("W:"), "\(result.stderr)")
        #expect(try runCommand("sqlite3", [index, "SELECT count(*) FROM findings"]).stdout == "0\n")
    }

    /// A file named like apt's copy of a Release makes its folder an apt lists directory; it must not hide the
    /// packages beside it (anyone who can drop a file there can name it so). apt's own `partial/` is skipped and
    /// said so, and walked with `--include-skipped`.
    @Test func aListsNamedReleaseHidesNothingBesideIt() throws {
        let scratch = try TemporaryDirectory()
        _ = try scratch.copy(Fixtures.path("packages/dwnative_0.3_all.deb"), as: "in/dwnative_0.3_all.deb")
        _ = try scratch.copy(Fixtures.path("packages/dwepoch_2.0-1_all.deb"), as: "in/partial/dwepoch_2.0-1_all.deb")
        _ = try scratch.write("in/evil.example_debian_dists_x_Release", "Codename: x\nComponents: main\nArchitectures: amd64\n")
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", scratch.appending("in")], index: index)
        #expect(indexed.stdout.contains("skipped \(scratch.appending("in/partial"))/: apt's downloads in progress"), "\(indexed.stdout)")
        let found = try debwork(["search", "dw*"], index: index)
        #expect(found.stdout.contains("dwnative_0.3_all.deb"), "\(found.stdout)")
        #expect(!found.stdout.contains("dwepoch"), "\(found.stdout)")
        #expect(try debwork(["index", "--include-skipped", scratch.appending("in")], index: index).status == 0)
        #expect(try debwork(["search", "dw*"], index: index).stdout.contains("dwepoch_2.0-1_all.deb"))
    }

    @Test func aFileCopiedOverWithTheSameSizeAndTimeIsReadAgain() throws {
        let scratch = try TemporaryDirectory()
        let deb = try scratch.copy(Fixtures.path("packages/dwnative_0.3_all.deb"))
        let index = scratch.appending("i.sqlite")
        #expect(try debwork(["index", deb], index: index).status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: deb)
        // Another file of the same size (one digit of the ar header's timestamp differs), copied over with
        // the old modification time, as `cp -p` does.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: deb)))
        bytes[24] = bytes[24] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        let other = try scratch.write("other.deb", bytes)
        try FileManager.default.removeItem(atPath: deb)
        #expect(try runCommand("cp", ["-p", other, deb]).status == 0)
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: deb)
        let again = try debwork(["index", "-J", deb], index: index)
        #expect(again.stdout.contains("\"updated\": 1"), "\(again.stdout)")
        // A touch alone (content unchanged) is not a change.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 7)], ofItemAtPath: deb)
        let touched = try debwork(["index", "-J", deb], index: index)
        #expect(touched.stdout.contains("\"unchanged\": 1"), "\(touched.stdout)")
    }

    @Test func releaseComponentsCannotLeaveTheDistribution() throws {
        let scratch = try TemporaryDirectory()
        let repo = scratch.appending("repo")
        #expect(try runCommand("cp", ["-a", Fixtures.path("repo"), repo]).status == 0)
        let release = repo + "/dists/bookworm-test-unstable/Release"
        let text = try String(contentsOfFile: release, encoding: .utf8)
        let components = try #require(text.split(separator: "\n").first { $0.hasPrefix("Components: ") })
        try text.replacingOccurrences(of: String(components), with: components + " ../../../outside")
            .write(toFile: release, atomically: true, encoding: .utf8)
        let result = try debwork(["index", repo], index: scratch.appending("i.sqlite"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("E: \(release): field 'Components': component '../../../outside'"), "\(result.stderr)")
        // The other distributions are indexed all the same.
        let listed = try debwork(["sources_list"], index: scratch.appending("i.sqlite"))
        #expect(listed.stdout.contains("bookworm-test-stable") && !listed.stdout.contains("outside"), "\(listed.stdout)")
    }

    /// Debian security's layout: `Components: updates/main`, indices listed and served under `main/`.
    @Test func securityStyleComponentsAreRead() throws {
        let scratch = try TemporaryDirectory()
        let repo = scratch.appending("repo")
        #expect(try runCommand("cp", ["-a", Fixtures.path("repo"), repo]).status == 0)
        let release = repo + "/dists/bookworm-test-unstable/Release"
        let text = try String(contentsOfFile: release, encoding: .utf8)
        try text.replacingOccurrences(of: "\nComponents: main", with: "\nComponents: updates/main")
            .write(toFile: release, atomically: true, encoding: .utf8)
        let index = scratch.appending("i.sqlite")
        let result = try debwork(["index", repo], index: index)
        #expect(result.status == 0, "\(result.stderr)")
        let ls = try debwork(["ls", "dwhello", "-C", "bookworm"], index: index)
        #expect(ls.stdout.contains("bookworm-test-unstable ") && ls.stdout.contains("updates/main"), "\(ls.stdout)")
    }

    @Test func fifosAndDevicesNeverBlock() throws {
        let scratch = try TemporaryDirectory()
        let fifo = scratch.appending("x.deb")
        #expect(mkfifo(fifo, 0o644) == 0)
        let good = try scratch.copy(Fixtures.path("packages/dwnative_0.3_all.deb"))
        let index = scratch.appending("i.sqlite")
        let explicit = try runWithTimeout(["index", fifo, good, "/dev/zero"], index: index)
        #expect(explicit.status == 1)
        #expect(explicit.stderr.contains("E: \(fifo): not a regular file (fifo)"), "\(explicit.stderr)")
        #expect(explicit.stderr.contains("E: /dev/zero: not a regular file (character device)"), "\(explicit.stderr)")
        #expect(try runCommand("sqlite3", [index, "SELECT count(*) FROM binaries"]).stdout == "1\n")
        let walked = try runWithTimeout(["index", scratch.path], index: index)
        #expect(walked.status == 1 && walked.stderr.contains("E: \(fifo): not a regular file (fifo)"), "\(walked.stderr)")
        let diffed = try runWithTimeout(["debdiff", fifo, good], index: index)
        #expect(diffed.status == 2 && diffed.stderr.contains("not a regular file"), "\(diffed.stderr)")
        let dscFifo = scratch.appending("y.dsc")
        #expect(mkfifo(dscFifo, 0o644) == 0)
        let ported = try runWithTimeout(["port_ext", dscFifo, "bookworm-test-unstable", "-u", "--maintainer", "T <t@example.org>",
                                         "--output-dir", scratch.appending("out"), "--config", "/dev/null"], index: index)
        #expect(ported.status == 1 && ported.stderr.contains("not a regular file"), "\(ported.stderr)")
    }

    @Test func aFifoNamedPackagesInsideDistsDoesNotBlock() throws {
        let scratch = try TemporaryDirectory()
        let repo = scratch.appending("repo")
        #expect(try runCommand("cp", ["-a", Fixtures.path("repo"), repo]).status == 0)
        let packages = try #require(FileManager.default.enumerator(atPath: repo + "/dists/bookworm-test-unstable")?
            .allObjects.compactMap { $0 as? String }.first { $0.hasSuffix("binary-amd64/Packages") })
        let path = repo + "/dists/bookworm-test-unstable/" + packages
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0)
        let result = try runWithTimeout(["index", repo], index: scratch.appending("i.sqlite"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a regular file (fifo)"), "\(result.stderr)")
    }

    @Test func directoryLoopsAreWalkedOnce() throws {
        let scratch = try TemporaryDirectory()
        let tree = scratch.appending("tree")
        try FileManager.default.createDirectory(atPath: tree, withIntermediateDirectories: true)
        _ = try scratch.copy(Fixtures.path("packages/dwnative_0.3_all.deb"), as: "tree/dwnative_0.3_all.deb")
        for name in ["a", "b", "self"] { try FileManager.default.createSymbolicLink(atPath: tree + "/" + name, withDestinationPath: ".") }
        let result = try runWithTimeout(["index", "-J", tree], index: scratch.appending("i.sqlite"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"new\": 1,"), "\(result.stdout)")
    }

    @Test func aNulInsideAControlFieldIsAnError() throws {
        let scratch = try TemporaryDirectory()
        let dsc = try hostileSource(scratch, field: "Maintainer", value: "ev\u{0}il <e@example.org>")
        let result = try debwork(["index", dsc], index: scratch.appending("i.sqlite"))
        #expect(result.status == 1 && result.stderr.contains("E: \(dsc): "), "\(result.stderr)")
        #expect(result.stderr.contains("NUL"), "\(result.stderr)")
    }

    @Test func anotherProgramsDatabaseIsNeverTouched() throws {
        let scratch = try TemporaryDirectory()
        let foreign = scratch.appending("foreign.sqlite")
        #expect(try runCommand("sqlite3", [foreign, "CREATE TABLE mine(x); INSERT INTO mine VALUES (1);"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let result = try debwork(["index", Fixtures.path("packages/dwnative_0.3_all.deb")], index: foreign)
        #expect(result.status == 1 && result.stderr.contains("not a debwork index"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
        #expect(!FileManager.default.fileExists(atPath: foreign + "-wal"))
    }

    @Test func twoFirstRunsOnOneNewIndexBothSucceed() throws {
        let scratch = try TemporaryDirectory()
        let index = scratch.appending("i.sqlite")
        let runs = [Fixtures.path("packages"), Fixtures.path("uploads")].map { path -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Fixtures.debworkBinary)
            process.arguments = ["index", "--index", index, path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for run in runs { try run.run() }
        for run in runs { run.waitUntilExit() }
        #expect(runs.map(\.terminationStatus) == [0, 0])
        #expect(try runCommand("sqlite3", [index, "PRAGMA integrity_check"]).stdout == "ok\n")
    }

    /// As root every file is readable: these run debwork as 'nobody'.
    func asNobody(_ arguments: [String], home: String) throws -> CommandResult {
        try runCommand("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", Fixtures.debworkBinary] + arguments,
                       environment: ["HOME": home, "XDG_CACHE_HOME": "/nonexistent"])
    }

    @Test func aReadOnlyIndexCanBeQueried() throws {
        guard getuid() == 0, Fixtures.hasTool("setpriv") else { return }
        let scratch = try TemporaryDirectory()
        chmod(scratch.path, 0o755)
        let folder = scratch.appending("shared")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let index = folder + "/index.sqlite"
        #expect(try debwork(["index", Fixtures.path("repo")], index: index).status == 0)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) { chmod(folder + "/" + file, 0o444) }
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755) }
        let ls = try asNobody(["ls", "dwhello", "--index", index], home: scratch.path)
        #expect(ls.status == 0 && ls.stdout.contains("dwhello"), "\(ls.stderr)")
        // Also when the last writer left it in WAL mode.
        chmod(folder, 0o755)
        chmod(index, 0o644)
        #expect(try runCommand("sqlite3", [index, "PRAGMA journal_mode = WAL"]).stdout == "wal\n")
        chmod(index, 0o444)
        chmod(folder, 0o555)
        let wal = try asNobody(["search", "dwhello", "--index", index], home: scratch.path)
        #expect(wal.status == 0 && wal.stdout.contains("dwhello"), "\(wal.stderr)")
    }

    @Test func anUnreadableFolderKeepsItsRows() throws {
        guard getuid() == 0, Fixtures.hasTool("setpriv") else { return }
        let scratch = try TemporaryDirectory()
        chmod(scratch.path, 0o777)
        let tree = scratch.appending("tree")
        try FileManager.default.createDirectory(atPath: tree + "/sub", withIntermediateDirectories: true)
        _ = try scratch.copy(Fixtures.path("packages/dwnative_0.3_all.deb"), as: "tree/sub/dwnative_0.3_all.deb")
        _ = try scratch.copy(Fixtures.path("packages/dwnative_0.4_all.deb"), as: "tree/dwnative_0.4_all.deb")
        #expect(try runCommand("chown", ["-R", "nobody:nogroup", tree]).status == 0)
        let index = scratch.appending("i.sqlite")
        #expect(try asNobody(["index", "--index", index, tree], home: scratch.path).status == 0)
        chmod(tree + "/sub", 0o000)
        defer { chmod(tree + "/sub", 0o755) }
        let again = try asNobody(["index", "-J", "--index", index, tree], home: scratch.path)
        #expect(again.status == 1)
        #expect(again.stderr.contains("E: \(tree)/sub: cannot read directory"), "\(again.stderr)")
        #expect(again.stdout.contains("\"removed\": 0"), "\(again.stdout)")
        #expect(try runCommand("sqlite3", [index, "SELECT count(*) FROM binaries"]).stdout == "2\n")
    }

    @Test func controlBytesNeverReachTheTerminal() throws {
        guard Fixtures.hasTool("dpkg-deb") else { return }
        let scratch = try TemporaryDirectory()
        let tree = scratch.appending("tree")
        #expect(try runCommand("dpkg-deb", ["-R", Fixtures.path("packages/dwnative_0.3_all.deb"), tree]).status == 0)
        let evil = tree + "/usr/share/doc/ev\u{1B}]0;owned\u{07}il\u{1B}[2J"
        try "x\n".write(toFile: evil, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: tree + "/DEBIAN/md5sums")
        let deb = scratch.appending("dwnative_0.3_all.deb")
        #expect(try runCommand("dpkg-deb", ["--root-owner-group", "--build", tree, deb]).status == 0)
        let index = scratch.appending("i.sqlite")
        #expect(try debwork(["index", deb], index: index).status == 0)
        for arguments in [["search", "--path", "doc/ev"], ["search", "--path", "*ev*"]] {
            let result = try debwork(arguments, index: index)
            #expect(result.status == 0)
            #expect(result.stdout.contains("ev\\e]0;owned\\x07il\\e[2J"), "\(arguments): \(result.stdout)")
            #expect(!result.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(arguments)")
        }
        let json = try debwork(["search", "-J", "--path", "doc/ev"], index: index)
        #expect(json.stdout.contains("ev\\u001b]0;owned\\u0007il\\u001b[2J"), "\(json.stdout)")
    }

    /// What a terminal acts on beyond C0 — DEL, a C1 CSI (U+009B, which xterm takes as `ESC [`), NEL, and
    /// bidirectional overrides — is escaped in the listing and in `-J` (as `\u009b`: the same string to a JSON
    /// reader), and a JSON parser reads the path back whole.
    @Test func controlsBeyondC0NeverReachTheTerminalEither() throws {
        guard Fixtures.hasTool("dpkg-deb") else { return }
        let scratch = try TemporaryDirectory()
        let tree = scratch.appending("tree")
        #expect(try runCommand("dpkg-deb", ["-R", Fixtures.path("packages/dwnative_0.3_all.deb"), tree]).status == 0)
        let name = "ev\u{9B}2Jil\u{7F}\u{85}\u{202E}txt.exe\u{2066}é"
        try "x\n".write(toFile: tree + "/usr/share/doc/" + name, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: tree + "/DEBIAN/md5sums")
        let deb = scratch.appending("dwnative_0.3_all.deb")
        #expect(try runCommand("dpkg-deb", ["--root-owner-group", "--build", tree, deb]).status == 0)
        let index = scratch.appending("i.sqlite")
        #expect(try debwork(["index", deb], index: index).status == 0)
        let raw: (Unicode.Scalar) -> Bool = { (0x7F...0x9F).contains($0.value) || [0x202E, 0x2066].contains($0.value) }
        let human = try debwork(["search", "--path", "doc/ev"], index: index)
        #expect(human.status == 0 && !human.stdout.unicodeScalars.contains(where: raw), "\(human.stdout)")
        #expect(human.stdout.contains("ev\\u{9b}2Jil\\x7f\\u{85}\\u{202e}txt.exe\\u{2066}é"), "\(human.stdout)")
        let json = try debwork(["-J", "search", "--path", "doc/ev"], index: index)
        #expect(json.status == 0 && !json.stdout.unicodeScalars.contains(where: raw), "\(json.stdout)")
        #expect(json.stdout.contains("ev\\u009b2Jil\\u007f\\u0085\\u202etxt.exe\\u2066é"), "\(json.stdout)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let hits = try #require(document["hits"] as? [[String: Any]])
        #expect(hits.contains { $0["path"] as? String == "/usr/share/doc/" + name })
    }

    @Test func anInterruptedSourceComparisonLeavesNoSpool() throws {
        guard Fixtures.hasTool("dpkg-source") else { return }
        let scratch = try TemporaryDirectory()
        let tree = scratch.appending("big-1.0")
        try FileManager.default.createDirectory(atPath: tree + "/debian/source", withIntermediateDirectories: true)
        var generator = SplitMix64(seed: 9)
        let words = (0..<(48 << 20) / 8).map { _ in generator.next() }
        try words.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: tree + "/blob"))
        try "big (1.0) unstable; urgency=low\n\n  * x\n\n -- A <a@example.org>  Mon, 01 Jan 2024 00:00:00 +0000\n"
            .write(toFile: tree + "/debian/changelog", atomically: true, encoding: .utf8)
        try "Source: big\nMaintainer: A <a@example.org>\n\nPackage: big\nArchitecture: all\nDescription: x\n y\n"
            .write(toFile: tree + "/debian/control", atomically: true, encoding: .utf8)
        try "3.0 (native)\n".write(toFile: tree + "/debian/source/format", atomically: true, encoding: .utf8)
        #expect(try runCommand("dpkg-source", ["-Zgzip", "-z1", "-b", "big-1.0"], directory: scratch.path).status == 0)
        try FileManager.default.createDirectory(atPath: scratch.appending("b"), withIntermediateDirectories: true)
        for name in ["big_1.0.dsc", "big_1.0.tar.gz"] { _ = try scratch.copy(scratch.appending(name), as: "b/" + name) }
        let temporary = scratch.appending("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        for signal in [SIGTERM, SIGINT] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Fixtures.debworkBinary)
            process.arguments = ["debdiff", "--no-index", scratch.appending("big_1.0.dsc"), scratch.appending("b/big_1.0.dsc")]
            process.environment = ["TMPDIR": temporary, "PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until the spools exist, then interrupt.
            for _ in 0..<400 where (try FileManager.default.contentsOfDirectory(atPath: temporary)).isEmpty { usleep(5_000) }
            usleep(100_000)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, "signal \(signal)")
        }
    }

    /// Runs debwork, killing it after 30 s: a hang is a failure, not a stuck test run.
    func runWithTimeout(_ arguments: [String], index: String) throws -> CommandResult {
        let result = try runCommand("timeout", ["-k", "5", "30", Fixtures.debworkBinary] + arguments,
                                    environment: ["DEBWORK_INDEX": index, "XDG_CACHE_HOME": "/nonexistent"])
        #expect(result.status != 124 && result.status != 137, "hang: debwork \(arguments)")
        return result
    }
}
