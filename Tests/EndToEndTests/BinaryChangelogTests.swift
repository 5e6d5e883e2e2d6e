import DebworkTestSupport
import Foundation
import Testing

/// A binary package's `changelog.Debian.gz` (and `NEWS.Debian.gz`) is searchable: a CVE named only in a
/// binary-only version's changelog is found. Packages are rebuilt with the real `dpkg-deb`.
@Suite struct BinaryChangelogTests {
    /// `dwhello_1.0-2_amd64.deb` with `extra` on top of its changelog, as a binNMU-style rebuild `version`.
    func rebuild(_ scratch: TemporaryDirectory, version: String, top: String, compressed: ((String) throws -> Void)? = nil) throws -> String {
        let tree = scratch.appending("tree-\(version)")
        #expect(try runCommand("dpkg-deb", ["-R", Fixtures.path("packages/dwhello_1.0-2_amd64.deb"), tree]).status == 0)
        let changelog = tree + "/usr/share/doc/dwhello/changelog.Debian.gz"
        if let compressed {
            try compressed(changelog)
        } else {
            let old = try runCommand("sh", ["-c", "gzip -dc '\(changelog)'"]).stdout
            try (top + "\n" + old).write(toFile: tree + "/cl", atomically: true, encoding: .utf8)
            #expect(try runCommand("sh", ["-c", "gzip -9n -c '\(tree)/cl' > '\(changelog)' && rm '\(tree)/cl'"]).status == 0)
        }
        // The md5sums must stay true: recompute it as dh_md5sums would.
        #expect(try runCommand("sh", ["-c", "cd '\(tree)' && find usr -type f | sort | xargs md5sum > DEBIAN/md5sums"]).status == 0)
        let control = try String(contentsOfFile: tree + "/DEBIAN/control", encoding: .utf8)
        try control.replacingOccurrences(of: "Version: 1.0-2", with: "Version: \(version)")
            .write(toFile: tree + "/DEBIAN/control", atomically: true, encoding: .utf8)
        let deb = scratch.appending("dwhello_\(version)_amd64.deb")
        let built = try runCommand("dpkg-deb", ["--root-owner-group", "-b", tree, deb])
        #expect(built.status == 0, "\(built.stderr)")
        return deb
    }

    /// A binary-only (binNMU) changelog entry of dwhello naming `change`.
    static func binNMUEntry(_ version: String, _ change: String) -> String {
        """
        dwhello (\(version)) bookworm-test-unstable; urgency=high, binary-only=yes

          * \(change)

         -- Debwork Fixtures <fixtures@debwork.invalid>  Tue, 01 Dec 2026 00:00:00 +0000

        """
    }

    /// The hits of `search -J --text term`.
    static func textHits(_ term: String, index: String) throws -> [[String: Any]] {
        let found = try debwork(["-J", "search", "--text", term], index: index)
        #expect(found.status == 0, "\(found.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
        return try #require(document["hits"] as? [[String: Any]])
    }

    @Test func aCVEInABinaryOnlyChangelogIsFound() throws {
        let scratch = try TemporaryDirectory()
        let top = """
            dwhello (1.0-2+b1) bookworm-test-unstable; urgency=high, binary-only=yes

              * Binary-only non-maintainer upload for amd64; no source changes.
              * Rebuild against the fixed libfoo (CVE-2026-41234).

             -- Debwork Fixtures <fixtures@debwork.invalid>  Tue, 01 Dec 2026 00:00:00 +0000

            """
        _ = try rebuild(scratch, version: "1.0-2+b1", top: top)
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", scratch.path], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let found = try debwork(["-J", "search", "--text", "CVE-2026-41234"], index: index)
        #expect(found.status == 0, "\(found.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
        let hits = try #require(document["hits"] as? [[String: Any]])
        #expect(hits.map { $0["package"] as? String } == ["dwhello"], "\(found.stdout)")
        #expect(hits.first?["version"] as? String == "1.0-2+b1")
        #expect(hits.first?["kind"] as? String == "binary")
    }

    /// A binNMU built by debhelper keeps its entry in `changelog.Debian.<arch>.gz`, next to the unchanged shared
    /// changelog: that entry is searchable too, on top of the shared one's.
    @Test func aBinNMUChangelogOfItsOwnIsFound() throws {
        let scratch = try TemporaryDirectory()
        _ = try rebuild(scratch, version: "1.0-2+b4", top: "", compressed: { (path: String) throws in
            let folder = (path as NSString).deletingLastPathComponent
            try Self.binNMUEntry("1.0-2+b4", "Rebuild for CVE-2026-42424.").write(toFile: folder + "/binnmu", atomically: true, encoding: .utf8)
            #expect(try runCommand("sh", ["-c", "gzip -9n -c '\(folder)/binnmu' > '\(folder)/changelog.Debian.amd64.gz' && rm '\(folder)/binnmu'"]).status == 0)
        })
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", scratch.path], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        for term in ["CVE-2026-42424", "dwhello"] {
            let hits = try Self.textHits(term, index: index)
            #expect(hits.contains { $0["version"] as? String == "1.0-2+b4" && $0["kind"] as? String == "binary" }, "\(term): \(hits)")
        }
    }

    /// `--changelog-bytes 0` keeps no changelog text; a later run with another value reads every .deb again,
    /// though none changed, so the index always holds what its last setting says.
    @Test func changelogBytesDecidesWhatIsKept() throws {
        let scratch = try TemporaryDirectory()
        _ = try rebuild(scratch, version: "1.0-2+b5", top: Self.binNMUEntry("1.0-2+b5", "Rebuild for CVE-2026-43434."))
        let index = scratch.appending("i.sqlite")
        func hits() throws -> Int { try Self.textHits("CVE-2026-43434", index: index).count }
        #expect(try debwork(["index", "--changelog-bytes", "0", scratch.path], index: index).status == 0)
        #expect(try hits() == 0)
        let again = try debwork(["index", scratch.path], index: index)
        #expect(again.stdout.hasPrefix("0 new, 1 updated"), "\(again.stdout)")
        #expect(try hits() == 1)
        let unchanged = try debwork(["index", scratch.path], index: index)
        #expect(unchanged.stdout.hasPrefix("0 new, 0 updated, 1 unchanged"), "\(unchanged.stdout)")
        #expect(try debwork(["index", "--changelog-bytes", "-1", scratch.path], index: index).status == 64)
    }

    /// `show` prints a listed binary's own changelog top when it is not the source's (here a binNMU entry in the
    /// pool .deb's changelog.Debian.amd64.gz), in the text and under `x-debwork` in JSON; the others stay quiet.
    @Test func showPrintsABinarysOwnChangelogTop() throws {
        let scratch = try TemporaryDirectory()
        #expect(try runCommand("cp", ["-a", Fixtures.path("repo"), scratch.path]).status == 0)
        let deb = scratch.appending("repo/pool/main/d/dwhello/dwhello_1.0-2_amd64.deb")
        let script = """
            set -e
            cd '\(scratch.path)'
            dpkg-deb -R '\(deb)' t
            printf 'dwhello (1.0-2+b1) bookworm-test-unstable; urgency=low, binary-only=yes\\n\\n  * Rebuild for CVE-2026-44444.\\n\\n -- Debwork Fixtures <fixtures@debwork.invalid>  Tue, 01 Dec 2026 00:00:00 +0000\\n' \\
                | gzip -9n > t/usr/share/doc/dwhello/changelog.Debian.amd64.gz
            (cd t && find usr -type f | sort | xargs md5sum > DEBIAN/md5sums)
            dpkg-deb --root-owner-group -b t '\(deb)' >/dev/null
            rm -rf t
            """
        let rebuilt = try runCommand("sh", ["-c", script])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let index = scratch.appending("i.sqlite")
        #expect(try debwork(["index", scratch.appending("repo")], index: index).status == 0)
        let text = try debwork(["show", "dwhello"], index: index)
        #expect(text.stdout.contains("""
                changelog of dwhello 1.0-2 amd64: 1.0-2+b1 bookworm-test-unstable; urgency=low
                  * Rebuild for CVE-2026-44444.
                  -- Debwork Fixtures <fixtures@debwork.invalid>  Tue, 01 Dec 2026 00:00:00 +0000
            """), "\(text.stdout)")
        #expect(!text.stdout.contains("changelog of dwhello-doc"), "\(text.stdout)")
        let json = try debwork(["-J", "show", "dwhello"], index: index)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let testing = try #require((document["test"] as? [String: Any])?["bookworm-test-testing"] as? [String: Any])
        let binaries = try #require((testing["x-debwork"] as? [String: Any])?["binaries"] as? [[String: Any]])
        let own = binaries.first { $0["package"] as? String == "dwhello" }?["changelog"] as? [String: Any]
        #expect(own?["version"] as? String == "1.0-2+b1" && (own?["changes"] as? String)?.contains("CVE-2026-44444") == true, "\(binaries)")
        #expect(binaries.first { $0["package"] as? String == "dwhello-doc" }?["changelog"] == nil)
    }

    /// A changelog.Debian.gz that is a decompression bomb or not gzip at all costs a warning, never the package.
    @Test func badChangelogsAreWarningsOnly() throws {
        let scratch = try TemporaryDirectory()
        _ = try rebuild(scratch, version: "1.0-2+b2", top: "", compressed: { (path: String) throws in
            #expect(try runCommand("sh", ["-c", "head -c 100000000 /dev/zero | gzip -9 > '\(path)'"]).status == 0)
        })
        _ = try rebuild(scratch, version: "1.0-2+b3", top: "", compressed: { (path: String) throws in
            try "not gzip at all\n".write(toFile: path, atomically: true, encoding: .utf8)
        })
        let index = scratch.appending("i.sqlite")
        let indexed = try debwork(["index", scratch.path], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stderr.contains("changelog.Debian.gz"), "\(indexed.stderr)")
        let status = try debwork(["status", "-J"], index: index)
        #expect(status.stdout.contains("\"binaries\": 2"), "\(status.stdout)")
    }
}
