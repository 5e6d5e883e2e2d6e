import SystemCalls

/// Contents hits too many to hold: a listing of most of an archive (`--path /usr/`, `--path '*'`: bookworm's
/// 7.3 M lines; held as rows, order keys and output they took 7.9 GB). Every `runLength` hits are sorted
/// (``ContentsHitOrder``) and written as one run to a ``SpillFile`` (unlinked, gone when closed); reading merges the
/// runs in the same order, a buffer of ``readBufferSize`` bytes per run. Read as often as wanted (a text listing reads
/// it twice: its column widths, then its lines).
///
/// A run's records are front-coded, as its hits are sorted by package and path: each is five LEB128 numbers —
/// the package's length + 1 (0: the previous record's package), the bytes its path shares with the previous path,
/// the length of the rest, the list's rank, the list's id — then the package's bytes (when given) and the rest of the
/// path. Bookworm's whole listing: 170 MB so, 737 MB as plain records (the package and path whole, 20 bytes of numbers).
///
/// Hits few enough to hold are kept as they were gathered, sorted once (``init(lists:holding:)``), and read through the
/// same calls: a listing is written from its hits' bytes however many there are.
public final class ContentsSpill {
    let lists: [Int64: IndexSearch.ContentsList]
    private let file: SpillFile?
    /// Each run's bytes in the file.
    private var runs: [Range<Int>] = []
    /// The hits held instead, and their order.
    private let held: (hits: ContentsHitOrder, order: [Int])?
    /// How many hits there are.
    public private(set) var count = 0

    init(lists: [Int64: IndexSearch.ContentsList]) throws {
        self.lists = lists
        file = try SpillFile()
        held = nil
    }

    /// The hits of `hits`, held (no file).
    init(lists: [Int64: IndexSearch.ContentsList], holding hits: ContentsHitOrder) {
        self.lists = lists
        file = nil
        let order = hits.sorted()
        held = (hits, order)
        count = order.count
    }

    /// Writes `order`'s hits, sorted, as one run.
    func addRun(_ order: ContentsHitOrder) throws {
        guard order.count > 0, let file else { return }
        let start = file.size
        var record: [UInt8] = []
        var previousPackage: [UInt8]?
        var previousPath: [UInt8] = []
        try order.forEachSorted { package, rank, path, list in
            record.removeAll(keepingCapacity: true)
            let samePackage = previousPackage.map { package.elementsEqual($0) } ?? false
            Self.appendNumber(samePackage ? 0 : UInt64(package.count) + 1, to: &record)
            let shared = previousPath.withUnsafeBytes { ByteSearch.commonPrefixLength(path, $0) }
            Self.appendNumber(UInt64(shared), to: &record)
            Self.appendNumber(UInt64(path.count - shared), to: &record)
            Self.appendNumber(UInt64(rank), to: &record)
            Self.appendNumber(UInt64(bitPattern: list), to: &record)
            if !samePackage {
                record.append(contentsOf: package)
                previousPackage = Array(package)
            }
            record.append(contentsOf: path[shared...])
            previousPath.removeAll(keepingCapacity: true)
            previousPath.append(contentsOf: path)
            try record.withUnsafeBytes { try file.append($0) }
        }
        try file.flush()
        runs.append(start..<file.size)
        count += order.count
    }

    /// `value` as LEB128 (seven bits a byte, the low ones first, the high bit set on all but the last).
    static func appendNumber(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Each hit as the search returns it, the first `limit` at most, in order (``ContentsHitOrder``'s).
    public func forEach(limit: Int? = nil, _ body: (IndexSearch.FileMatch) throws -> Void) throws {
        // The last package's string, shared by its hits (they come together).
        var package: (bytes: [UInt8], text: String) = ([], "")
        try forEachRecord(limit: limit) { packageBytes, path, list in
            if !packageBytes.elementsEqual(package.bytes) { package = (Array(packageBytes), String(decoding: packageBytes, as: UTF8.self)) }
            if let match = lists[list]?.match(package: package.text, path: String(decoding: path, as: UTF8.self)) { try body(match) }
        }
    }

    /// Each hit's package and path bytes and its list's id, the first `limit` at most, in order (``ContentsHitOrder``'s),
    /// without making a hit of each: for a text listing, written from the bytes. Hits of a list not in scope are left
    /// out (and not counted).
    public func forEachRecord(limit: Int? = nil,
                              _ body: (_ package: UnsafeRawBufferPointer, _ path: UnsafeRawBufferPointer, _ list: Int64) throws -> Void) throws {
        var left = limit ?? Int.max
        var scope = ScopeTest(lists: lists)
        if let held {
            try held.hits.forEach(held.order) { package, _, path, list in
                guard left > 0, scope.admits(list) else { return }
                try body(package, path, list)
                left -= 1
            }
            return
        }
        guard let file else { return }
        let readers = try runs.map { try RunReader(file: file, bytes: $0) }
        // A min-heap of the runs that have a current record.
        var heap = readers.indices.filter { readers[$0].current != nil }
        func precedes(_ a: Int, _ b: Int) -> Bool { readers[a].order(against: readers[b]) < 0 }
        func siftDown(from start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var first = parent
                if left < heap.count && precedes(heap[left], heap[first]) { first = left }
                if right < heap.count && precedes(heap[right], heap[first]) { first = right }
                guard first != parent else { return }
                heap.swapAt(parent, first)
                parent = first
            }
        }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(from: index) }
        while let top = heap.first, left > 0 {
            let reader = readers[top]
            if let list = reader.current?.list, scope.admits(list) {
                try reader.package.withUnsafeBytes { package in try reader.path.withUnsafeBytes { try body(package, $0, list) } }
                left -= 1
            }
            if try reader.advance() {
                siftDown(from: 0)
            } else {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
                siftDown(from: 0)
            }
        }
    }

    /// Each hit's package and path bytes and its list's id, run after run (no order, no limit), without making a hit
    /// of each: for what depends on neither (a text listing's column widths). Hits of a list not in scope, which
    /// ``forEach(limit:_:)`` leaves out, are left out.
    public func forEachUnordered(_ body: (_ package: UnsafeRawBufferPointer, _ path: UnsafeRawBufferPointer, _ list: Int64) throws -> Void) throws {
        var scope = ScopeTest(lists: lists)
        if let held {
            try held.hits.forEach(held.order) { package, _, path, list in
                if scope.admits(list) { try body(package, path, list) }
            }
            return
        }
        guard let file else { return }
        for run in runs {
            let reader = try RunReader(file: file, bytes: run)
            while let record = reader.current {
                if scope.admits(record.list) {
                    try reader.package.withUnsafeBytes { package in try reader.path.withUnsafeBytes { try body(package, $0, record.list) } }
                }
                _ = try reader.advance()
            }
        }
    }

    /// A hit of `list` shipping `path` in `package` (nil for a list not in scope): the columns every hit of the list has.
    public func match(list: Int64, package: String, path: String) -> IndexSearch.FileMatch? {
        lists[list]?.match(package: package, path: path)
    }

    /// Hits held before a run is written: about 12 MB of rows and order keys for bookworm's paths, so that a query
    /// stays within 50 MB however many lines it lists.
    public static let defaultRunLength = 40_000

    /// Bytes read from a run at a time (bookworm's whole listing is 185 runs of 40,000 hits: 5.9 MB of buffers).
    static let readBufferSize = 32 << 10

    /// Whether a hit's list is in scope, the last list's answer kept (hits come in runs of one list): a hash a run,
    /// not a hash a hit.
    private struct ScopeTest {
        let lists: [Int64: IndexSearch.ContentsList]
        var last: (list: Int64, admitted: Bool) = (-1, false)

        mutating func admits(_ list: Int64) -> Bool {
            if list != last.list { last = (list, lists[list] != nil) }
            return last.admitted
        }
    }

    /// One run read record by record: the current record's package and path rebuilt in arrays of their own.
    private final class RunReader {
        struct Record {
            var rank: Int
            var list: Int64
        }
        let file: SpillFile
        /// The run's bytes not yet read into the buffer.
        var remaining: Range<Int>
        var buffer: [UInt8] = []
        /// The buffer's bytes from here on are not yet decoded.
        var position = 0
        private(set) var current: Record?
        private(set) var package: [UInt8] = []
        private(set) var path: [UInt8] = []

        init(file: SpillFile, bytes: Range<Int>) throws {
            self.file = file
            remaining = bytes
            _ = try advance()
        }

        /// Whether `count` bytes from ``position`` are in the buffer, reading more of the run when needed.
        private func available(_ count: Int) throws -> Bool {
            if buffer.count - position >= count { return true }
            buffer.removeSubrange(0..<position)
            position = 0
            let wanted = min(max(ContentsSpill.readBufferSize, count) - buffer.count, remaining.count)
            guard wanted > 0 else { return buffer.count >= count }
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: wanted))
            let read = try buffer.withUnsafeMutableBytes { try file.read(at: remaining.lowerBound, into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
            buffer.removeLast(wanted - read)
            remaining = (remaining.lowerBound + read)..<remaining.upperBound
            return buffer.count >= count
        }

        /// The five LEB128 numbers that begin a record, decoded from the buffer (made to hold them first: at most 50
        /// bytes, fewer only at the run's end), ``position`` moved past them; nil when the run ends inside them.
        private func numbers() throws -> (UInt64, UInt64, UInt64, UInt64, UInt64)? {
            _ = try available(50)
            var numbers: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
            let end = buffer.withUnsafeBufferPointer { bytes -> Int? in
                var cursor = position
                func next() -> UInt64? {
                    var value: UInt64 = 0
                    for shift in stride(from: UInt64(0), to: 64, by: 7) {
                        guard cursor < bytes.count else { return nil }
                        let byte = bytes[cursor]
                        cursor += 1
                        value |= UInt64(byte & 0x7F) << shift
                        if byte < 0x80 { return value }
                    }
                    return nil
                }
                guard let a = next(), let b = next(), let c = next(), let d = next(), let e = next() else { return nil }
                numbers = (a, b, c, d, e)
                return cursor
            }
            guard let end else { return nil }
            position = end
            return numbers
        }

        /// Decodes the next record; false at the end of the run (a cut or inconsistent record, which only a failed
        /// write could leave, ends it too).
        func advance() throws -> Bool {
            current = nil
            guard let (packageCode, shared, rest, rank, list) = try numbers(),
                  shared <= path.count, packageCode <= Int.max / 4, rest <= Int.max / 4 else { return false }
            let packageCount = packageCode == 0 ? 0 : Int(packageCode - 1)
            guard try available(packageCount + Int(rest)) else { return false }
            if packageCode != 0 {
                package.removeAll(keepingCapacity: true)
                package.append(contentsOf: buffer[position..<(position + packageCount)])
                position += packageCount
            }
            path.removeLast(path.count - Int(shared))
            path.append(contentsOf: buffer[position..<(position + Int(rest))])
            position += Int(rest)
            current = Record(rank: Int(truncatingIfNeeded: rank), list: Int64(bitPattern: list))
            return true
        }

        /// How this reader's current record orders against `other`'s (``ContentsHitOrder``: package, then rank, path, list).
        func order(against other: RunReader) -> Int {
            guard let a = current, let b = other.current else { return current == nil ? 1 : -1 }
            return package.withUnsafeBytes { myPackage in
                other.package.withUnsafeBytes { theirPackage in
                    let byPackage = ByteSearch.order(myPackage, theirPackage)
                    if byPackage != 0 { return byPackage }
                    return path.withUnsafeBytes { myPath in
                        other.path.withUnsafeBytes { theirPath in
                            ContentsHitOrder.order(rank: a.rank, path: myPath, list: a.list, against: b.rank, theirPath, b.list)
                        }
                    }
                }
            }
        }
    }
}
