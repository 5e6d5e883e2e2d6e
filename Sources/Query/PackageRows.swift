import DebianFormats
import SystemCalls

/// The rows of a name or `--where` listing, their text in one byte store: a whole release listed (`search '*'` on
/// bookworm main: 97,775 rows) held ten `String`s per row in three shapes one after another (the index's rows, the
/// service's, the hits grouped by source), 77–99 MB at the peak; here a row is its bytes (in blocks of 1 MiB, never an
/// array that doubled past them) and nine offsets, about 150 bytes.
///
/// A row is one artifact file of a source (its area and path) or one index-only package (its stanza's fields and
/// where its file would be). Rows are compared by their bytes.
struct PackageRows: Sendable {
    /// A row's texts, in the order they are stored.
    enum Field: Int, CaseIterable {
        case source, sourceVersion, path, kind, package, version, architecture, distribution, component

        /// How many fields a row has (`allCases.count` builds the array of cases at each use).
        static let count = 9
    }

    /// The area of index-only rows, after the three ``SearchArea``s; a row of an area no search lists is kept (its
    /// version counts for `--latest`) but never listed.
    static let indexOnlyArea: UInt8 = 3
    static let unlistedArea: UInt8 = .max

    /// The rows' texts, each row's nine end to end in one block.
    private let storage = ByteBlocks()
    /// Each row's block and where its first field starts in it.
    private var rowBlocks: [UInt32] = []
    private var rowStarts: [UInt32] = []
    /// Each row's fields' end offsets in its block (a field starts where the previous one ends).
    private var ends: [UInt32] = []
    private var areas: [UInt8] = []

    init() {}

    var count: Int { areas.count }

    /// The row's area: a ``SearchArea``'s rank, ``indexOnlyArea`` or ``unlistedArea``.
    func area(_ row: Int) -> UInt8 { areas[row] }

    /// The ``SearchArea`` of the row, nil for an index-only or unlisted row.
    func searchArea(_ row: Int) -> SearchArea? {
        switch areas[row] {
        case 0: .repositories
        case 1: .builds
        case 2: .events
        default: nil
        }
    }

    static func areaCode(_ area: String) -> UInt8 {
        if area == SearchService.indexOnlyArea { return indexOnlyArea }
        switch SearchArea(rawValue: area) {
        case .repositories: return 0
        case .builds: return 1
        case .events: return 2
        case nil: return unlistedArea
        }
    }

    /// Appends a row of an area (a file: `kind`, `package`, `version` are the file's, for `--latest`; the other
    /// fields empty) or of the index-only area (every field). Rows are appended to one value only: copies share
    /// their storage.
    /// - Throws: ``SearchError`` for a row of more than 4 GiB of text (its offsets are 32 bits).
    mutating func append(area: String, source: String, sourceVersion: String, path: String, kind: String = "",
                         package: String = "", version: String = "", architecture: String = "",
                         distribution: String = "", component: String = "") throws {
        let size = source.utf8.count + sourceVersion.utf8.count + path.utf8.count + kind.utf8.count + package.utf8.count
            + version.utf8.count + architecture.utf8.count + distribution.utf8.count + component.utf8.count
        guard size < UInt32.max else {
            throw SearchError("a listing's row is too long to hold (\(size) bytes of text)")
        }
        let (block, start) = storage.reserve(size)
        rowBlocks.append(UInt32(block))
        rowStarts.append(UInt32(start))
        var position = start
        let base = storage.base(of: block)
        // Field by field, in ``Field`` order: no array of the nine texts per row, and no nested function capturing
        // `position` and `ends` (each access to a captured variable is checked for exclusivity at run time).
        Self.put(source, at: base, &position, &ends)
        Self.put(sourceVersion, at: base, &position, &ends)
        Self.put(path, at: base, &position, &ends)
        Self.put(kind, at: base, &position, &ends)
        Self.put(package, at: base, &position, &ends)
        Self.put(version, at: base, &position, &ends)
        Self.put(architecture, at: base, &position, &ends)
        Self.put(distribution, at: base, &position, &ends)
        Self.put(component, at: base, &position, &ends)
        areas.append(Self.areaCode(area))
    }

    /// Copies `text` to `base + position`, moves `position` past it and records where it ends.
    private static func put(_ text: String, at base: UnsafeMutableRawPointer, _ position: inout Int, _ ends: inout [UInt32]) {
        var text = text
        let start = position
        text.withUTF8 { utf8 in
            if let bytes = utf8.baseAddress { (base + start).copyMemory(from: bytes, byteCount: utf8.count) }
        }
        position += text.utf8.count
        ends.append(UInt32(position))
    }

    /// The field's bytes, valid inside `body`.
    func withField<Result>(_ row: Int, _ field: Field, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let index = row * Field.count + field.rawValue
        let start = field.rawValue == 0 ? Int(rowStarts[row]) : Int(ends[index - 1]), end = Int(ends[index])
        return try body(UnsafeRawBufferPointer(start: storage.base(of: Int(rowBlocks[row])) + start, count: end - start))
    }

    func string(_ row: Int, _ field: Field) -> String {
        withField(row, field) { String(decoding: $0, as: UTF8.self) }
    }

    /// How the field orders in rows `a` and `b` by its bytes (code points, as Python's `sorted` orders mini-buildd's
    /// names): < 0, 0 or > 0. Not `String`'s order: that holds canonically equivalent texts equal, and merged two files
    /// whose names differ only in their Unicode form (`é` and `e` + U+0301) into one line.
    func order(_ a: Int, _ b: Int, _ field: Field) -> Int {
        withField(a, field) { x in withField(b, field) { y in ByteSearch.order(x, y) } }
    }

    /// Whether the field is the same bytes in rows `a` and `b`.
    func same(_ a: Int, _ b: Int, _ field: Field) -> Bool { order(a, b, field) == 0 }

    /// How rows `a` and `b` order in a listing: by source, area, then path (a file) or package, version,
    /// architecture, distribution, component, path and kind (an index-only package, as ``IndexOnlyHit`` orders); 0
    /// for the same listed line.
    func listingOrder(_ a: Int, _ b: Int) -> Int {
        let source = order(a, b, .source)
        if source != 0 { return source }
        if areas[a] != areas[b] { return areas[a] < areas[b] ? -1 : 1 }
        guard areas[a] == Self.indexOnlyArea else { return order(a, b, .path) }
        for field in Self.indexOnlyOrder {
            let result = order(a, b, field)
            if result != 0 { return result }
        }
        return 0
    }

    private static let indexOnlyOrder: [Field] = [.package, .version, .architecture, .distribution, .component, .path, .kind]

    /// The bytes of an index-only row's `dist/component package version architecture`.
    func indexOnlyPartsBytes(_ row: Int) -> Int {
        let first = row * Field.count
        return Int(ends[first + Field.component.rawValue]) - Int(ends[first + Field.distribution.rawValue - 1])
            + Int(ends[first + Field.architecture.rawValue]) - Int(ends[first + Field.package.rawValue - 1]) + 4
    }

    /// The row as the hit it stands for, if it is an index-only package.
    func indexOnlyHit(_ row: Int) -> IndexOnlyHit? {
        guard areas[row] == Self.indexOnlyArea else { return nil }
        return IndexOnlyHit(kind: string(row, .kind), package: string(row, .package), version: string(row, .version),
                            architecture: string(row, .architecture), distribution: string(row, .distribution),
                            component: string(row, .component), path: string(row, .path))
    }
}

/// Append-only bytes in blocks of 1 MiB, each allocated once (a row larger than that gets a block of its own): the
/// rows' text is never in an array that doubled past it (a whole release's 10 MB of text took a 16 MB array). Written
/// while the rows are read, then only read; ``PackageRows`` values share it, and only the one being built appends.
private final class ByteBlocks: @unchecked Sendable {
    static let size = 1 << 20
    private var blocks: [UnsafeMutableRawPointer] = []
    private var capacity = 0
    private var used = 0

    deinit {
        for block in blocks { block.deallocate() }
    }

    /// Where the next `count` bytes go: a block and an offset in it, with room for all of them.
    func reserve(_ count: Int) -> (block: Int, offset: Int) {
        if blocks.isEmpty || used + count > capacity {
            capacity = max(Self.size, count)
            blocks.append(.allocate(byteCount: capacity, alignment: 16))
            used = 0
        }
        defer { used += count }
        return (blocks.count - 1, used)
    }

    func base(of block: Int) -> UnsafeMutableRawPointer { blocks[block] }
}
