import DebworkTestSupport
import Foundation
import Testing

/// `search --path-regex`: the trigram prefilter never loses a match. Python's `re.search` over every indexed
/// path (`search --path /` lists them all) is the oracle.
@Suite struct PathRegexTests {
    static let patterns = [
        "/usr/bin/dw[a-z]+$", "changelog\\.Debian\\.gz$", "^/usr/share/doc/dwhe", "dw(hello|old)", "s?bin/",
        "\\.(py|sh)$", "debian/patches/[0-9]+", "copyright", "^debian/[a-z]+$", "hel+o",
        "/usr/(bin|share)/dw", "bin/(dwhello|dwhi)$", "^/usr/bin/dwhello$|changelog", "rules$|\\.dsc$|copyright",
        "[|]x|control", "dwh|zz",
    ]

    @Test(arguments: patterns)
    func sameMatchesAsPython(_ pattern: String) throws {
        let index = try #require(FixtureIndexFile.path)
        func hits(_ arguments: [String]) throws -> [[String: Any]] {
            let result = try debwork(["-J", "search"] + arguments, index: index)
            #expect(result.status == 0, "\(result.stderr)")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return try #require(document["hits"] as? [[String: Any]])
        }
        func key(_ hit: [String: Any]) -> String {
            ["kind", "package", "version", "architecture", "area", "path", "artifact"].map { "\(hit[$0] ?? "")" }.joined(separator: "|")
        }
        let all = try hits(["--path", "/"])
        #expect(all.count > 100)
        let paths = all.map { $0["path"] as? String ?? "" }
        let script = "import json, re, sys\npattern = sys.argv[1]\n"
            + "print(json.dumps([bool(re.search(pattern, p)) for p in json.load(sys.stdin)]))"
        let oracle = try runCommand("python3", ["-c", script, pattern],
                                    input: String(decoding: try JSONSerialization.data(withJSONObject: paths), as: UTF8.self))
        let matches = try #require(try JSONSerialization.jsonObject(with: Data(oracle.stdout.utf8)) as? [Bool])
        let expected = Set(zip(all, matches).filter(\.1).map { key($0.0) })
        let found = Set(try hits(["--path-regex", pattern]).map(key))
        #expect(found == expected, "\(pattern): \(found.symmetricDifference(expected).sorted().prefix(5))")
    }
}
