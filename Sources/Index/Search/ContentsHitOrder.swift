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
        var path: Range<Int32>
        var list: Int64
    }
    private var bytes: [UInt8] = []
    private var keys: [Key] = []
    /// Each distinct package's bytes in ``bytes``, by slot.
    private var packages: [Range<Int>] = []
    /// The slot of each package id given.
    private var slots: [Int64: Int32] = [:]

    /// Adds the next hit (its index is the number added before it). `packageID` identifies `package`: hits
    /// with the same id have the same package, and different ids different packages (bytewise).
    mutating func append(package: String, id packageID: Int64, rank: Int, path: [UInt8], list: Int64) {
        let slot: Int32
        if let known = slots[packageID] {
            slot = known
        } else {
            let start = bytes.count
            // Through the string's contiguous UTF-8 (one copy); the `utf8` view goes element by element.
            if package.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: package.utf8)
            }
            slot = Int32(packages.count)
            packages.append(start..<bytes.count)
            slots[packageID] = slot
        }
        let pathStart = Int32(bytes.count)
        bytes.append(contentsOf: path)
        keys.append(Key(index: Int32(keys.count), package: slot, rank: Int32(rank), path: pathStart..<Int32(bytes.count), list: list))
    }

    /// The hits' indices in order.
    func sorted() -> [Int] {
        bytes.withUnsafeBytes { buffer in
            func order(_ a: Range<Int>, _ b: Range<Int>) -> Int {
                ByteSearch.order(UnsafeRawBufferPointer(rebasing: buffer[a]), UnsafeRawBufferPointer(rebasing: buffer[b]))
            }
            var place = [Int32](repeating: 0, count: packages.count)
            for (position, slot) in packages.indices.sorted(by: { order(packages[$0], packages[$1]) < 0 }).enumerated() {
                place[slot] = Int32(position)
            }
            var ranked = keys
            for index in ranked.indices { ranked[index].package = place[Int(ranked[index].package)] }
            ranked.sort { a, b in
                if a.package != b.package { return a.package < b.package }
                if a.rank != b.rank { return a.rank < b.rank }
                let path = order(Int(a.path.lowerBound)..<Int(a.path.upperBound), Int(b.path.lowerBound)..<Int(b.path.upperBound))
                return path != 0 ? path < 0 : a.list < b.list
            }
            return ranked.map { Int($0.index) }
        }
    }
}
