import DebianFormats
import DebworkTestSupport
import JSONOutput
@testable import Query
import Testing

/// The name and `--where` listing held as rows (``PackageRows``) and grouped by ``SearchService/group(_:kept:latest:limit:)``
/// against what the map of sorted sets it replaced gives, and written in parts as it is whole.
@Suite struct PackageListingTests {
    struct Row {
        var area: String
        var source: String
        var sourceVersion: String
        var path: String
        var hit: IndexOnlyHit?
    }

    /// Random rows over small alphabets (so that sources, paths and hits repeat), hostile and non-ASCII text included
    /// (names that differ only in their Unicode form: two names, as Python's mini-buildd sees them), and an area no
    /// search lists.
    static func randomRows(_ count: Int, _ generator: inout SplitMix64) -> [Row] {
        let sources = ["a", "ab", "b", "dw\u{202E}x", "漢字", "zz", "x\ty", "\u{E9}", "e\u{301}"]
        let versions = ["1.0-1", "1.0-2", "1:0.9", "2.0~rc1", "not a version"]
        let paths = ["pool/main/a/a.deb", "b", "x\u{1B}[2J", "na\u{EF}ve", "pool/a", "nai\u{308}ve"]
        let areas = ["repositories", "builds", "events", "index-only", "index-only", "nowhere"]
        return (0..<count).map { _ in
            let area = areas.randomElement(using: &generator) ?? ""
            let path = paths.randomElement(using: &generator) ?? ""
            let hit = area != "index-only" ? nil : IndexOnlyHit(
                kind: ["binary", "source"].randomElement(using: &generator) ?? "",
                package: ["p", "q", "p\u{7F}"].randomElement(using: &generator) ?? "",
                version: versions.randomElement(using: &generator) ?? "",
                architecture: ["amd64", "all", "source"].randomElement(using: &generator) ?? "",
                distribution: ["bookworm", "sid"].randomElement(using: &generator) ?? "",
                component: ["main", "contrib"].randomElement(using: &generator) ?? "", path: path)
            return Row(area: area, source: sources.randomElement(using: &generator) ?? "",
                       sourceVersion: versions.randomElement(using: &generator) ?? "", path: path, hit: hit)
        }
    }

    /// What the grouping gives, as Python would compute mini-buildd's shape: sources by the code points of their names,
    /// each source's paths per area and index-only hits sorted (by code points), each once; with `latest`, only the
    /// rows of the source's newest version (over all its rows).
    static func expected(_ rows: [Row], latest: Bool, limit: Int?) -> [(String, AreaPaths)] {
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        func byBytes(_ a: String, _ b: String) -> Bool { bytes(a).lexicographicallyPrecedes(bytes(b)) }
        var bySource: [[UInt8]: [Row]] = [:]
        for row in rows { bySource[bytes(row.source), default: []].append(row) }
        var result: [(String, AreaPaths)] = []
        for key in bySource.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            if let limit, result.count >= limit { break }
            var run = bySource[key] ?? []
            if latest, let newest = SearchService.newest(run.map(\.sourceVersion)) { run = run.filter { $0.sourceVersion == newest } }
            var paths = AreaPaths()
            for row in run {
                if let hit = row.hit { paths.indexOnly.append(hit) } else if let area = SearchArea(rawValue: row.area) { paths[area].append(row.path) }
            }
            for area in SearchArea.allCases {
                paths[area] = Dictionary(paths[area].map { (bytes($0), $0) }, uniquingKeysWith: { a, _ in a }).values.sorted(by: byBytes)
            }
            // Hits in IndexOnlyHit's field order, each field by its bytes, kind last.
            let fields: [(IndexOnlyHit) -> String] = [\.package, \.version, \.architecture, \.distribution, \.component, \.path, \.kind]
            let unique = Dictionary(paths.indexOnly.map { hit in (fields.map { bytes($0(hit)) }, hit) }, uniquingKeysWith: { a, _ in a })
            paths.indexOnly = unique.keys.sorted { a, b in
                for (x, y) in zip(a, b) where x != y { return x.lexicographicallyPrecedes(y) }
                return false
            }.compactMap { unique[$0] }
            if !paths.isEmpty { result.append((String(decoding: key, as: UTF8.self), paths)) }
        }
        return result
    }

    static func store(_ rows: [Row]) throws -> PackageRows {
        var store = PackageRows()
        for row in rows {
            try store.append(area: row.area, source: row.source, sourceVersion: row.sourceVersion, path: row.path,
                             kind: row.hit?.kind ?? "", package: row.hit?.package ?? "", version: row.hit?.version ?? "",
                             architecture: row.hit?.architecture ?? "", distribution: row.hit?.distribution ?? "",
                             component: row.hit?.component ?? "")
        }
        return store
    }

    static func grouped(_ rows: [Row], latest: Bool, limit: Int?) throws -> PackageSearchResult {
        SearchService.group(try store(rows), latest: latest, limit: limit)
    }

    @Test func groupingIsTheMapOfSortedSets() throws {
        #expect(PackageRows.Field.count == PackageRows.Field.allCases.count)
        var generator = SplitMix64(seed: 13)
        for count in [0, 1, 2, 5, 40, 300] {
            for _ in 0..<20 {
                let rows = Self.randomRows(count, &generator)
                for (latest, limit) in [(false, nil), (true, nil), (false, 2), (true, 1)] as [(Bool, Int?)] {
                    let result = try Self.grouped(rows, latest: latest, limit: limit)
                    let expected = Self.expected(rows, latest: latest, limit: limit)
                    #expect(result.members.map(\.key) == expected.map(\.0), "\(count) rows")
                    #expect(result.members.map(\.value) == expected.map(\.1), "\(count) rows")
                    #expect(result.isEmpty == expected.isEmpty)
                }
            }
        }
    }

    /// ``NewestVersion`` (versions weighed as they come) picks what the fold over the sorted distinct versions picked:
    /// the newest by dpkg, the first in text order among versions dpkg holds equal, unparsable ones lowest.
    @Test func theNewestVersionIsTheSortedFolds() {
        func fold(_ versions: [String]) -> String? {
            var best: (text: String, version: DebianVersion?)?
            for text in Set(versions).sorted() {
                let version = try? DebianVersion(text)
                guard let current = best else { best = (text, version); continue }
                switch (current.version, version) {
                case (nil, .some): best = (text, version)
                case (.some(let a), .some(let b)) where b > a: best = (text, version)
                default: break
                }
            }
            return best?.text
        }
        let pool = ["1.0", "0:1.0", "1.0-0", "1.0-1", "1:0.1", "2.0~rc1", "2.0", "not a version", "-", "", "1.0+b1", "01.0"]
        var generator = SplitMix64(seed: 11)
        for count in 0..<40 {
            let versions = (0..<count).map { _ in pool.randomElement(using: &generator) ?? "" }
            #expect(SearchService.newest(versions) == fold(versions), "\(versions)")
        }
    }

    /// Only the rows `kept` marks (`--where … --latest`) are listed.
    @Test func keptRowsAreTheOnlyOnesListed() throws {
        var generator = SplitMix64(seed: 7)
        let rows = Self.randomRows(200, &generator)
        let kept = rows.indices.map { $0 % 3 != 0 }
        let result = SearchService.group(try Self.store(rows), kept: kept, latest: false, limit: nil)
        let expected = Self.expected(rows.indices.filter { kept[$0] }.map { rows[$0] }, latest: false, limit: nil)
        #expect(result.members.map(\.key) == expected.map(\.0))
        #expect(result.members.map(\.value) == expected.map(\.1))
    }

    /// The listing written in parts (text at any part size; JSON source by source, both forms) is the whole rendering.
    @Test func aListingInPartsIsTheWholeListing() throws {
        var generator = SplitMix64(seed: 5)
        for count in [0, 1, 60] {
            let rows = Self.randomRows(count, &generator)
            let result = try Self.grouped(rows, latest: false, limit: nil)
            let whole = SearchText.packageTable(result)
            for chunk in [1, 100, 1 << 20] {
                var pieces: [String] = []
                SearchText.writePackageTable(result, chunk: chunk) { pieces.append($0) }
                #expect(pieces.joined() == whole)
                if chunk == 1 { #expect(pieces.count == whole.split(separator: "\n").count) }
            }
            let map = JSONValue.object(try Self.expected(rows, latest: false, limit: nil).map { ($0.0, try OrderedJSONEncoder.value(of: $0.1)) })
            for (versioned, document) in [(false, map), (true, JSONValue.versioned("sources", map))] {
                for python in [false, true] {
                    var streamed = ""
                    try PackageListingOutput(result: result, versioned: versioned).writeJSON(python: python) { streamed += $0 }
                    #expect(streamed == (python ? document.serializedAsPython() : document.serialized()))
                }
            }
            // The whole rendering (`renderJSON`, the tests' and small results' path) is the same document.
            #expect(try SearchResult.packages(result).renderJSON() == map)
        }
    }
}
