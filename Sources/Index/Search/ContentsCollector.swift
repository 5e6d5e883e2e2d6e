import SQLite

/// The hits of a Contents search, gathered as its candidate rows go by (``add(list:directoryID:packageID:name:)``):
/// each row's path is built from its directory (read once per distinct id) and name and tested exactly; a match is
/// kept among the first `limit`, or put in order (held, or sorted in runs on a temporary file when there are
/// more than `runLength`); ``finish()`` gives them in order.
struct ContentsCollector {
    private let db: Database
    private let lists: [Int64: IndexSearch.ContentsList]
    private let test: ContentsPathTest
    private let limit: Int?
    private let runLength: Int
    // At most 16,384 directories remembered (about 1.6 MB): a scan of every entry meets all 545 k of bookworm's, in key order,
    // each once; a name-led listing meets a directory per few hits (`*.desktop`'s 8,339 hits: under 16,384).
    private var directories: ContentsLookup<[UInt8]>
    // One string per package, shared by its rows.
    private var packages: ContentsLookup<String>
    // Without an indexed .deb nothing is left out: no lookup per package.
    private var shadowing: [ContentsPackageKey: Bool]?
    private var order = ContentsHitOrder()
    // With a limit, only the first hits are kept as the rows stream by (memory bounded by the limit); a limit
    // above the run length is cut from the spilled runs.
    private var top: ContentsTopHits?
    // The packages are read once the hits are known, in id order (one page of `contents_packages` after the
    // other), unless a hit needs its package as it goes by (kept among the first few, or maybe answered by an
    // indexed .deb): `*.desktop`'s 3,043 packages, 471 of its 7,859 page reads fewer.
    private let packagesLater: Bool
    private var spill: ContentsSpill?
    private var canSpill = true
    private var path: [UInt8] = []
    // The rank of the last row's list: rows come grouped by list, or by name (most in one list).
    private var lastList: (id: Int64, rank: Int) = (-1, 0)

    init(db: Database, lists: [Int64: IndexSearch.ContentsList], test: ContentsPathTest, limit: Int?, runLength: Int) throws {
        self.db = db
        self.lists = lists
        self.test = test
        self.limit = limit
        self.runLength = runLength
        directories = try ContentsLookup(db: db, sql: "SELECT path FROM contents_dirs WHERE id = ?1", forgettingAfter: 16_384) {
            $0.withBytes(at: 0) { Array($0) }
        }
        packages = try ContentsLookup(db: db, sql: "SELECT name FROM contents_packages WHERE id = ?1",
                                      manySQL: "SELECT p.name, j.value FROM json_each(?1) j CROSS JOIN contents_packages p ON p.id = j.value") {
            $0.withBytes(at: 0) { String(decoding: $0, as: UTF8.self) }
        }
        shadowing = try db.scalar("SELECT EXISTS (SELECT 1 FROM binaries)")?.int == 1 ? [:] : nil
        top = limit.flatMap { $0 <= max(runLength, 1) ? ContentsTopHits(limit: $0) : nil }
        packagesLater = top == nil && shadowing == nil
    }

    /// One candidate: `name` in directory `directoryID`, shipped by package `packageID`, a line of `list`. A row whose
    /// list is not in scope, or whose directory or package has no row, is left out (as a join would leave it out).
    mutating func add(list: Int64, directoryID: Int64, packageID: Int64, name: UnsafeRawBufferPointer) throws {
        path.removeAll(keepingCapacity: true)
        guard let directory = try directories.entry(directoryID)?.value else { return }
        path.append(contentsOf: directory)
        path.append(contentsOf: name)
        guard try test.matches(&path) else { return }
        if list != lastList.id {
            guard let rank = lists[list]?.rank else { return }
            lastList = (list, rank)
        }
        let slot = packages.slot(packageID)
        if packagesLater {
            order.append(slot: slot, rank: lastList.rank, path: path, list: list)
        } else {
            guard let package = try packages.value(at: slot) else { return }
            if shadowing != nil {
                let key = ContentsPackageKey(list: list, package: packageID)
                if shadowing?[key] == nil {
                    let shadowed = try isShadowed(list: list, package: package)
                    shadowing?[key] = shadowed
                }
                if shadowing?[key] == true { return }
            }
            if top != nil {
                if top?.admits(package: package, rank: lastList.rank, path: path, list: list) == true {
                    top?.insert(ContentsTopHits.Hit(package: package, rank: lastList.rank, path: path, list: list))
                }
                return
            }
            order.append(package: package, slot: slot, rank: lastList.rank, path: path, list: list)
        }
        if order.count >= max(runLength, 1) && canSpill {
            // No temporary file (a read-only or missing $TMPDIR): the listing is held, as it was before runs.
            if spill == nil { spill = try? ContentsSpill(lists: lists) }
            if let spill {
                try packages.give(to: &order)
                try spill.addRun(order)
                order = ContentsHitOrder()
                return
            }
            canSpill = false
        }
    }

    /// The hits kept, in order. Those held are given as one run kept in memory: a listing is written from its bytes
    /// (``ContentsSpill/forEachRecord(limit:_:)``) whether it was held or spilled, not made into hits of strings
    /// first (`*.desktop`'s 8,339 hits: a string for each path, a hit of nine for each line).
    mutating func finish() throws -> IndexSearch.ContentsHits {
        if let top {
            return .held(top.sorted().compactMap { hit in lists[hit.list]?.match(package: hit.package, path: String(decoding: hit.path, as: UTF8.self)) })
        }
        try packages.give(to: &order)
        if let spill {
            try spill.addRun(order)
            return .spilled(spill, limit: limit)
        }
        guard order.count > 0 else { return .held([]) }
        return .spilled(ContentsSpill(lists: lists, holding: order), limit: limit)
    }

    /// Whether `package`'s own .deb of the Contents list's architecture (or `all`) is indexed in the list's
    /// repository: its file list then answers for it, and the list's lines for it are left out.
    private func isShadowed(list: Int64, package: String) throws -> Bool {
        try db.scalar("""
            SELECT EXISTS (SELECT 1 FROM contents_lists l JOIN files f ON f.id = l.file_id JOIN binaries b
                JOIN files bf ON bf.id = b.file_id WHERE l.id = ?1 AND b.package = ?2
                AND bf.repository_id = f.repository_id AND b.architecture IN (l.architecture, 'all'))
            """, [.integer(list), .text(package)])?.int == 1
    }

}

/// A Contents list and a package id, the key of the packages an indexed .deb answers for.
private struct ContentsPackageKey: Hashable {
    var list: Int64
    var package: Int64
}

/// The text of a directory or package id, read once per id: a listing's rows share a few hundred of each. Each
/// distinct id gets a dense slot in the order first met (the sort's package slots), and the last id met is
/// answered without hashing (rows come grouped by directory, or by name within a directory). A slot's value is
/// read when first asked for (``entry(_:)``, ``value(at:)``), or with others in id order (``read(_:)``: one page
/// after the other instead of scattered seeks).
private struct ContentsLookup<Value> {
    let statement: Statement
    /// The value of the statement's current row.
    let read: (Statement) -> Value
    /// A statement reading the values of many ids at once (the value, then the id, for a JSON array of ids), and the
    /// database to prepare it on when first needed.
    let manySQL: String?
    let db: Database
    /// How many slots are remembered before all are forgotten (nil: no bound; the slots then start again). Only for
    /// values read as soon as their slot is given (``entry(_:)``).
    let maximumCount: Int?
    private var ids: [Int64] = []
    /// By slot: nil until read; then the value, or nil inside for an id with no row (never in an index debwork wrote:
    /// no row of either table is deleted).
    private var values: [Value??] = []
    private var slots: [Int64: Int] = [:]
    private var last: (id: Int64, slot: Int)?

    init(db: Database, sql: String, manySQL: String? = nil, forgettingAfter maximumCount: Int? = nil,
         read: @escaping (Statement) -> Value) throws {
        statement = try db.prepare(sql)
        self.db = db
        self.manySQL = manySQL
        self.maximumCount = maximumCount
        self.read = read
    }

    /// `id`'s slot and the value of its row, read now if it was not; nil for an id with no row.
    mutating func entry(_ id: Int64) throws -> (slot: Int, value: Value)? {
        let slot = slot(id)
        return try value(at: slot).map { (slot, $0) }
    }

    /// The slot of `id` (a new one for an id not met since the slots last started), its value not read.
    mutating func slot(_ id: Int64) -> Int {
        if let last, last.id == id { return last.slot }
        let slot: Int
        if let known = slots[id] {
            slot = known
        } else {
            if let maximumCount, ids.count >= maximumCount {
                ids.removeAll(keepingCapacity: true)
                values.removeAll(keepingCapacity: true)
                slots.removeAll(keepingCapacity: true)
            }
            slot = ids.count
            ids.append(id)
            values.append(nil)
            slots[id] = slot
        }
        last = (id, slot)
        return slot
    }

    /// The value of `slot`'s row, read now if it was not; nil for an id with no row.
    mutating func value(at slot: Int) throws -> Value? {
        if let known = values[slot] { return known }
        // Reset after each read (not before too: a reset is about 500 instructions).
        defer { statement.rewind() }
        try statement.bind(ids[slot], at: 1)
        let value = try statement.step() ? read(statement) : nil
        values[slot] = .some(value)
        return value
    }

    /// Reads the values of `slots` not read yet, in the order of their ids: many at once through ``manySQL`` (one
    /// statement seeking each id inside SQLite: `*.desktop`'s 3,043 packages 14.6 → 10.7 M instructions, where a step,
    /// a reset and a bind for each cost 4,800), a few one by one.
    mutating func read(_ slots: [Int]) throws {
        let unread = slots.filter { values[$0] == nil }.sorted { ids[$0] < ids[$1] }
        guard let manySQL, maximumCount == nil, unread.count >= Self.manyAtLeast else {
            for slot in unread { _ = try value(at: slot) }
            return
        }
        let many = try db.prepare(manySQL)
        defer { many.rewind() }
        // The ids as a JSON array, their digits written here (`String(_:)` and `joined` cost 870 instructions an id).
        var json: [UInt8] = [UInt8(ascii: "[")], digits: [UInt8] = []
        json.reserveCapacity(unread.count * 8 + 2)
        for slot in unread {
            if json.count > 1 { json.append(UInt8(ascii: ",")) }
            if ids[slot] < 0 { json.append(UInt8(ascii: "-")) }
            digits.removeAll(keepingCapacity: true)
            var id = ids[slot].magnitude
            repeat {
                digits.append(UInt8(ascii: "0") + UInt8(id % 10))
                id /= 10
            } while id > 0
            json.append(contentsOf: digits.reversed())
        }
        json.append(UInt8(ascii: "]"))
        try many.bind([.text(String(decoding: json, as: UTF8.self))])
        while try many.step() {
            if let slot = self.slots[many.int64(at: 1)] { values[slot] = .some(read(many)) }
        }
        // An id with no row has no value.
        for slot in unread where values[slot] == nil { values[slot] = .some(nil) }
    }

    /// Unread slots at least this many are read through ``manySQL``.
    static var manyAtLeast: Int { 32 }

    /// The value of `slot` once read (nil: not read, or no row).
    func readValue(_ slot: Int) -> Value? {
        values[slot] ?? nil
    }
}

extension ContentsLookup where Value == String {
    /// Gives `order` the packages of its hits it lacks (this lookup's slots are the order's), reading those not read yet.
    mutating func give(to order: inout ContentsHitOrder) throws {
        let slots = order.slotsWithoutPackage
        try read(slots)
        for slot in slots { if let name = readValue(slot) { order.setPackage(name, slot: slot) } }
    }
}
