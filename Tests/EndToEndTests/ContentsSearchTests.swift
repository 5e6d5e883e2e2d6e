import DebworkTestSupport
import Foundation
import Testing

/// `search --path`/`--path-regex` over a distribution's Contents file. The Contents file is written by the real
/// `apt-ftparchive contents` from .debs built by `dpkg-deb`; the oracle for which (package, path) pairs
/// match is `grep -F` over that file (substrings; the path is the line up to its last field), Python's
/// `fnmatch.fnmatchcase` (globs) and `re.search` (regular expressions) over its paths.
@Suite(.serialized) struct ContentsSearchTests {
    /// A repository tree whose `dists/dw/main/Contents-amd64.gz` lists three packages' files (the .debs
    /// themselves are kept outside the tree), and the plain Contents text.
    struct Tree {
        let scratch: TemporaryDirectory
        let debs: TemporaryDirectory
        let root: String
        let contents: String
        let index: String
    }

    static func makeTree() throws -> Tree {
        let scratch = try TemporaryDirectory()
        let debs = try TemporaryDirectory()
        func control(_ name: String) -> [String: String] {
            ["control": "Package: \(name)\nVersion: 1.0-1\nArchitecture: amd64\nMaintainer: T <t@example.invalid>\nDescription: t\n"]
        }
        try DebBuilder.build(in: debs, name: "dwa", control: control("dwa"), files: [
            "usr/bin/dwa": "a", "usr/share/doc/a b/READ ME": "spaces", "etc/dwa/dwa.conf": "x=1"])
        try DebBuilder.build(in: debs, name: "dwb", control: control("dwb"), files: [
            "usr/bin/dwb": "b", "usr/lib/x86_64-linux-gnu/libdw.so.1": "elf", "usr/share/doc/a b/READ ME": "spaces"])
        try DebBuilder.build(in: debs, name: "dwc", control: control("dwc"), files: [
            "usr/sbin/dwcd": "c", "usr/lib/systemd/system/dwc.timer": "[Timer]", "usr/share/dwc/bin/helper": "h"])
        let generated = try runCommand("apt-ftparchive", ["contents", debs.path])
        guard generated.status == 0 else { throw TestSupportError("apt-ftparchive contents: \(generated.stderr)") }
        let root = scratch.appending("repo")
        try scratch.write("repo/dists/dw/Release", "Codename: dw\nComponents: main\nArchitectures: amd64\n")
        let plain = try scratch.write("repo/dists/dw/main/Contents-amd64", generated.stdout)
        #expect(try runCommand("gzip", ["-n", plain]).status == 0)
        return Tree(scratch: scratch, debs: debs, root: root, contents: generated.stdout, index: scratch.appending("i.sqlite"))
    }

    static func hits(_ arguments: [String], index: String) throws -> [[String: Any]] {
        let result = try debwork(["-J", "search"] + arguments, index: index)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? Int == 1)
        return try #require(document["hits"] as? [[String: Any]])
    }

    static func pairs(_ hits: [[String: Any]], kind: String = "contents") -> Set<String> {
        Set(hits.filter { $0["kind"] as? String == kind }.map { "\($0["package"] ?? ""): \($0["path"] ?? "")" })
    }

    /// The (package, path) pairs of Contents lines: the path is everything before the last blank run.
    static func oraclePairs(_ lines: some Sequence<Substring>) -> Set<String> {
        var pairs: Set<String> = []
        for line in lines {
            guard let blank = line.lastIndex(where: { $0 == " " || $0 == "\t" }) else { continue }
            let path = "/" + line[..<blank].trimmingCharacters(in: .whitespaces)
            for package in line[line.index(after: blank)...].split(separator: ",") {
                pairs.insert("\(package.split(separator: "/").last ?? package): \(path)")
            }
        }
        return pairs
    }

    @Test func hitsAgreeWithGrepFnmatchAndPython() throws {
        let tree = try Self.makeTree()
        let indexed = try debwork(["index", tree.root], index: tree.index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        // The names' trigram index merges 8 segments of a level at a time (docs/BENCHMARKS.md, "Tenth session").
        let automerge = try runCommand("sqlite3", [tree.index, "SELECT v FROM contents_name_fts_config WHERE k = 'automerge'"])
        #expect(automerge.stdout == "8\n", "\(automerge.stdout)\(automerge.stderr)")
        let plain = tree.scratch.appending("plain-Contents")
        try tree.contents.write(toFile: plain, atomically: true, encoding: .utf8)

        for substring in ["bin/dw", "a b/RE", "libdw", "/usr/", "dwa.conf", "b/READ", "r/b", "E", "/etc/dwa/dwa.conf", "system/dwc.t"] {
            // Contents paths have no leading `/`: grep for the text without it, then check the path exactly.
            let grep = try runCommand("grep", ["-F", "--", String(substring.drop { $0 == "/" }), plain])
            // grep also finds the text in the package column: keep the lines whose path holds it.
            let lines = grep.stdout.split(separator: "\n").filter { (line: Substring) -> Bool in
                guard let blank = line.lastIndex(where: { $0 == " " || $0 == "\t" }) else { return false }
                let path: String = "/" + String(line[..<blank])
                return path.contains(substring)
            }
            let expected = Self.oraclePairs(lines)
            #expect(!expected.isEmpty, "\(substring)")
            let found = Self.pairs(try Self.hits(["--path", substring], index: tree.index))
            #expect(found == expected, "\(substring): \(found.symmetricDifference(expected).sorted())")
        }

        let all = Self.oraclePairs(tree.contents.split(separator: "\n"))
        let paths = all.map { String($0.split(separator: ": ", maxSplits: 1)[1]) }
        func python(_ test: String, _ pattern: String) throws -> Set<String> {
            let script = "import json, re, sys, fnmatch\npattern = sys.argv[1]\n"
                + "print(json.dumps([bool(\(test)) for p in json.load(sys.stdin)]))"
            let oracle = try runCommand("python3", ["-c", script, pattern],
                                        input: String(decoding: try JSONSerialization.data(withJSONObject: paths), as: UTF8.self))
            let matches = try #require(try JSONSerialization.jsonObject(with: Data(oracle.stdout.utf8)) as? [Bool])
            return Set(zip(all, matches).filter(\.1).map(\.0))
        }
        for glob in ["/usr/bin/dw?", "*/systemd/system/*.timer", "/usr/lib/*/libdw.so.*", "*READ ME", "/usr/*/bin/*",
                     "*.conf", "*.timer", "*dw?.conf",
                     // A name holding the literal without ending with it (`dwa.conf` for `*dwa`) is not a hit.
                     "*dwa", "*wa.conf"] {
            let expected = try python("fnmatch.fnmatchcase(p, pattern)", glob)
            #expect(!expected.isEmpty, "\(glob)")
            let found = Self.pairs(try Self.hits(["--path", glob], index: tree.index))
            #expect(found == expected, "\(glob): \(found.symmetricDifference(expected).sorted())")
        }
        for regex in ["^/usr/s?bin/dw[a-c]d?$", "\\.(conf|timer)$", "a b/", "lib[a-z]+\\.so", ".*", "/usr/(s?bin|lib)/dw",
                      "\\.timer$|^/usr/bin/dwa$", "x|dwb"] {
            let expected = try python("re.search(pattern, p)", regex)
            let found = Self.pairs(try Self.hits(["--path-regex", regex], index: tree.index))
            #expect(found == expected, "\(regex): \(found.symmetricDifference(expected).sorted())")
        }

        // Where a hit comes from, in the JSON and the text; --limit and --distribution.
        let hit = try #require(try Self.hits(["--path", "/usr/bin/dwa"], index: tree.index).first)
        #expect(hit["distribution"] as? String == "dw" && hit["component"] as? String == "main")
        #expect(hit["architecture"] as? String == "amd64" && hit["artifact"] as? String == "dists/dw/main/Contents-amd64.gz")
        let text = try debwork(["search", "--path", "/usr/bin/dwa"], index: tree.index)
        #expect(text.stdout == "dwa: /usr/bin/dwa  -  amd64  repositories  dists/dw/main/Contents-amd64.gz\n", "\(text.stdout)")
        #expect(try Self.hits(["--path", "/usr/", "--limit", "2"], index: tree.index).count == 2)
        // A limit keeps the first hits of the whole listing (kept while the rows stream by), through the trigram
        // indexes and through a scan of every entry alike.
        func listed(_ arguments: [String]) throws -> [String] {
            try Self.hits(arguments, index: tree.index).map { "\($0["package"] ?? "") \($0["path"] ?? "") \($0["artifact"] ?? "")" }
        }
        for arguments in [["--path", "*"], ["--path-regex", ".*"], ["--path", "/usr/"], ["--path", "*dw*"]] {
            let whole = try listed(arguments)
            #expect(whole.count > 3, "\(arguments)")
            for limit in [1, 2, 3, 7, 1000] {
                #expect(try listed(arguments + ["--limit", "\(limit)"]) == Array(whole.prefix(limit)), "\(arguments) --limit \(limit)")
            }
        }
        try Self.expectSpilledListingsAsHeld(index: tree.index)
        // /usr/bin/dwa, /usr/bin/dwb, /usr/sbin/dwcd
        #expect(try Self.hits(["--path", "bin/dw", "--distribution", "dw"], index: tree.index).count == 3)
        let unknown = try debwork(["search", "--path", "bin/dw", "--distribution", "nosuch"], index: tree.index)
        #expect(unknown.stderr.hasPrefix("E: no distribution 'nosuch'"), "\(unknown.stderr)")
    }

    /// More Contents hits than a query holds (`DEBWORK_HELD_HITS=2`: runs of two hits sorted on a temporary file, merged
    /// as the listing is printed) give the bytes the held listing gives, text and JSON, cut at any limit (at most
    /// the run length: the heap; above it: cut while merging); without a temporary directory, held.
    static func expectSpilledListingsAsHeld(index: String, queries: [[String]] = [["--path", "*"], ["--path-regex", ".*"], ["--path", "/usr/"],
                                                                                    ["--path", "*dw*"], ["--path", "READ"]]) throws {
        for arguments in queries {
            for form in [["search"], ["-J", "search"]] {
                for limit in [[], ["--limit", "1"], ["--limit", "3"], ["--limit", "1000"]] {
                    let held = try debwork(form + arguments + limit, index: index)
                    let spilled = try debwork(form + arguments + limit, index: index, environment: ["DEBWORK_HELD_HITS": "2"])
                    #expect(held.status == 0 && !held.stdout.isEmpty, "\(form + arguments + limit): \(held.stderr)")
                    #expect(spilled.status == held.status && spilled.stdout == held.stdout && spilled.stderr == held.stderr,
                            "\(form + arguments + limit): \(spilled.stdout) against \(held.stdout)")
                    // No temporary directory to write runs in: the listing is held, the same bytes.
                    let nowhere = try debwork(form + arguments + limit, index: index,
                                              environment: ["DEBWORK_HELD_HITS": "2", "TMPDIR": "/nonexistent/debwork-test"])
                    #expect(nowhere.status == held.status && nowhere.stdout == held.stdout, "\(form + arguments + limit): \(nowhere.stderr)")
                    // The candidates read on the search's own connection (a scan reads them on a second one, on
                    // another thread): the same bytes, held or spilled.
                    for runLength in ["40000", "2"] {
                        let oneReader = try debwork(form + arguments + limit, index: index,
                                                    environment: ["DEBWORK_READERS": "1", "DEBWORK_HELD_HITS": runLength])
                        #expect(oneReader.status == 0 && oneReader.stdout == held.stdout,
                                "\(form + arguments + limit), one reader, runs of \(runLength): \(oneReader.stderr)")
                    }
                }
            }
        }
    }

    /// An index in WAL mode (as while an `index` run writes) is read on one connection: a second could see a newer
    /// commit than the first. The listings are those of one reader, and of the index back in rollback mode.
    @Test func aWALIndexIsReadOnOneConnection() throws {
        let tree = try Self.makeTree()
        #expect(try debwork(["index", tree.root], index: tree.index).status == 0)
        let queries = [["--path-regex", ".*"], ["--path", "*"], ["--path", ".conf"]]
        let before = try queries.map { try debwork(["search"] + $0, index: tree.index) }
        let wal = try runCommand("sqlite3", [tree.index, "PRAGMA journal_mode = WAL"])
        #expect(wal.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "wal", "\(wal.stderr)")
        for (query, expected) in zip(queries, before) {
            #expect(expected.status == 0 && !expected.stdout.isEmpty, "\(query): \(expected.stderr)")
            for environment in [[:], ["DEBWORK_READERS": "1"], ["DEBWORK_HELD_HITS": "2"]] {
                let found = try debwork(["search"] + query, index: tree.index, environment: environment)
                #expect(found.status == 0 && found.stdout == expected.stdout, "\(query) \(environment): \(found.stderr)")
            }
        }
    }

    /// A package whose .deb is indexed answers from its own file list: no Contents hit for it.
    @Test func anIndexedDebReplacesItsContentsLines() throws {
        let tree = try Self.makeTree()
        let pool = tree.scratch.appending("repo/pool/main/d/dwa")
        try FileManager.default.createDirectory(atPath: pool, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: tree.debs.appending("dwa.deb"), toPath: pool + "/dwa_1.0-1_amd64.deb")
        #expect(try debwork(["index", tree.root], index: tree.index).status == 0)
        let found = try Self.hits(["--path", "READ ME"], index: tree.index)
        #expect(Self.pairs(found, kind: "binary") == ["dwa: /usr/share/doc/a b/READ ME"])
        #expect(Self.pairs(found) == ["dwb: /usr/share/doc/a b/READ ME"])
        #expect(found.count == 2)
        // The binary hits lead a spilled listing as they lead a held one.
        try Self.expectSpilledListingsAsHeld(index: tree.index)
    }

    /// A Contents line holding a NUL byte is refused (no path holds one: the trigram index and SQLite's GLOB would read
    /// it only up to the NUL): a warning naming the file and line, the other lines indexed, and no search form finds it.
    @Test func aLineWithANULIsRefused() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("repo/dists/dw/Release", "Codename: dw\nComponents: main\nArchitectures: amd64\n")
        try scratch.write("repo/dists/dw/main/Contents-amd64",
                          "usr/share/applications/a\u{0}b.desktop x11/nul\nusr/share/applications/ok.desktop x11/ok\n")
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", scratch.appending("repo")], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stderr.contains("Contents-amd64") && indexed.stderr.contains("NUL"), "\(indexed.stderr)")
        for pattern in [".desktop", "b.desktop", "*.desktop", "*.deskto[p]", "*b.desktop", "*p"] {
            let expected: Set<String> = pattern.contains("b.") ? [] : ["ok: /usr/share/applications/ok.desktop"]
            #expect(Self.pairs(try Self.hits(["--path", pattern], index: index)) == expected, "\(pattern)")
        }
        #expect(Self.pairs(try Self.hits(["--path-regex", "\\.desktop$"], index: index)) == ["ok: /usr/share/applications/ok.desktop"])
    }

    /// A literal that straddles a `/` is searched from either side: the names starting with the tail lead when
    /// they have fewer than 5,000 entries, else the directories ending with the head; the names are given to
    /// SQLite as runs of ids, one per extension and Contents file that added some. Two Contents files here, 40
    /// extensions of `ls` (more runs than the 32 that once were the most), one name with 5,001 entries
    /// (`__init__.py`, so the directories lead), checked against `grep -F`.
    @Test func straddlingLiteralsFromEitherSide() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("repo/dists/dw/Release", "Codename: dw\nComponents: main\nArchitectures: amd64 all\n")
        var amd64 = (0...5000).map { "usr/lib/python3/dist-packages/pkg\($0)/__init__.py python/py\($0 % 97)\n" }
        amd64 += ["usr/bin/ls utils/coreutils\n", "usr/bin/lsblk admin/util-linux\n", "usr/sbin/lsof-x admin/lsof\n"]
        amd64 += (0..<40).map { "usr/\($0 % 2 == 0 ? "bin" : "lib")/ls\($0).e\($0) misc/ext\($0)\n" }
        let all = ["usr/share/x/__init__.pyi python/pyi\n", "usr/share/pkg7/__init__.pyc python/pyc\n", "usr/bin/lsusb utils/usbutils\n",
                   "usr/share/man/man1/ls.1.gz utils/coreutils\n", "usr/lib/pkg7/__init__.py python/odd\n"]
        try scratch.write("repo/dists/dw/main/Contents-amd64", amd64.joined())
        try scratch.write("repo/dists/dw/main/Contents-all", all.joined())
        let plain = try scratch.write("plain-Contents", (amd64 + all).joined())
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", scratch.appending("repo")], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        for substring in ["pkg7/__init__.py", "x/__init__", "dist-packages/pkg4999/__init__", "bin/ls", "bin/l", "n1/ls.1", "/ls1", "lib/ls3",
                          "pkg7/__init__.py", "/usr/lib/pkg7/__init__.py", "s/pkg1", "bin/nosuch", "/usr/share/pkg7/__init__.pyc"] {
            let grep = try runCommand("grep", ["-F", "--", String(substring.drop { $0 == "/" }), plain])
            let lines = grep.stdout.split(separator: "\n").filter { (line: Substring) -> Bool in
                guard let blank = line.lastIndex(of: " ") else { return false }
                let path: String = "/" + String(line[..<blank])
                return path.contains(substring)
            }
            let expected = Self.oraclePairs(lines)
            let found = Self.pairs(try Self.hits(["--path", substring], index: index))
            #expect(found == expected, "\(substring): \(found.symmetricDifference(expected).sorted())")
        }
        #expect(Self.pairs(try Self.hits(["--path", "pkg7/__init__.py"], index: index)).count == 3)
        // `s/pkg1` (1,111 lines) names all 97 packages: their names are read by one statement (32 or more at once).
        #expect(Set(try Self.hits(["--path", "s/pkg1"], index: index).compactMap { $0["package"] as? String }).count == 97)
    }

    /// An unchanged Contents file is not read again; a changed one is read alone.
    @Test func reindexReadsOnlyChangedContents() throws {
        let tree = try Self.makeTree()
        try tree.scratch.write("repo/dists/other/Release", "Codename: other\nComponents: main\nArchitectures: amd64\n")
        let other = try tree.scratch.write("repo/dists/other/main/Contents-amd64", "usr/bin/other  utils/other\n")
        #expect(try debwork(["index", tree.root], index: tree.index).status == 0)
        let again = try debwork(["index", tree.root], index: tree.index)
        #expect(again.stdout.hasPrefix("0 new, 0 updated, 4 unchanged"), "\(again.stdout)")
        try "usr/bin/other  utils/other\nusr/bin/other2  utils/other\n".write(toFile: other, atomically: true, encoding: .utf8)
        let changed = try debwork(["index", tree.root], index: tree.index)
        #expect(changed.stdout.hasPrefix("0 new, 1 updated, 3 unchanged"), "\(changed.stdout)")
        #expect(Self.pairs(try Self.hits(["--path", "bin/other"], index: tree.index)) == ["other: /usr/bin/other", "other: /usr/bin/other2"])
        #expect(Self.pairs(try Self.hits(["--path", "bin/dw", "--distribution", "dw"], index: tree.index)).count == 3)
    }

    /// A Contents file that cannot be read while it is written (truncated xz, gzip or zstd; not the format its name
    /// says; a decompression bomb takes the same path, too slow to build in a debug test) is one `E:` line naming it
    /// and fails alone: the other files of the run are written,
    /// on a fresh index and on one that already holds them.
    @Test func anUnreadableContentsFileFailsAlone() throws {
        let tree = try Self.makeTree()
        let whole = try Data(contentsOf: URL(fileURLWithPath: tree.root + "/dists/dw/main/Contents-amd64.gz"))
        var lines = ""
        for number in 0..<20_000 { lines += "usr/bin/e\(number)  utils/e\(number)\n" }
        let plain = try tree.scratch.write("lines", lines)
        var broken: [String] = []
        for (suite, compress, suffix) in [("x", "xz -c", "xz"), ("g", "gzip -nc", "gz"), ("z", "zstd -qc", "zst")] {
            try tree.scratch.write("repo/dists/\(suite)/Release", "Codename: \(suite)\nComponents: main\nArchitectures: amd64\n")
            let path = tree.root + "/dists/\(suite)/main/Contents-amd64.\(suffix)"
            #expect(try runCommand("sh", ["-c", "mkdir -p \"$(dirname '\(path)')\" && \(compress) '\(plain)' | head -c 3000 > '\(path)'"]).status == 0)
            broken.append(path)
        }
        try tree.scratch.write("repo/dists/n/Release", "Codename: n\nComponents: main\nArchitectures: amd64\n")
        broken.append(try tree.scratch.write("repo/dists/n/main/Contents-amd64.xz", [UInt8](whole)))
        let indexed = try debwork(["index", tree.root], index: tree.index)
        #expect(indexed.status == 1)
        #expect(indexed.stdout.contains("\(broken.count) failed"), "\(indexed.stdout)")
        for path in broken { #expect(indexed.stderr.contains("E: \(path): "), "\(path): \(indexed.stderr)") }
        #expect(!indexed.stderr.contains("E: \(tree.index)"), "\(indexed.stderr)")
        #expect(Self.pairs(try Self.hits(["--path", "bin/dw"], index: tree.index)).count == 3)
        #expect(Self.pairs(try Self.hits(["--path", "bin/e1"], index: tree.index)).isEmpty)

        // The good suite changes while the broken files stay: the change is written.
        try FileManager.default.removeItem(atPath: tree.root + "/dists/dw/main/Contents-amd64.gz")
        try tree.scratch.write("repo/dists/dw/main/Contents-amd64", "usr/bin/dwnew  utils/dwa\n")
        let again = try debwork(["index", tree.root], index: tree.index)
        #expect(again.status == 1 && again.stdout.contains("\(broken.count) failed"), "\(again.stdout)")
        #expect(Self.pairs(try Self.hits(["--path", "bin/dw"], index: tree.index)) == ["dwa: /usr/bin/dwnew"])
    }

    /// A component of two parts (Debian security's `updates/main`) has its Contents files read, vouched for by the
    /// Release's checksums like any other; its hits name that component.
    @Test func aTwoPartComponentHasItsContentsRead() throws {
        let scratch = try TemporaryDirectory()
        let contents = try scratch.write("repo/dists/sec/updates/main/Contents-amd64", "usr/bin/upd  utils/upd\n")
        let digest = try runCommand("sha256sum", [contents]).stdout.prefix(64)
        try scratch.write("repo/dists/sec/Release", "Codename: sec\nComponents: updates/main\nArchitectures: amd64\n"
                          + "SHA256:\n \(digest) 23 updates/main/Contents-amd64\n")
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", scratch.appending("repo")], index: index)
        #expect(indexed.status == 0 && !indexed.stderr.contains("Contents"), "\(indexed.stderr)")
        let hits = try Self.hits(["--path", "/usr/bin/upd"], index: index)
        #expect(Self.pairs(hits) == ["upd: /usr/bin/upd"])
        #expect(hits.first?["component"] as? String == "updates/main")
        #expect(hits.first?["artifact"] as? String == "dists/sec/updates/main/Contents-amd64")

        // Debian security's own layout: the files under `main/`, `updates` a link to the distribution's folder. Each
        // Contents file is read once.
        let linked = try TemporaryDirectory()
        try linked.write("repo/dists/sec/main/Contents-amd64", "usr/bin/upd  utils/upd\n")
        try linked.write("repo/dists/sec/Release", "Codename: sec\nComponents: updates/main\nArchitectures: amd64\n")
        try FileManager.default.createSymbolicLink(atPath: linked.appending("repo/dists/sec/updates"), withDestinationPath: ".")
        let linkedIndex = linked.appending("i.sqlite")
        #expect(try debwork(["index", linked.appending("repo")], index: linkedIndex).status == 0)
        let once = try Self.hits(["--path", "/usr/bin/upd"], index: linkedIndex)
        #expect(once.count == 1 && once.first?["artifact"] as? String == "dists/sec/main/Contents-amd64", "\(once)")
    }

    /// A Contents file under a distribution folder no Release could name (a control byte in it) is refused with its
    /// Release, not listed under that name.
    @Test func aContentsFileOfAnInvalidDistributionFolderIsRefused() throws {
        let scratch = try TemporaryDirectory()
        let contents = try scratch.write("repo/dists/g\u{07}ood/main/Contents-amd64", "usr/bin/foo  misc/foo\n")
        try scratch.write("repo/dists/g\u{07}ood/Release", "Codename: good\nComponents: main\nArchitectures: amd64\n")
        let index = scratch.appending("i.sqlite")
        let result = try debwork(["index", scratch.appending("repo")], index: index)
        #expect(result.status == 1)
        let shown = contents.replacingOccurrences(of: "\u{07}", with: "\\x07")
        #expect(result.stderr.contains("E: \(shown): the distribution folder 'g\\x07ood' is not a valid distribution name"),
                "\(result.stderr)")
        #expect(Self.pairs(try Self.hits(["--path", "/usr/bin/foo"], index: index)).isEmpty)
    }

    /// A regular expression that backtracks catastrophically on a path (`(a+)+$` on forty `a`s: hours in Swift's
    /// `Regex`) ends the call at PCRE2's step limit, with one `E:` line naming it (escaped) and status 1; in `--where` too.
    @Test func aRunawayRegularExpressionIsStopped() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("repo/dists/dw/Release", "Codename: dw\nComponents: main\nArchitectures: amd64\n")
        try scratch.write("repo/dists/dw/main/Contents-amd64", "usr/share/\(String(repeating: "a", count: 40))X  utils/p\n")
        try scratch.write("repo/dists/dw/main/binary-amd64/Packages",
                          "Package: pp\nVersion: 1\nArchitecture: amd64\nFilename: pool/pp.deb\nDescription: \(String(repeating: "a", count: 40))X\n")
        let index = scratch.appending("i.sqlite")
        #expect(try debwork(["index", scratch.appending("repo")], index: index).status == 0)
        for arguments in [["--path-regex", "(a+)+$\u{1B}?"], ["--where", "Description (~ '(a+)+$\u{1B}?')"]] {
            let started = Date()
            let result = try debwork(["search"] + arguments, index: index)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr == "E: the regular expression '(a+)+$\\e?' needs more than 10000000 backtracking steps "
                + "on one value (catastrophic backtracking?); stopped\n", "\(result.stderr)")
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }

    /// Malformed lines are counted in one warning for the file; control bytes in paths are escaped.
    @Test func hostileLinesWarnAndAreEscaped() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("repo/dists/h/Release", "Codename: h\nComponents: main\nArchitectures: amd64\n")
        let bytes = Array("usr/bin/ok  utils/ok\nnopackagecolumn\nusr/bin/\u{1B}]0;pwned\u{07}x  utils/evil\nusr/bin/dir/  utils/d\n".utf8)
            + [0x75, 0xFF, 0x20, 0x20, 0x78, 0x0A] + Array(repeating: 0x61, count: 70_000)
        let path = try scratch.write("repo/dists/h/main/Contents-amd64", bytes)
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", scratch.appending("repo")], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stderr.contains("W: \(path): 4 malformed Contents lines skipped (line 2: no package column"), "\(indexed.stderr)")
        let text = try debwork(["search", "--path", "usr/bin/"], index: index)
        #expect(!text.stdout.contains("\u{1B}") && text.stdout.contains("evil: /usr/bin/\\e]0;pwned\\x07x"), "\(text.stdout)")
        // Escaped paths are measured as escaped when the listing is spilled too.
        try Self.expectSpilledListingsAsHeld(index: index, queries: [["--path", "usr/bin/"], ["--path", "*"], ["--path-regex", "."]])
    }

    /// A Contents file its Release lists is read only with the size and SHA-256 listed (as Packages and
    /// Sources are): a changed one is one `E:` line naming it and leaves no lines behind; one a Release with
    /// checksums does not list is read with a warning.
    @Test func releaseChecksumsVouchForContents() throws {
        let tree = try Self.makeTree()
        let contents = tree.root + "/dists/dw/main/Contents-amd64.gz"
        func listing(_ path: String) throws -> String {
            let digest = try runCommand("sha256sum", [path]).stdout.split(separator: " ").first.map(String.init) ?? ""
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            return " \(digest) \(size) main/Contents-amd64.gz\n"
        }
        let header = "Codename: dw\nComponents: main\nArchitectures: amd64\nSHA256:\n"
        try tree.scratch.write("repo/dists/dw/Release", header + (try listing(contents)))
        let indexed = try debwork(["index", tree.root], index: tree.index)
        #expect(indexed.status == 0 && !indexed.stderr.contains(contents), "\(indexed.stderr)")
        #expect(!Self.pairs(try Self.hits(["--path", "bin/dw"], index: tree.index)).isEmpty)

        // The Release changes while the Contents file stays: the file is checked against the new Release, and the
        // index answers as one made afresh (nothing), then again once the Release vouches for it.
        let vouching = header + (try listing(contents))
        try tree.scratch.write("repo/dists/dw/Release", header + " \(String(repeating: "0", count: 64)) 1 main/Contents-amd64.gz\n")
        let disowned = try debwork(["index", tree.root], index: tree.index)
        #expect(disowned.status != 0 && disowned.stderr.contains("E: \(contents): does not match its SHA256 entry"), "\(disowned.stderr)")
        #expect(Self.pairs(try Self.hits(["--path", "bin/dw"], index: tree.index)).isEmpty)
        try tree.scratch.write("repo/dists/dw/Release", vouching)
        #expect(try debwork(["index", tree.root], index: tree.index).status == 0)
        #expect(!Self.pairs(try Self.hits(["--path", "bin/dw"], index: tree.index)).isEmpty)

        // The Contents file changes behind the Release's back.
        let plain = tree.scratch.appending("evil")
        try (tree.contents + "usr/bin/evil  utils/dwa\n").write(toFile: plain, atomically: true, encoding: .utf8)
        #expect(try runCommand("sh", ["-c", "gzip -nc '\(plain)' > '\(contents)'"]).status == 0)
        let tampered = try debwork(["index", tree.root], index: tree.index)
        #expect(tampered.status != 0)
        #expect(tampered.stderr.contains("E: \(contents): does not match its SHA256 entry in '\(tree.root)/dists/dw/Release'"), "\(tampered.stderr)")
        #expect(Self.pairs(try Self.hits(["--path", "bin/"], index: tree.index)).isEmpty)

        // A Release with checksums that do not name it: read, with a warning.
        try tree.scratch.write("repo/dists/dw/Release", header + " \(String(repeating: "0", count: 64)) 1 main/Packages\n")
        let unlisted = try debwork(["index", tree.root], index: tree.index)
        #expect(unlisted.stderr.contains("W: \(contents): '\(tree.root)/dists/dw/Release' does not list it"), "\(unlisted.stderr)")
        #expect(Self.pairs(try Self.hits(["--path", "bin/evil"], index: tree.index)) == ["dwa: /usr/bin/evil"])
    }
}
