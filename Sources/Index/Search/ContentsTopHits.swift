import SystemCalls

/// The first `limit` Contents hits in ``ContentsHitOrder``'s order (the package's bytes, then
/// ``ContentsHitOrder/order(rank:path:list:against:_:_:)``), kept while the rows stream by: a max-heap of at most
/// `limit` hits, the last of them on top. `search --path '*' --limit 5` held all 7.3 M rows of bookworm's Contents to
/// sort them (2.4 GB, 24 s); a row that would not be among the first is dropped after one comparison with the top,
/// before any copy is made.
struct ContentsTopHits {
    struct Hit {
        var package: String
        var rank: Int
        var path: [UInt8]
        var list: Int64
    }
    let limit: Int
    private var heap: [Hit] = []

    init(limit: Int) {
        self.limit = max(limit, 0)
    }

    /// Whether a hit with these keys would be among the first `limit` of those seen so far.
    func admits(package: String, rank: Int, path: [UInt8], list: Int64) -> Bool {
        guard limit > 0 else { return false }
        guard heap.count == limit else { return true }
        return Self.order(package, rank, path, list, heap[0]) < 0
    }

    /// Adds `hit`, which ``admits(package:rank:path:list:)`` accepted, dropping the last hit when `limit` are held.
    mutating func insert(_ hit: Hit) {
        if heap.count < limit {
            heap.append(hit)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.precedes(heap[parent], heap[child]) else { break }
                heap.swapAt(parent, child)
                child = parent
            }
            return
        }
        heap[0] = hit
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var last = parent
            if left < heap.count && Self.precedes(heap[last], heap[left]) { last = left }
            if right < heap.count && Self.precedes(heap[last], heap[right]) { last = right }
            guard last != parent else { break }
            heap.swapAt(parent, last)
            parent = last
        }
    }

    /// The hits held, in order.
    func sorted() -> [Hit] {
        heap.sorted(by: Self.precedes)
    }

    private static func precedes(_ a: Hit, _ b: Hit) -> Bool {
        order(a.package, a.rank, a.path, a.list, b) < 0
    }

    /// How a hit with these keys orders against `hit`: < 0, 0 or > 0.
    private static func order(_ package: String, _ rank: Int, _ path: [UInt8], _ list: Int64, _ hit: Hit) -> Int {
        let byPackage = ByteSearch.order(package, hit.package)
        if byPackage != 0 { return byPackage }
        return path.withUnsafeBytes { a in
            hit.path.withUnsafeBytes { ContentsHitOrder.order(rank: rank, path: a, list: list, against: hit.rank, $0, hit.list) }
        }
    }
}
