import DebworkTestSupport
import Foundation
import Testing

/// A pool file whose content differs from the stanza listing it (a tampered or corrupted mirror) is indexed as it is
/// on disk and reported: one `W:` line naming the file, the distribution and component, and both SHA-256s, and a row
/// of `status`'s `pool_mismatches`. The Packages and Sources files and the Release are written by the real
/// `apt-ftparchive`; the expected and actual digests come from `sha256sum`.
@Suite(.serialized) struct PoolMismatchTests {
    /// A repository tree `repo/` with distribution `dw` (component main) and its index.
    struct Tree {
        let scratch: TemporaryDirectory
        var root: String { scratch.appending("repo") }
        var index: String { scratch.appending("i.sqlite") }
        static let deb = "pool/main/d/dwhello/dwhello_1.0-1_amd64.deb"
        static let dsc = "pool/main/d/dwnative/dwnative_0.3.dsc"

        init() throws {
            scratch = try TemporaryDirectory()
        }

        /// Copies fixture `packages/<fixture>` to `relative` below the root.
        func place(_ fixture: String, at relative: String) throws {
            let target = root + "/" + relative
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.copyItem(atPath: Fixtures.path("packages/" + fixture), toPath: target)
        }

        /// The source package `dwnative` (its .dsc and tarball) in the pool.
        func placeSource() throws {
            try place("dwnative_0.3.dsc", at: Self.dsc)
            try place("dwnative_0.3.tar.xz", at: "pool/main/d/dwnative/dwnative_0.3.tar.xz")
        }

        /// `dists/dw/main/{binary-amd64/Packages,source/Sources}` from the pool as it is now, then the Release.
        func writeIndices() throws {
            for (command, file) in [("packages", "binary-amd64/Packages"), ("sources", "source/Sources")] {
                let generated = try runCommand("apt-ftparchive", [command, "pool"], directory: root)
                #expect(generated.status == 0, "\(generated.stderr)")
                try scratch.write("repo/dists/dw/main/" + file, generated.stdout)
            }
            try writeRelease()
        }

        /// The Release over the indices as they are now (its checksums change with them, as an archive's do).
        func writeRelease() throws {
            let options = ["Codename=dw", "Suite=dw", "Components=main", "Architectures=amd64 source"]
                .flatMap { ["-o", "APT::FTPArchive::Release::" + $0] }
            try? FileManager.default.removeItem(atPath: root + "/dists/dw/Release")
            let release = try runCommand("apt-ftparchive", options + ["release", "dists/dw"], directory: root)
            #expect(release.status == 0, "\(release.stderr)")
            try scratch.write("repo/dists/dw/Release", release.stdout)
        }

        func sha256(_ relative: String) throws -> String {
            let result = try runCommand("sha256sum", [root + "/" + relative])
            return String(result.stdout.prefix(64))
        }

        func reindex() throws -> CommandResult {
            let result = try debwork(["index", root], index: index)
            #expect(result.status == 0, "\(result.stderr)")
            return result
        }

        func warnings(_ result: CommandResult) -> [Substring] {
            result.stderr.split(separator: "\n").filter { $0.hasPrefix("W: ") }
        }

        /// `status -J`'s `pool_mismatches`.
        func mismatches() throws -> [[String: Any]] {
            let status = try debwork(["-J", "status"], index: index)
            #expect(status.status == 0, "\(status.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            let index = try #require(json["index"] as? [String: Any])
            return try #require(index["pool_mismatches"] as? [[String: Any]])
        }

        /// Flips one digit of the first ar member header's timestamp: the same size, still a valid package.
        func flipByte(_ relative: String) throws {
            let path = root + "/" + relative
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            bytes[24] = bytes[24] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
    }

    func expectReported(_ result: CommandResult, _ tree: Tree, file relative: String, list: String,
                        expected: String, actual: String) {
        let lines = tree.warnings(result)
        #expect(lines.count == 1, "\(result.stderr)")
        let line = String(lines.first ?? "")
        #expect(line.hasPrefix("W: \(tree.root)/\(relative): does not match its \(list) stanza in dw/main: "), "\(line)")
        #expect(line.contains("expected SHA256 \(expected) ") && line.contains("actual SHA256 \(actual) "), "\(line)")
    }

    @Test func aGoodPoolIsNotReported() throws {
        let tree = try Tree()
        try tree.place("dwhello_1.0-1_amd64.deb", at: Tree.deb)
        try tree.placeSource()
        try tree.writeIndices()
        let result = try tree.reindex()
        #expect(tree.warnings(result).isEmpty, "\(result.stderr)")
        #expect(try tree.mismatches().isEmpty)
    }

    @Test func aDebReplacedAfterThePackagesWereWrittenIsReported() throws {
        let tree = try Tree()
        try tree.place("dwhello_1.0-1_amd64.deb", at: Tree.deb)
        try tree.writeIndices()
        let expected = try tree.sha256(Tree.deb)
        try tree.place("dwhello_1.0-2_amd64.deb", at: Tree.deb)
        let actual = try tree.sha256(Tree.deb)
        let result = try tree.reindex()
        expectReported(result, tree, file: Tree.deb, list: "Packages", expected: expected, actual: actual)
        // Indexed as it is on disk: the replacement's version and digest under the listed name.
        let row = try runCommand("sqlite3", [tree.index, """
            SELECT b.version, f.sha256 FROM binaries b JOIN files f ON f.id = b.file_id WHERE f.path LIKE '%/\(Tree.deb)'
            """])
        #expect(row.stdout == "1.0-2|\(actual)\n", "\(row.stdout)\(row.stderr)")
        let mismatches = try tree.mismatches()
        #expect(mismatches.count == 1)
        #expect(mismatches.first?["expected_sha256"] as? String == expected)
        #expect(mismatches.first?["actual_sha256"] as? String == actual)
        #expect(mismatches.first?["distribution"] as? String == "dw" && mismatches.first?["component"] as? String == "main")
        // `show` marks it with the source it holds.
        let show = try debwork(["-J", "show", "dwhello"], index: tree.index)
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let extras = try #require(shown["x-debwork"] as? [String: Any], "\(show.stdout)")
        #expect((extras["pool_mismatches"] as? [[String: Any]])?.first?["actual_sha256"] as? String == actual)
        let showText = try debwork(["show", "dwhello"], index: tree.index)
        #expect(showText.stdout.contains("pool mismatches") && showText.stdout.contains(expected), "\(showText.stdout)")
        // Said once; `status` keeps showing it.
        let again = try tree.reindex()
        #expect(tree.warnings(again).isEmpty, "\(again.stderr)")
        let text = try debwork(["status"], index: tree.index)
        #expect(text.stdout.contains("Pool mismatches: 1") && text.stdout.contains(actual), "\(text.stdout)")
        // A run cut short after its writes committed (the check not done, its mark left): the next run checks.
        let cut = try runCommand("sqlite3", [tree.index, """
            DELETE FROM pool_mismatches; INSERT OR REPLACE INTO meta(key, value) VALUES ('pool_mismatches_stale', '1');
            """])
        #expect(cut.status == 0, "\(cut.stderr)")
        expectReported(try tree.reindex(), tree, file: Tree.deb, list: "Packages", expected: expected, actual: actual)
        #expect(try tree.mismatches().count == 1)
    }

    @Test func theSameSizeWithOtherBytesIsReported() throws {
        let tree = try Tree()
        try tree.place("dwhello_1.0-1_amd64.deb", at: Tree.deb)
        try tree.writeIndices()
        let expected = try tree.sha256(Tree.deb)
        let size = try FileManager.default.attributesOfItem(atPath: tree.root + "/" + Tree.deb)[.size] as? Int
        try tree.flipByte(Tree.deb)
        #expect(try FileManager.default.attributesOfItem(atPath: tree.root + "/" + Tree.deb)[.size] as? Int == size)
        let actual = try tree.sha256(Tree.deb)
        #expect(actual != expected)
        expectReported(try tree.reindex(), tree, file: Tree.deb, list: "Packages", expected: expected, actual: actual)
    }

    /// The pool file indexed before its distribution, after it, and each side changed alone on a later run.
    @Test func eitherSideMayChangeFirst() throws {
        let tree = try Tree()
        try tree.place("dwhello_1.0-1_amd64.deb", at: Tree.deb)
        try tree.writeIndices()
        let expected = try tree.sha256(Tree.deb)
        let releaseAside = tree.scratch.appending("dists-aside")
        try FileManager.default.moveItem(atPath: tree.root + "/dists", toPath: releaseAside)
        try tree.place("dwhello_1.0-2_amd64.deb", at: Tree.deb)
        let actual = try tree.sha256(Tree.deb)
        // The .deb first (no distribution yet: nothing to check), then its distribution.
        #expect(tree.warnings(try tree.reindex()).isEmpty)
        try FileManager.default.moveItem(atPath: releaseAside, toPath: tree.root + "/dists")
        expectReported(try tree.reindex(), tree, file: Tree.deb, list: "Packages", expected: expected, actual: actual)
        // The good file back: only the .deb changed; nothing to report, nothing left in status.
        try tree.place("dwhello_1.0-1_amd64.deb", at: Tree.deb)
        #expect(tree.warnings(try tree.reindex()).isEmpty)
        #expect(try tree.mismatches().isEmpty)
        // Only the Packages (and so the Release) changed: it now claims another digest for the unchanged .deb.
        let packages = tree.root + "/dists/dw/main/binary-amd64/Packages"
        let claimed = String(repeating: "0", count: 64)
        try String(contentsOfFile: packages, encoding: .utf8).replacingOccurrences(of: expected, with: claimed)
            .write(toFile: packages, atomically: true, encoding: .utf8)
        try tree.writeRelease()
        expectReported(try tree.reindex(), tree, file: Tree.deb, list: "Packages", expected: claimed, actual: expected)
        // The distribution gone: the file stays indexed, the mismatch goes with the stanza.
        try FileManager.default.removeItem(atPath: tree.root + "/dists")
        #expect(tree.warnings(try tree.reindex()).isEmpty)
        #expect(try tree.mismatches().isEmpty)
    }

    /// A file listed by several distributions (a snapshot, rollbacks, each architecture's Packages for `all`) is one
    /// line naming them all; `status` has a row for each.
    @Test func aFileListedManyTimesIsOneLine() throws {
        let scratch = try TemporaryDirectory()
        let repo = scratch.appending("repo")
        #expect(try runCommand("cp", ["-a", Fixtures.path("repo"), repo]).status == 0)
        let deb = repo + "/pool/main/d/dwhello/dwhello-doc_1.0-2_all.deb"
        let expected = String(try runCommand("sha256sum", [deb]).stdout.prefix(64))
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: deb)))
        bytes[24] = bytes[24] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try Data(bytes).write(to: URL(fileURLWithPath: deb))
        let index = scratch.appending("i.sqlite")
        let result = try debwork(["index", repo], index: index)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("W: ") }
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("W: \(deb): does not match its Packages stanza in bookworm-test-") == true
                && lines.first?.contains("(snapshot WEEKLY_2025-01-06T00:00)/main") == true
                && lines.first?.contains("expected SHA256 \(expected) ") == true, "\(lines)")
        let rows = try runCommand("sqlite3", [index, "SELECT count(*) FROM pool_mismatches"]).stdout
        #expect((Int(rows.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 1, "\(rows)")
    }

    /// Metadata-only mirrors are a feature: a stanza whose pool file is absent is not reported.
    @Test func aMissingPoolFileIsNotReported() throws {
        let tree = try Tree()
        try tree.place("dwhello_1.0-1_amd64.deb", at: Tree.deb)
        try tree.placeSource()
        try tree.writeIndices()
        try FileManager.default.removeItem(atPath: tree.root + "/pool")
        let result = try tree.reindex()
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(try tree.mismatches().isEmpty)
    }

    @Test func aDscThatDiffersFromItsSourcesStanzaIsReported() throws {
        let tree = try Tree()
        try tree.placeSource()
        try tree.writeIndices()
        let expected = try tree.sha256(Tree.dsc)
        // Still a good .dsc (its tarball's line unchanged), other bytes.
        let dsc = tree.root + "/" + Tree.dsc
        let text = try String(contentsOfFile: dsc, encoding: .utf8)
        let maintainer = try #require(text.split(separator: "\n").first { $0.hasPrefix("Maintainer: ") })
        try text.replacingOccurrences(of: String(maintainer), with: "Maintainer: Mallory <mallory@example.org>")
            .write(toFile: dsc, atomically: true, encoding: .utf8)
        let actual = try tree.sha256(Tree.dsc)
        let result = try tree.reindex()
        expectReported(result, tree, file: Tree.dsc, list: "Sources", expected: expected, actual: actual)
        let mismatches = try tree.mismatches()
        #expect(mismatches.count == 1 && mismatches.first?["list"] as? String == "Sources")
    }

    /// An old-style Sources stanza (`Files` only, MD5): its size is the claim checked.
    @Test func aSourcesStanzaWithoutSHA256IsCheckedBySize() throws {
        let tree = try Tree()
        try tree.placeSource()
        try tree.writeIndices()
        let sources = tree.root + "/dists/dw/main/source/Sources"
        var kept: [Substring] = []
        var dropping = false
        for line in try String(contentsOfFile: sources, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Checksums-") { dropping = true; continue }
            if dropping && line.hasPrefix(" ") { continue }
            dropping = false
            kept.append(line)
        }
        try kept.joined(separator: "\n").write(toFile: sources, atomically: true, encoding: .utf8)
        try tree.writeRelease()
        #expect(tree.warnings(try tree.reindex()).isEmpty)
        let size = try #require(FileManager.default.attributesOfItem(atPath: tree.root + "/" + Tree.dsc)[.size] as? Int)
        let dsc = tree.root + "/" + Tree.dsc
        try (String(contentsOfFile: dsc, encoding: .utf8) + "\n").write(toFile: dsc, atomically: true, encoding: .utf8)
        let lines = tree.warnings(try tree.reindex())
        #expect(lines.count == 1 && lines.first?.contains("expected SHA256 (none) size \(size), actual SHA256 ") == true
                && lines.first?.hasSuffix(" size \(size + 1)") == true, "\(lines)")
    }
}
