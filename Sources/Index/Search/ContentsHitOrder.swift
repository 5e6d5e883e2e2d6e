import SystemCalls

/// The order of Contents hits: by package, the list's rank (architecture, area and artifact), path, each bytewise
/// as SQLite compares, then the list's id (a stable order). Sorted here, not by SQLite (its sorter: 31 M of the 228 M
/// instructions of `search --path gcc-12`, 9,061 hits), over one buffer of every package and path, filled from the
/// bytes the search already holds. The distinct packages are sorted first (3,043 for the 8,339 hits of
/// `*.desktop`) and the hits by the packages' places: most comparisons of hits compare two integers (18 M of
/// `*.desktop`'s instructions before, when each compared the packages' bytes).
struct ContentsHitOrder {
    private struct Key {
        var index: Int32
        /// The package's slot (``packages``), then, once sorted, its place among the packages.
        var package: Int32
        var rank: Int32
        var path: Range<Int>
        var list: Int64
    }
    private var bytes: [UInt8] = []
    private var keys: [Key] = []
    /// Each distinct package's bytes in ``bytes``, by slot (nil: a slot no hit was added with).
    private var packages: [Range<Int>?] = []
    /// Whether a hit was added with the slot, by slot; and those slots, each once.
    private var added: [Bool] = []
    private var addedSlots: [Int] = []

    /// Adds the next hit (its index is the number added before it). `slot` numbers the distinct packages, small
    /// and dense (the search numbers them as first met, 0, 1, …, some never added): hits with the same slot have
    /// the same package, different slots different packages (bytewise). The package's bytes are given once per
    /// slot, here or later (``setPackage(_:slot:)``), before the hits are sorted; a hit whose slot never gets
    /// them is left out.
    mutating func append(slot: Int, rank: Int, path: [UInt8], list: Int64) {
        makeRoom(for: slot)
        if !added[slot] {
            added[slot] = true
            addedSlots.append(slot)
        }
        let pathStart = bytes.count
        bytes.append(contentsOf: path)
        keys.append(Key(index: Int32(keys.count), package: Int32(slot), rank: Int32(rank), path: pathStart..<bytes.count, list: list))
    }

    /// Adds the next hit with its package (read only for a slot not yet given one).
    mutating func append(package: String, slot: Int, rank: Int, path: [UInt8], list: Int64) {
        append(slot: slot, rank: rank, path: path, list: list)
        if packages[slot] == nil { setPackage(package, slot: slot) }
    }

    /// The package of the hits added with `slot`.
    mutating func setPackage(_ package: String, slot: Int) {
        makeRoom(for: slot)
        let start = bytes.count
        // Through the string's contiguous UTF-8 (one copy); the `utf8` view goes element by element.
        if package.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: package.utf8)
        }
        packages[slot] = start..<bytes.count
    }

    /// Extends the per-slot arrays to hold `slot`.
    private mutating func makeRoom(for slot: Int) {
        guard slot >= packages.count else { return }
        packages.append(contentsOf: repeatElement(nil, count: slot + 1 - packages.count))
        added.append(contentsOf: repeatElement(false, count: slot + 1 - added.count))
    }

    /// The slots of the hits added that have no package yet.
    var slotsWithoutPackage: [Int] {
        addedSlots.filter { packages[$0] == nil }
    }

    /// How many hits were added.
    var count: Int { keys.count }

    /// The bytes held for the hits (their packages and paths).
    var byteCount: Int { bytes.count }

    /// Each hit in order: its package's bytes, the list's rank, its path's bytes, the list (a spilled run's records).
    func forEachSorted(_ body: (UnsafeRawBufferPointer, Int, UnsafeRawBufferPointer, Int64) throws -> Void) rethrows {
        try forEach(sorted(), body)
    }

    /// The hits at `order` (indices ``sorted()`` gave), in that order, as ``forEachSorted(_:)`` gives them.
    func forEach(_ order: [Int], _ body: (UnsafeRawBufferPointer, Int, UnsafeRawBufferPointer, Int64) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { buffer in
            for index in order {
                let key = keys[index]
                guard let package = packages[Int(key.package)] else { continue }
                try body(UnsafeRawBufferPointer(rebasing: buffer[package]), Int(key.rank),
                         UnsafeRawBufferPointer(rebasing: buffer[key.path]), key.list)
            }
        }
    }

    /// The hits' indices in order.
    func sorted() -> [Int] {
        bytes.withUnsafeBytes { buffer in
            func order(_ a: Range<Int>, _ b: Range<Int>) -> Int {
                ByteSearch.order(UnsafeRawBufferPointer(rebasing: buffer[a]), UnsafeRawBufferPointer(rebasing: buffer[b]))
            }
            var place = [Int32](repeating: 0, count: packages.count)
            // Each package's first eight bytes as a big-endian number (zeros after a shorter name) order two packages
            // unless they are equal; only then are the whole names compared (`*.desktop`'s 3,043 packages: the sort 11.2 → 8.8 M instructions).
            func prefix(_ range: Range<Int>) -> UInt64 {
                var key: UInt64 = 0
                for index in range.lowerBound..<(range.lowerBound + 8) {
                    key = key << 8 | UInt64(index < range.upperBound ? buffer[index] : 0)
                }
                return key
            }
            let used = packages.enumerated().compactMap { slot, bytes in bytes.map { (slot: slot, bytes: $0, key: prefix($0)) } }
            for (position, package) in used.sorted(by: { $0.key != $1.key ? $0.key < $1.key : order($0.bytes, $1.bytes) < 0 }).enumerated() {
                place[package.slot] = Int32(position)
            }
            // A hit whose package is unknown is left out (its package id has no row).
            var ranked = keys.filter { packages[Int($0.package)] != nil }
            for index in ranked.indices { ranked[index].package = place[Int(ranked[index].package)] }
            ranked.sort { a, b in
                if a.package != b.package { return a.package < b.package }
                return Self.order(rank: Int(a.rank), path: UnsafeRawBufferPointer(rebasing: buffer[a.path]), list: a.list,
                                  against: Int(b.rank), UnsafeRawBufferPointer(rebasing: buffer[b.path]), b.list) < 0
            }
            return ranked.map { Int($0.index) }
        }
    }
}

extension ContentsHitOrder {
    /// How two hits of one package order, the rest of the key: the list's rank, the path's bytes, the list's id
    /// (< 0, 0, > 0). ``ContentsTopHits`` orders by the same rule.
    static func order(rank: Int, path: UnsafeRawBufferPointer, list: Int64,
                      against otherRank: Int, _ otherPath: UnsafeRawBufferPointer, _ otherList: Int64) -> Int {
        if rank != otherRank { return rank < otherRank ? -1 : 1 }
        let byPath = ByteSearch.order(path, otherPath)
        if byPath != 0 { return byPath }
        return list == otherList ? 0 : list < otherList ? -1 : 1
    }
}
