import SystemCalls

/// Contents hits too many to hold: a listing of most of an archive (`--path /usr/`, `--path '*'`: bookworm's
/// 7.3 M lines, held as rows, order keys and output they took 2.4 GB). Every `runLength` hits are sorted
/// (``ContentsHitOrder``) and written as one run to a ``SpillFile`` (unlinked, gone when closed); reading merges the
/// runs in the same order, a buffer of ``readBufferSize`` bytes per run. Each hit is a record: the lengths of its
/// package and path, the list's rank, the list's id (20 bytes, little-endian), then the package's and the path's bytes.
/// Read as often as wanted (a text listing reads it twice: its column widths, then its lines).
public final class ContentsSpill {
    let lists: [Int64: IndexSearch.ContentsList]
    private let file: SpillFile
    /// Each run's bytes in the file.
    private var runs: [Range<Int>] = []
    /// How many hits are held.
    public private(set) var count = 0

    init(lists: [Int64: IndexSearch.ContentsList]) throws {
        self.lists = lists
        file = try SpillFile()
    }

    /// Writes `order`'s hits, sorted, as one run.
    func addRun(_ order: ContentsHitOrder) throws {
        guard order.count > 0 else { return }
        let start = file.size
        var header = [UInt8](repeating: 0, count: Self.headerSize)
        try order.forEachSorted { package, rank, path, list in
            header.withUnsafeMutableBytes { header in
                header.storeBytes(of: UInt32(package.count).littleEndian, toByteOffset: 0, as: UInt32.self)
                header.storeBytes(of: UInt32(path.count).littleEndian, toByteOffset: 4, as: UInt32.self)
                header.storeBytes(of: UInt32(rank).littleEndian, toByteOffset: 8, as: UInt32.self)
                header.storeBytes(of: list.littleEndian, toByteOffset: 12, as: Int64.self)
            }
            try header.withUnsafeBytes { try file.append($0) }
            try file.append(package)
            try file.append(path)
        }
        try file.flush()
        runs.append(start..<file.size)
        count += order.count
    }

    /// Each hit as the search returns it, the first `limit` at most, in order (``ContentsHitOrder``'s); not `ordered`,
    /// run after run (for what does not depend on the order: the columns' widths of every hit; 7.3 M hits merged from
    /// 146 runs cost about 10 s).
    public func forEach(limit: Int? = nil, ordered: Bool = true, _ body: (IndexSearch.FileMatch) throws -> Void) throws {
        let readers = try (ordered ? runs : []).map { try RunReader(file: file, bytes: $0) }
        if !ordered {
            var left = limit ?? Int.max
            for run in runs where left > 0 {
                let reader = try RunReader(file: file, bytes: run)
                while let record = reader.current, left > 0 {
                    if let match = reader.withBytes(of: record, { package, path in
                        lists[record.list]?.match(package: String(decoding: package, as: UTF8.self), path: String(decoding: path, as: UTF8.self))
                    }) {
                        try body(match)
                        left -= 1
                    }
                    _ = try reader.advance()
                }
            }
            return
        }
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
        var emitted = 0
        // The last package's string, shared by its hits (they come together).
        var package: (bytes: [UInt8], text: String) = ([], "")
        while let top = heap.first, emitted < limit ?? Int.max {
            let reader = readers[top]
            guard let record = reader.current else { break }
            let match = reader.withBytes(of: record) { packageBytes, path -> IndexSearch.FileMatch? in
                if !packageBytes.elementsEqual(package.bytes) {
                    package = (Array(packageBytes), String(decoding: packageBytes, as: UTF8.self))
                }
                return lists[record.list]?.match(package: package.text, path: String(decoding: path, as: UTF8.self))
            }
            if let match {
                try body(match)
                emitted += 1
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

    /// Hits held before a run is written: about 20 MB of rows and order keys for bookworm's paths, so that a query
    /// stays within 50 MB however many lines it lists.
    public static let defaultRunLength = 50_000

    static let headerSize = 20

    /// Bytes read from a run at a time (bookworm's whole listing is 146 runs of 50,000 hits: 4.7 MB of buffers).
    static let readBufferSize = 32 << 10

    /// One run read record by record.
    private final class RunReader {
        struct Record {
            var package: Range<Int>
            var path: Range<Int>
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

        /// Decodes the next record; false at the end of the run (a cut record, which only a failed write could
        /// leave, ends it too).
        func advance() throws -> Bool {
            current = nil
            guard try available(ContentsSpill.headerSize) else { return false }
            let (packageCount, pathCount, rank, list) = buffer.withUnsafeBytes { header in
                let base = UnsafeRawBufferPointer(rebasing: header[position...])
                return (Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 0, as: UInt32.self))),
                        Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4, as: UInt32.self))),
                        Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt32.self))),
                        Int64(littleEndian: base.loadUnaligned(fromByteOffset: 12, as: Int64.self)))
            }
            let size = ContentsSpill.headerSize + packageCount + pathCount
            guard try available(size) else { return false }
            let packageStart = position + ContentsSpill.headerSize
            current = Record(package: packageStart..<(packageStart + packageCount),
                             path: (packageStart + packageCount)..<(packageStart + packageCount + pathCount), rank: rank, list: list)
            position += size
            return true
        }

        /// `record`'s (the current one's) package and path bytes.
        func withBytes<T>(of record: Record, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> T) rethrows -> T {
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[record.package]), UnsafeRawBufferPointer(rebasing: $0[record.path])) }
        }

        /// How this reader's current record orders against `other`'s (``ContentsHitOrder``: package, then rank, path, list).
        func order(against other: RunReader) -> Int {
            guard let a = current, let b = other.current else { return current == nil ? 1 : -1 }
            return buffer.withUnsafeBytes { mine in
                other.buffer.withUnsafeBytes { theirs in
                    let byPackage = ByteSearch.order(UnsafeRawBufferPointer(rebasing: mine[a.package]), UnsafeRawBufferPointer(rebasing: theirs[b.package]))
                    if byPackage != 0 { return byPackage }
                    return ContentsHitOrder.order(rank: a.rank, path: UnsafeRawBufferPointer(rebasing: mine[a.path]), list: a.list,
                                                  against: b.rank, UnsafeRawBufferPointer(rebasing: theirs[b.path]), b.list)
                }
            }
        }
    }
}
