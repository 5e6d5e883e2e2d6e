import DebworkTestSupport
import Foundation
import Testing

/// `debwork debdiff` as a user runs it: devscripts' exit codes (0 same, 1 different, 2 trouble) and the index forms.
@Suite struct DebdiffCommandTests {
    static func p(_ name: String) -> String { Fixtures.path("packages/" + name) }

    static var index: String? { FixtureIndexFile.path }

    @Test func exitCodes() throws {
        let same = try debwork(["debdiff", Self.p("dwold_2.0-1_all.deb"), Self.p("dwold_2.0-1_all.deb")])
        #expect(same.status == 0)
        #expect(same.stdout.hasPrefix("File lists identical"))
        let quiet = try debwork(["debdiff", "-q", Self.p("dwold_2.0-1_all.deb"), Self.p("dwold_2.0-1_all.deb")])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty)
        let different = try debwork(["debdiff", Self.p("dwold_2.0-1_all.deb"), Self.p("dwold_2.0-2_all.deb")])
        #expect(different.status == 1)
        #expect(different.stdout.contains("Version: [-2.0-1-] {+2.0-2+}"))
    }

    @Test func troubleExitsTwoWithOneErrorLine() throws {
        let corrupt = try debwork(["debdiff", Fixtures.path("bad/truncated.deb"), Self.p("dwold_2.0-1_all.deb")])
        #expect(corrupt.status == 2)
        #expect(corrupt.stderr.hasPrefix("E: "))
        #expect(corrupt.stderr.contains("truncated.deb"))
        #expect(try debwork(["debdiff", Self.p("dwold_2.0-1_all.deb"), Self.p("dwold_2.0-1.dsc")]).status == 2)
        #expect(try debwork(["debdiff", "--bogus", "a.deb", "b.deb"]).status == 2)
    }

    /// Indexed packages are compared from the index (the same text); `--no-index` reads the archives; a
    /// named index that cannot be used gives one warning and the comparison still runs.
    @Test func binaryComparisonsUseTheIndex() throws {
        let index = try #require(Self.index)
        let pair = [Self.p("dwhello_1.0-1_amd64.deb"), Self.p("dwhello_1.1-1_amd64.deb")]
        let plain = try debwork(["debdiff"] + pair)
        let indexed = try debwork(["debdiff", "-J"] + pair, index: index)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(indexed.stdout.utf8)) as? [String: Any])
        #expect(object["from_index"] as? [String] == pair)
        #expect(try debwork(["debdiff"] + pair, index: index).stdout == plain.stdout)
        let archives = try debwork(["debdiff", "-J", "--no-index"] + pair, index: index)
        let read = try #require(try JSONSerialization.jsonObject(with: Data(archives.stdout.utf8)) as? [String: Any])
        #expect(read["from_index"] as? [String] == [])

        let scratch = try TemporaryDirectory()
        let notAnIndex = try scratch.write("index.sqlite", "not sqlite")
        let warned = try debwork(["debdiff"] + pair, index: notAnIndex)
        #expect(warned.status == 1)
        #expect(warned.stdout == plain.stdout)
        #expect(warned.stderr.hasPrefix("W: ") && warned.stderr.contains("reading the packages themselves"))
    }

    /// `--binaries SOURCE VA VB`: the packages built from two versions, found in the index (pool first) and
    /// compared as devscripts compares `--from … --to …` lists.
    @Test func binariesOfTwoVersionsFromTheIndex() throws {
        let index = try #require(Self.index)
        let listed = try debwork(["debdiff", "--binaries", "--dry-run", "dwhello", "1.0-1", "1.1-1"], index: index)
        #expect(listed.status == 0)
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6 && lines[0] == "--from" && lines[3] == "--to")
        #expect(lines[1].hasSuffix("/repo/pool/main/d/dwhello/dwhello_1.0-1_amd64.deb"))
        #expect(lines[5].hasSuffix("/repo/pool/main/d/dwhello/dwhello-doc_1.1-1_all.deb"))
        let ours = try debwork(["debdiff", "--binaries", "dwhello", "1.0-1", "1.1-1"], index: index)
        let theirs = try runCommand("debdiff", ["--from", Self.p("dwhello_1.0-1_amd64.deb"), Self.p("dwhello-doc_1.0-1_all.deb"),
                                                "--to", Self.p("dwhello_1.1-1_amd64.deb"), Self.p("dwhello-doc_1.1-1_all.deb")],
                                    environment: ["LC_ALL": "C"])
        #expect(ours.status == 1 && theirs.status == 1)
        #expect(ours.stdout == theirs.stdout)
        let repository = try debwork(["debdiff", "--binaries", "dwhello", "test", "-a", "1.0-1", "-b", "1.1-1"], index: index)
        #expect(repository.stdout == theirs.stdout)
        let missing = try debwork(["debdiff", "--binaries", "dwhello", "1.0-1", "9.9-1"], index: index)
        #expect(missing.status == 2 && missing.stderr.contains("no binary packages of source 'dwhello' version '9.9-1'"))
        #expect(try debwork(["debdiff", "--binaries", Self.p("dwold_2.0-1_all.deb"), Self.p("dwold_2.0-2_all.deb")]).status == 2)
    }

    @Test func jsonIsTheComparison() throws {
        let result = try debwork(["debdiff", "-J", Self.p("dwold_2.0-1_all.deb"), Self.p("dwold_2.0-2_all.deb")])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["identical"] as? Bool == false)
        let packages = try #require(object["packages"] as? [[String: Any]])
        let control = try #require(packages.first?["control"] as? [[String: Any]])
        #expect(control.contains { $0["field"] as? String == "Version" && $0["new"] as? String == "2.0-2" })
    }

    @Test func indexFormsResolveBothDscFiles() throws {
        let index = try #require(Self.index)
        let dry = try debwork(["debdiff", "--dry-run", "dwhello", "1.0-1", "1.1-1"], index: index)
        #expect(dry.status == 0)
        let lines = dry.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasSuffix("dwhello_1.0-1.dsc") == true)
        #expect(lines.last?.hasSuffix("dwhello_1.1-1.dsc") == true)
        #expect(lines.allSatisfy { $0.contains("/repo/pool/") })

        // The call reaches SourceDebdiff with both paths; whatever it answers, the resolution is in the error or output.
        let run = try debwork(["debdiff", "dwhello", "test", "-a", "1.0-1", "-b", "1.1-1"], index: index)
        if run.status >= 2 {
            #expect(run.stderr.contains("dwhello_1.0-1.dsc vs "))
            #expect(run.stderr.contains("dwhello_1.1-1.dsc"))
        } else {
            #expect(run.status == 1)
        }
        let missing = try debwork(["debdiff", "dwhello", "test", "-a", "1.0-1", "-b", "9.9-9"], index: index)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("'9.9-9'"))
    }
}

@Suite struct DebdiffShowModesTests {
    @Test func showModesAddsGitStyleModeLinesOnlyWhenAsked() throws {
        let old = Fixtures.path("packages/dwhello_1.0-2.dsc")
        let new = Fixtures.path("packages/dwhello_1.1-1.dsc")
        let plain = try debwork(["debdiff", old, new])
        #expect(plain.status == 1)
        #expect(!plain.stdout.contains("old mode"))
        let modes = try debwork(["debdiff", "--show-modes", old, new])
        #expect(modes.status == 1)
        #expect(modes.stdout.contains("diff -Nru dwhello-1.0/helper.sh dwhello-1.1/helper.sh\nold mode 100644\nnew mode 100755\n"))
    }
}
