import DebworkTestSupport
@testable import Index
import Testing

/// The order of Contents hits (``ContentsHitOrder``): package, the list's rank, path, each by
/// its UTF-8 bytes as SQLite's `BINARY` collation compares, then the list's id.
struct ContentsOrderTests {
    typealias Row = (package: String, list: Int64, path: String)

    static let lists: [Int64: IndexSearch.ContentsList] = [
        1: .init(architecture: "amd64", area: "repositories", artifact: "a", distribution: "d", component: "main", rank: 0),
        2: .init(architecture: "all", area: "repositories", artifact: "a", distribution: "d", component: "main", rank: 1),
        3: .init(architecture: "all", area: "repositories", artifact: "a", distribution: "e", component: "main", rank: 1),
    ]

    /// The rows' order as the search sorts its hits.
    static func sorted(_ rows: [Row]) -> [Int] {
        var order = ContentsHitOrder()
        // A slot per distinct package by bytes ("é" and "e" + U+0301 are two), numbered as first seen, as the
        // search's package slots are.
        var slots: [[UInt8]: Int] = [:]
        for row in rows {
            let slot = slots[Array(row.package.utf8)] ?? slots.count
            slots[Array(row.package.utf8)] = slot
            order.append(package: row.package, slot: slot, rank: lists[row.list]?.rank ?? 0, path: Array(row.path.utf8), list: row.list)
        }
        return order.sorted()
    }

    /// The reference: the same keys compared as byte arrays.
    static func reference(_ rows: [Row]) -> [Int] {
        rows.indices.sorted { a, b in
            let x = rows[a], y = rows[b]
            let keyX = (Array(x.package.utf8), lists[x.list]!.rank, Array(x.path.utf8), x.list)
            let keyY = (Array(y.package.utf8), lists[y.list]!.rank, Array(y.path.utf8), y.list)
            if keyX.0 != keyY.0 { return keyX.0.lexicographicallyPrecedes(keyY.0) }
            if keyX.1 != keyY.1 { return keyX.1 < keyY.1 }
            if keyX.2 != keyY.2 { return keyX.2.lexicographicallyPrecedes(keyY.2) }
            return keyX.3 < keyY.3
        }
    }

    @Test func bytesNotCharacters() {
        // `String` holds "é" and "e" + U+0301 equal; by bytes they differ (0x65 < 0xC3), and "Z" < "a".
        let rows: [Row] = [("é", 1, "/x"), ("e\u{301}", 1, "/x"), ("a", 1, "/x"), ("Z", 1, "/x"), ("a", 1, "/usr/bin/é"),
                           ("a", 1, "/usr/bin/e\u{301}"), ("a", 1, "/usr/bin"), ("", 1, "/")]
        #expect(Self.sorted(rows) == [7, 3, 6, 5, 4, 2, 1, 0])
        #expect(Self.sorted(rows) == Self.reference(rows))
    }

    @Test func rankBeforePathAndListLast() {
        let rows: [Row] = [("p", 3, "/a"), ("p", 2, "/b"), ("p", 1, "/z"), ("p", 2, "/a")]
        #expect(Self.sorted(rows) == [2, 3, 0, 1])
    }

    /// ``ContentsTopHits`` keeps exactly the first `limit` hits of the full order, whatever order the rows come in.
    @Test func theFirstHitsOfAStreamAreThoseOfTheSort() {
        var random = SplitMix64(seed: 29)
        let alphabet: [String] = ["a", "b", "/", "é", "e\u{301}", "Z", "0"]
        func text() -> String { (0..<Int.random(in: 0...3, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined() }
        for round in 0..<60 {
            var seen = Set<[UInt8]>()
            // Distinct (package, list, path) keys, as the index's primary key makes them.
            let rows: [Row] = (0..<80).compactMap { _ in
                let row: Row = (text(), Int64.random(in: 1...3, using: &random), text())
                return seen.insert(Array("\(row.package)\u{0}\(row.list)\u{0}\(row.path)".utf8)).inserted ? row : nil
            }
            let limit = [0, 1, 2, 5, 17, rows.count, rows.count + 3][round % 7]
            var top = ContentsTopHits(limit: limit)
            for row in rows {
                let rank = Self.lists[row.list]?.rank ?? 0, path = Array(row.path.utf8)
                if top.admits(package: row.package, rank: rank, path: path, list: row.list) {
                    top.insert(.init(package: row.package, rank: rank, path: path, list: row.list))
                }
            }
            let expected = Self.reference(rows).prefix(limit).map { (Array(rows[$0].package.utf8), rows[$0].list, Array(rows[$0].path.utf8)) }
            let kept = top.sorted().map { (Array($0.package.utf8), $0.list, $0.path) }
            #expect(kept.count == expected.count)
            #expect(zip(kept, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 }, "limit \(limit)")
        }
    }

    @Test func agreesWithTheByteOrderOnRandomRows() {
        var random = SplitMix64(seed: 13)
        let alphabet: [String] = ["a", "b", "-", "/", "é", "e\u{301}", "\u{7F}", "Z", "0", "ü"]
        func text() -> String { (0..<Int.random(in: 0...4, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined() }
        for _ in 0..<50 {
            let rows: [Row] = (0..<40).map { _ in (text(), Int64.random(in: 1...3, using: &random), text()) }
            #expect(Self.sorted(rows) == Self.reference(rows))
        }
    }

    /// ``ContentsSpill``: hits written in sorted runs of any length and merged back come in the full order, ordered
    /// or run after run (the same hits), cut at any limit; long packages and paths (records larger than a read
    /// buffer) survive.
    @Test func spilledRunsMergeToTheFullOrder() throws {
        var random = SplitMix64(seed: 41)
        let alphabet: [String] = ["a", "b", "/", "é", "e\u{301}", "Z", "0"]
        func text() -> String { (0..<Int.random(in: 0...3, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined() }
        let long = String(repeating: "x", count: ContentsSpill.readBufferSize + 100)
        for round in 0..<40 {
            var rows: [Row] = (0..<Int.random(in: 0...90, using: &random)).map { _ in (text(), Int64.random(in: 1...3, using: &random), text()) }
            if round % 5 == 0 { rows.append((long, 2, "/" + long)) }
            let runLength = [1, 2, 3, 7, 40, 1000][round % 6]
            let spill = try ContentsSpill(lists: Self.lists)
            var order = ContentsHitOrder()
            var slots: [[UInt8]: Int] = [:]
            for row in rows {
                let slot = slots[Array(row.package.utf8)] ?? slots.count
                slots[Array(row.package.utf8)] = slot
                order.append(package: row.package, slot: slot, rank: Self.lists[row.list]?.rank ?? 0, path: Array(row.path.utf8), list: row.list)
                if order.count >= runLength {
                    try spill.addRun(order)
                    order = ContentsHitOrder()
                    slots = [:]
                }
            }
            try spill.addRun(order)
            #expect(spill.count == rows.count)
            func key(_ package: String, _ path: String, _ distribution: String) -> [UInt8] {
                Array(package.utf8) + [0] + Array(path.utf8) + [0] + Array(distribution.utf8)
            }
            let expected = Self.reference(rows).map { key(rows[$0].package, rows[$0].path, Self.lists[rows[$0].list]!.distribution) }
            let limit = [nil, 0, 1, 5, rows.count + 1][round % 5]
            var merged: [[UInt8]] = []
            try spill.forEach(limit: limit) { merged.append(key($0.package, $0.path, $0.distribution ?? "")) }
            #expect(merged == Array(expected.prefix(limit ?? Int.max)), "round \(round), runs of \(runLength)")
            var unordered: [[UInt8]] = []
            try spill.forEachUnordered { package, path, list in
                let distribution = spill.match(list: list, package: "", path: "")?.distribution ?? ""
                unordered.append(key(String(decoding: package, as: UTF8.self), String(decoding: path, as: UTF8.self), distribution))
            }
            #expect(unordered.sorted { $0.lexicographicallyPrecedes($1) } == expected.sorted { $0.lexicographicallyPrecedes($1) })
        }
    }
}
