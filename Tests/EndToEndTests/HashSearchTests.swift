import DebworkTestSupport
import Foundation
import Testing

/// `search --hash`: which packages ship a file with this content. coreutils' `md5sum`/`sha256sum` over what
/// `dpkg-deb -x` unpacks are the oracle: every regular file of a package is found by either digest.
@Suite struct HashSearchTests {
    @Test(arguments: ["dwhello_1.1-1_amd64.deb", "dwhello-doc_1.0-2_all.deb", "dwepoch_2.0-1_all.deb"])
    func everyFileIsFoundByItsDigests(_ deb: String) throws {
        let index = try #require(FixtureIndexFile.path)
        let scratch = try TemporaryDirectory()
        #expect(try runCommand("dpkg-deb", ["-x", Fixtures.path("packages/" + deb), scratch.path]).status == 0)
        let package = String(deb.prefix { $0 != "_" })
        for tool in ["md5sum", "sha256sum"] {
            let sums = try runCommand("sh", ["-c", "cd '\(scratch.path)' && find . -type f -print0 | sort -z | xargs -0 \(tool)"])
            #expect(sums.status == 0)
            let lines = sums.stdout.split(separator: "\n")
            #expect(!lines.isEmpty)
            for line in lines {
                let digest = String(line.prefix { $0 != " " })
                let path = String(line.dropFirst(digest.count + 2).dropFirst(1)) // "./usr/…" -> "/usr/…"
                let found = try debwork(["-J", "search", "--hash", digest.uppercased()], index: index)
                #expect(found.status == 0, "\(found.stderr)")
                let document = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
                let hits = try #require(document["hits"] as? [[String: Any]])
                #expect(hits.contains { $0["package"] as? String == package && $0["path"] as? String == path
                    && $0["kind"] as? String == "binary" }, "\(tool) \(path): \(found.stdout)")
            }
        }
    }

    @Test func unknownAndMalformedDigests() throws {
        let index = try #require(FixtureIndexFile.path)
        let none = try debwork(["search", "--hash", String(repeating: "0", count: 64)], index: index)
        #expect(none.status == 0 && none.stdout.isEmpty)
        for bad in ["xyz", String(repeating: "g", count: 32), String(repeating: "a", count: 40), "' OR 1=1 --"] {
            let result = try debwork(["search", "--hash", bad], index: index)
            #expect(result.status == 1 && result.stderr.contains("is not an MD5"), "\(bad): \(result.stderr)")
        }
    }
}
