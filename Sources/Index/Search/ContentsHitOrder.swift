import SystemCalls

/// The order of Contents hits: by package, the list's rank (architecture, area and artifact), path, each bytewise
/// as SQLite compares, then the list's id (a stable order). Sorted here, not by SQLite (its sorter: 31 M of the 228 M
/// instructions of `search --path gcc-12`, 9,061 hits; here 20 M), over one buffer of every package and path, filled
/// from the bytes the search already holds: sorting the strings themselves cost 57 M (each comparison retained
/// them and looked the ranks up), ranking the distinct packages first 10 M more than it saved, and reading the
/// strings' UTF-8 back into the buffer 13 M of `*.desktop`'s 218 M.
struct ContentsHitOrder {
    private struct Key {
        var index: Int
        var package: Range<Int>
        var rank: Int
        var path: Range<Int>
        var list: Int64
    }
    private var bytes: [UInt8] = []
    private var keys: [Key] = []

    /// Adds the next hit (its index is the number added before it).
    mutating func append(package: [UInt8], rank: Int, path: [UInt8], list: Int64) {
        let packageStart = bytes.count
        bytes.append(contentsOf: package)
        let pathStart = bytes.count
        bytes.append(contentsOf: path)
        keys.append(Key(index: keys.count, package: packageStart..<pathStart, rank: rank, path: pathStart..<bytes.count, list: list))
    }

    /// The hits' indices in order.
    func sorted() -> [Int] {
        bytes.withUnsafeBytes { buffer in
            func order(_ a: Range<Int>, _ b: Range<Int>) -> Int {
                ByteSearch.order(UnsafeRawBufferPointer(rebasing: buffer[a]), UnsafeRawBufferPointer(rebasing: buffer[b]))
            }
            return keys.sorted { a, b in
                let package = order(a.package, b.package)
                if package != 0 { return package < 0 }
                if a.rank != b.rank { return a.rank < b.rank }
                let path = order(a.path, b.path)
                return path != 0 ? path < 0 : a.list < b.list
            }.map(\.index)
        }
    }
}
