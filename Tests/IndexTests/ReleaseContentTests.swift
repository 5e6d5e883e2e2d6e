import DebworkTestSupport
import Foundation
@testable import Index
import SQLite
import Testing

/// A distribution is recorded under a digest over its Release and every Packages and Sources file it reads:
/// an index changed, added or removed behind a byte-identical Release is read again (and, where the Release
/// lists checksums, refused), while an unchanged distribution is still skipped without being parsed.
@Suite struct ReleaseContentTests {
    /// An index-only tree `repo/` (an empty pool) with distributions under `dists/`, and its index.
    final class Tree {
        let scratch: TemporaryDirectory
        let store: IndexStore
        var root: String { scratch.appending("repo") }

        init() throws {
            scratch = try TemporaryDirectory()
            try FileManager.default.createDirectory(atPath: scratch.appending("repo/pool"), withIntermediateDirectories: true)
            store = try IndexStore(path: scratch.appending("index.sqlite"))
        }

        /// Writes `text` to `relative` below the root.
        func write(_ relative: String, _ text: String) throws {
            _ = try scratch.write("repo/" + relative, text)
        }

        /// A Release without checksums (as hand-made fixtures have): nothing vouches for the indices.
        func writePlainRelease(_ folder: String) throws {
            try write(folder + "/Release", "Codename: dw\nComponents: main\nArchitectures: amd64\n")
        }

        /// A Release over the indices as they are now, written by `apt-ftparchive release`.
        func writeListingRelease(_ folder: String) throws {
            let options = ["Codename=dw", "Suite=dw", "Components=main", "Architectures=amd64"]
                .flatMap { ["-o", "APT::FTPArchive::Release::" + $0] }
            try? FileManager.default.removeItem(atPath: root + "/" + folder + "/Release")
            let release = try runCommand("apt-ftparchive", options + ["release", folder], directory: root)
            #expect(release.status == 0, "\(release.stderr)")
            try write(folder + "/Release", release.stdout)
        }

        func index() throws -> IndexSummary {
            try Indexer(options: .init(jobs: 2)).run(paths: [root], store: store)
        }

        /// The index-only packages of distribution `name` (and `snapshot`), as `package version` lines.
        func members(_ table: String, _ name: String = "dw", snapshot: String? = nil) throws -> Set<String> {
            let rows = try store.db.query("""
                SELECT m.package || ' ' || m.version FROM \(table) m JOIN distributions d ON d.id = m.distribution_id
                WHERE d.name = ?1 AND d.snapshot IS ?2
                """, [.text(name), snapshot.map { .text($0) } ?? .null]) { $0.string(0) }
            return Set(rows)
        }

        func count(_ sql: String) throws -> Int64 {
            try store.db.scalar(sql)?.int ?? -1
        }
    }

    static func stanza(_ package: String, _ version: String) -> String {
        "Package: \(package)\nVersion: \(version)\nArchitecture: amd64\nFilename: pool/main/\(package)_\(version)_amd64.deb\nSize: 1\n\n"
    }

    /// The tree's distribution and one of its reprepro snapshots: both are one Release each.
    @Test(arguments: [("dists/dw", nil), ("dists/dw/snapshots/s1", "s1")] as [(String, String?)])
    func aChangedPackagesBehindAnUnchangedReleaseIsReadAgain(folder: String, snapshot: String?) throws {
        let tree = try Tree()
        try tree.writePlainRelease(folder)
        try tree.write(folder + "/main/binary-amd64/Packages", Self.stanza("dwold", "1.0"))
        if snapshot != nil {
            try tree.writePlainRelease("dists/dw")
        }
        #expect(try tree.index().failed == 0)
        #expect(try tree.members("dist_binaries", snapshot: snapshot) == ["dwold 1.0"])

        try tree.write(folder + "/main/binary-amd64/Packages", Self.stanza("dwnew", "2.0"))
        let changed = try tree.index()
        #expect(changed.failed == 0 && changed.updated == 1, "\(changed)")
        #expect(try tree.members("dist_binaries", snapshot: snapshot) == ["dwnew 2.0"])

        // Now kept compressed (what a mirror switching to .gz looks like): read again.
        try FileManager.default.removeItem(atPath: tree.root + "/" + folder + "/main/binary-amd64/Packages")
        let plain = tree.scratch.appending("Packages")
        try Self.stanza("dwgz", "3.0").write(toFile: plain, atomically: false, encoding: .utf8)
        #expect(try runCommand("sh", ["-c", "gzip -c '\(plain)' > '\(tree.root)/\(folder)/main/binary-amd64/Packages.gz'"]).status == 0)
        #expect(try tree.index().updated == 1)
        #expect(try tree.members("dist_binaries", snapshot: snapshot) == ["dwgz 3.0"])

        // Removed: read again, and nothing of it is served.
        try FileManager.default.removeItem(atPath: tree.root + "/" + folder + "/main/binary-amd64/Packages.gz")
        let removed = try tree.index()
        #expect(removed.updated == 1 && removed.failed == 0, "\(removed)")
        #expect(try tree.members("dist_binaries", snapshot: snapshot).isEmpty)
    }

    @Test func aSourcesAddedBehindAnUnchangedReleaseIsPickedUp() throws {
        let tree = try Tree()
        try tree.writePlainRelease("dists/dw")
        try tree.write("dists/dw/main/binary-amd64/Packages", Self.stanza("dwa", "1.0"))
        _ = try tree.index()
        #expect(try tree.members("dist_sources").isEmpty)

        try tree.write("dists/dw/main/source/Sources", "Package: dwa\nVersion: 1.0\nDirectory: pool/main\n")
        let added = try tree.index()
        #expect(added.updated == 1 && added.failed == 0, "\(added)")
        #expect(try tree.members("dist_sources") == ["dwa 1.0"])
        #expect(try tree.members("dist_binaries") == ["dwa 1.0"])
    }

    @Test func anUnchangedDistributionIsNotReadAgain() throws {
        let tree = try Tree()
        try tree.writePlainRelease("dists/dw")
        try tree.write("dists/dw/main/binary-amd64/Packages", Self.stanza("dwa", "1.0"))
        try tree.write("dists/dw/main/source/Sources", "Package: dwa\nVersion: 1.0\nDirectory: pool/main\n")
        let first = try tree.index()
        #expect(first.new == 1 && first.failed == 0, "\(first)")
        let recorded = try tree.store.db.scalar("SELECT sha256 FROM files WHERE kind = 'release'")?.string
        let release = try runCommand("sha256sum", [tree.root + "/dists/dw/Release"])
        #expect(recorded != nil && recorded != String(release.stdout.prefix(64)), "the digest covers more than the Release")

        let again = try tree.index()
        #expect(again.unchanged == 1 && again.updated == 0 && again.new == 0, "\(again)")
        #expect(try tree.store.db.scalar("SELECT sha256 FROM files WHERE kind = 'release'")?.string == recorded)
    }

    /// A Release whose SHA256 lines list the Packages (as an archive's do): a changed Packages behind it is what
    /// a tampered or half-synced mirror looks like, and the distribution is refused as on a first run.
    @Test(.enabled(if: Fixtures.hasTool("apt-ftparchive"), "needs apt-ftparchive (apt-utils)"))
    func aChangedPackagesThatNoLongerMatchesItsReleaseIsAnError() throws {
        let tree = try Tree()
        try tree.write("dists/dw/main/binary-amd64/Packages", Self.stanza("dwa", "1.0"))
        try tree.writeListingRelease("dists/dw")
        try tree.writePlainRelease("dists/other")
        try tree.write("dists/other/main/binary-amd64/Packages", Self.stanza("dwo", "1.0"))
        let first = try tree.index()
        #expect(first.failed == 0 && first.new == 2, "\(first)")

        let packages = tree.root + "/dists/dw/main/binary-amd64/Packages"
        try tree.write("dists/dw/main/binary-amd64/Packages", Self.stanza("evil", "6.6"))
        try tree.write("dists/other/main/binary-amd64/Packages", Self.stanza("dwo", "2.0"))
        let tampered = try tree.index()
        let release = tree.root + "/dists/dw/Release"
        #expect(tampered.failures.map(\.path) == [release])
        #expect(tampered.failures.first?.reason == "'\(packages)' does not match its SHA256 entry")
        // The run goes on: the other distribution's change is read.
        #expect(tampered.updated == 1, "\(tampered)")
        #expect(try tree.members("dist_binaries", "other") == ["dwo 2.0"])
        // Consistent: nothing of the refused distribution is served, neither old nor new.
        #expect(try tree.members("dist_binaries").isEmpty)
        #expect(try tree.count("SELECT count(*) FROM distributions WHERE name = 'dw'") == 0)
        #expect(try tree.count("SELECT count(*) FROM failures") == 1)
        #expect(try tree.count("PRAGMA foreign_key_check") == -1, "no dangling rows")

        // Still wrong on the next run, not forgotten as unchanged.
        #expect(try tree.index().failures.map(\.path) == [release])

        // The archive catches up (a Release over the new Packages): read, and the failure is gone.
        try tree.writeListingRelease("dists/dw")
        let mended = try tree.index()
        #expect(mended.failed == 0 && mended.new == 1, "\(mended)")
        #expect(try tree.members("dist_binaries") == ["evil 6.6"])
        #expect(try tree.count("SELECT count(*) FROM failures") == 0)
    }

    /// A distribution holding most of the index's stanzas builds the fields' (name, value) index anew after writing
    /// them (one sort); a small one inserts into it. Either way the index holds every row, and a re-read keeps it whole.
    @Test func aLargeDistributionRebuildsTheFieldIndexWhole() throws {
        let tree = try Tree()
        try tree.writePlainRelease("dists/dw")
        func packages(_ count: Int, version: String) -> String {
            (0..<count).map { index in
                Self.stanza("p\(index)", version).dropLast() + "Section: \(index % 3 == 0 ? "utils" : "libs")\n\n"
            }.joined()
        }
        let count = Int(IndexStore.lookupRebuildStanzas)
        try tree.write("dists/dw/main/binary-amd64/Packages", packages(count, version: "1.0"))
        #expect(try tree.index().failed == 0)
        func utils() throws -> Int64 {
            try tree.count("""
                SELECT count(*) FROM field_values INDEXED BY field_values_lookup WHERE name = 'section' AND value = 'utils'
                """)
        }
        #expect(try utils() == Int64((count + 2) / 3))
        #expect(try tree.store.db.scalar("PRAGMA integrity_check")?.string == "ok")
        // Read again with one stanza fewer: the old rows go, the index is built again.
        try tree.write("dists/dw/main/binary-amd64/Packages", packages(count - 1, version: "2.0"))
        #expect(try tree.index().updated == 1)
        #expect(try utils() == Int64((count - 1 + 2) / 3))
        #expect(try tree.count("SELECT count(*) FROM field_values") == tree.count("SELECT count(*) FROM field_values INDEXED BY field_values_lookup"))
        #expect(try tree.store.db.scalar("PRAGMA integrity_check")?.string == "ok")
        // A small distribution beside it inserts into the index as it goes.
        try tree.writePlainRelease("dists/small")
        try tree.write("dists/small/main/binary-amd64/Packages", packages(10, version: "3.0"))
        #expect(try tree.index().new == 1)
        #expect(try utils() == Int64((count - 1 + 2) / 3 + 4))
        #expect(try tree.store.db.scalar("PRAGMA integrity_check")?.string == "ok")
    }
}
