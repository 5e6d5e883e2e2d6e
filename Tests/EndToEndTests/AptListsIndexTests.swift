import DebworkTestSupport
import Foundation
import Testing

/// `index` over apt's own lists directory: the fixture is what a sandboxed `apt-get update` leaves there from
/// AptFileOracleTests' tree (a Release from `apt-ftparchive release`, Packages and Contents kept by apt as
/// `<site>_dists_dw_main_binary-amd64_Packages.lz4` and `<site>_dists_dw_main_Contents-amd64.lz4`; the Release
/// lists only the uncompressed and .gz names, so the decompressed streams are what its checksums vouch for).
@Suite(.serialized, .enabled(if: Fixtures.hasTool("apt-get") && Fixtures.hasTool("apt-ftparchive") && Fixtures.hasTool("lz4"),
                             "needs apt, apt-ftparchive (apt-utils) and lz4"))
struct AptListsIndexTests {
    static func lists(_ apt: AptFileOracleTests.AptTree, ending suffix: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: apt.lists)
        let name = try #require(names.first { $0.hasSuffix(suffix) }, "\(names.sorted())")
        return apt.lists + "/" + name
    }

    /// Replaces an lz4 file by the lz4 of `text`.
    static func writeLZ4(_ text: String, to path: String, scratch: TemporaryDirectory) throws {
        let plain = try scratch.write("lz4-input", text)
        #expect(try runCommand("lz4", ["-q", "-f", plain, path]).status == 0)
    }

    @Test func indexesAptListsAsIndexOnlyDistributions() throws {
        let apt = try AptFileOracleTests.makeAptTree(packages: true)
        let index = apt.tree.index
        let packages = try Self.lists(apt, ending: "_dists_dw_main_binary-amd64_Packages.lz4")
        let contents = try Self.lists(apt, ending: "_dists_dw_main_Contents-amd64.lz4")
        let indexed = try debwork(["index", apt.lists], index: index)
        #expect(indexed.status == 0 && indexed.stderr.isEmpty, "\(indexed.stderr)")
        #expect(indexed.stdout.hasPrefix("2 new, 0 updated, 0 unchanged"), "\(indexed.stdout)")

        // The Packages stanzas: index-only binaries of distribution dw.
        let search = try debwork(["-J", "search", "dw*"], index: index)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
        let listed = document.values.compactMap { ($0 as? [String: Any])?["index_only"] as? [[String: Any]] }.joined()
        #expect(Set(listed.map { "\($0["package"] ?? "") \($0["version"] ?? "") \($0["distribution"] ?? "")" })
                == ["dwa 1.0-1 dw", "dwb 1.0-1 dw", "dwc 1.0-1 dw"], "\(search.stdout)")

        // The Contents lines: the same hits as from the tree's own Contents-amd64.gz.
        let expected = ContentsSearchTests.oraclePairs(apt.tree.contents.split(separator: "\n"))
        let hits = try ContentsSearchTests.hits(["--path", "/", "--distribution", "dw"], index: index)
        #expect(ContentsSearchTests.pairs(hits) == expected)
        #expect(hits.allSatisfy { $0["component"] as? String == "main" && $0["architecture"] as? String == "amd64" })
        #expect(hits.first?["artifact"] as? String == URL(fileURLWithPath: contents).lastPathComponent)
        #expect(ContentsSearchTests.pairs(try ContentsSearchTests.hits(["--path-regex", "^/usr/s?bin/dw"], index: index))
                == ["dwa: /usr/bin/dwa", "dwb: /usr/bin/dwb", "dwc: /usr/sbin/dwcd"])

        // Unchanged: nothing read again.
        let again = try debwork(["index", apt.lists], index: index)
        #expect(again.stdout.hasPrefix("0 new, 0 updated, 2 unchanged"), "\(again.stdout)")

        // A Contents file that no longer decompresses to what the Release lists: one error, none of its lines.
        try Self.writeLZ4(apt.tree.contents + "usr/bin/evil  utils/dwa\n", to: contents, scratch: apt.tree.scratch)
        let tampered = try debwork(["index", apt.lists], index: index)
        #expect(tampered.status != 0)
        let release = try Self.lists(apt, ending: "_dists_dw_Release")
        let errors = tampered.stderr.split(separator: "\n").filter { $0.hasPrefix("E: ") }
        #expect(errors == ["E: \(contents): does not match the SHA256 entry of 'main/Contents-amd64' in '\(release)' once decompressed"],
                "\(tampered.stderr)")
        #expect(ContentsSearchTests.pairs(try ContentsSearchTests.hits(["--path", "/"], index: index)).isEmpty)

        // The same for Packages, changed behind the unchanged Release: the distribution is read again (its digest
        // covers the Packages it reads) and refused, and neither the new stanzas nor the old ones are served.
        try Self.writeLZ4("Package: evil\nVersion: 1\nArchitecture: amd64\nFilename: pool/evil.deb\n", to: packages,
                          scratch: apt.tree.scratch)
        let evil = try debwork(["index", apt.lists], index: index)
        // (The Contents file is still the tampered one: its error comes again, in whichever order the workers finish.)
        #expect(Set(evil.stderr.split(separator: "\n").filter { $0.hasPrefix("E: ") })
                == ["E: \(release): '\(packages)' does not match the SHA256 entry of 'main/binary-amd64/Packages' once decompressed",
                    errors[0]], "\(evil.stderr)")
        #expect(evil.status != 0)
        for name in ["evil", "dwa"] {
            let found = try debwork(["search", name], index: index)
            #expect(found.status == 0 && !found.stdout.contains(name), "\(found.stdout)\(found.stderr)")
        }
    }
}
