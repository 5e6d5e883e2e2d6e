import Artifacts
import DebianFormats
import SQLite

extension IndexStore {
    /// Streams a Contents file's lines into `contents` (one row per path and package), sharing directory,
    /// name and package strings through their tables. Runs inside the file's savepoint, like every write.
    ///
    /// The file is decompressed and parsed on another thread (``withBackgroundProducer(depth:produce:consume:)``)
    /// while this one writes. Most of an archive's 3.7 M base names occur once, so interning them one line at a
    /// time would insert into the names' unique index, their trigram index and `contents_by_name` in random
    /// order (on bookworm: 460 s, every dirty page spilled again and again). Instead the lines go to a staging
    /// table in file order, many rows per statement (directories and packages are interned on the way: a
    /// Contents file is sorted by path, so a directory's lines follow each other), and set statements then add
    /// the new names in (extension, name) order, the trigram rows of the new directories and names, the entries in key
    /// order, and, when the file is a large share of the index, `contents_by_name` anew.
    /// - Returns: the file's warnings (one line counting its malformed lines, if any).
    func writeContents(_ list: ContentsList, fileID: Int64, limits: ArchiveReaderLimits) throws -> [String] {
        try db.run("""
            INSERT INTO contents_lists(file_id, distribution, component, architecture, udeb) VALUES (?1, ?2, ?3, ?4, ?5)
            """, [.integer(fileID), .text(list.distribution), .text(list.component), .text(list.architecture),
                  SQLValue(list.isUdeb)])
        let listID = db.lastInsertRowID
        // The staging table lives in the temporary database (a file of its own, never in the index or its WAL).
        try db.execute("""
            CREATE TEMP TABLE IF NOT EXISTS contents_stage(
                dir_id INTEGER NOT NULL, name TEXT NOT NULL, package_id INTEGER NOT NULL, name_group INTEGER NOT NULL);
            DELETE FROM temp.contents_stage;
            """)
        // Rows above these ids are the ones this file adds (no row of either table is ever deleted).
        let lastDirectory = try db.scalar("SELECT coalesce(max(id), 0) FROM contents_dirs")?.int ?? 0
        let lastName = try db.scalar("SELECT coalesce(max(id), 0) FROM contents_names")?.int ?? 0
        var strings = ContentsStrings(db: db)
        var stage = ContentsStage(db: db)
        var entries: Int64 = 0
        let path = list.path
        let malformed = try withBackgroundProducer(produce: { emit in
            var batch = ContentsBatch()
            let malformed = try ContentsReader(limits: limits).forEachLine(path) { line, parts in
                batch.append(line, parts)
                if batch.count == Self.contentsBatch {
                    try emit(batch)
                    batch = ContentsBatch()
                }
            }
            if batch.count > 0 { try emit(batch) }
            return malformed
        }, consume: { (batch: ContentsBatch) in
            try batch.forEach { directory, name, packages in
                let directoryID = try strings.directory(directory)
                // One package per line but for shared paths (`a,b`).
                var start = 0
                for end in 0...packages.count where end == packages.count || packages[end] == UInt8(ascii: ",") {
                    let package = try strings.package(UnsafeRawBufferPointer(rebasing: packages[start..<end]))
                    try stage.add(directory: directoryID, name: name, package: package)
                    entries += 1
                    start = end + 1
                }
            }
        })
        try stage.flush()
        let indexed = try db.scalar("SELECT coalesce(sum(entries), 0) FROM contents_lists")?.int ?? 0
        // Rebuilding the name index (one sort) beats inserting a large share of it row by row.
        let rebuild = Self.rebuildsIndex(adding: entries, atLeast: 100_000, of: indexed)
        if rebuild { try db.execute("DROP INDEX IF EXISTS contents_by_name") }
        // New names get their ids by extension, then name (``ContentsNameGroup``): a glob of a name's end
        // (`*.desktop`: 7,192 names on bookworm main) then reads a few neighbouring pages of `contents_names` and
        // `contents_by_name` rather than one page of each per name (7,387 → 714 page reads, 41 → 25 ms), while a
        // prefix's names (`ls…`) split into a run per extension (154 runs, read by one statement; `bin/ls` 12.0 →
        // 13.7 ms). Every query stays exact however the ids were given; only where rows lie changes.
        try db.run("""
            INSERT OR IGNORE INTO contents_names(name)
            SELECT name FROM (SELECT DISTINCT name_group, name FROM temp.contents_stage ORDER BY 1, 2)
            """)
        // The names' FTS5 index merges a level's segments once 8 are there rather than 4 (its default; a setting kept
        // in the table's `_config`, so an index built before gets it too): bookworm main's 3.7 M names are tokenised
        // in 23.4 s instead of 28.3, into 11 segments instead of 12, as large, queries as fast (docs/BENCHMARKS.md,
        // "Tenth session"). 12 was faster still but left 20 segments for every query to read; the 545 k directories
        // keep the default (8 left them in 16 segments instead of 6).
        try db.execute("INSERT INTO contents_name_fts(contents_name_fts, rank) VALUES ('automerge', \(Self.namesAutomerge))")
        try db.run("INSERT INTO contents_name_fts(rowid, name) SELECT id, name FROM contents_names WHERE id > ?1",
                   [.integer(lastName)])
        try db.run("INSERT INTO contents_dir_fts(rowid, path) SELECT id, path FROM contents_dirs WHERE id > ?1",
                   [.integer(lastDirectory)])
        try db.run("""
            INSERT OR IGNORE INTO contents(list_id, dir_id, name_id, package_id)
            SELECT ?1, s.dir_id, n.id, s.package_id FROM temp.contents_stage s JOIN contents_names n ON n.name = s.name
            ORDER BY 2, 3, 4
            """, [.integer(listID)])
        if rebuild { try db.execute("CREATE INDEX contents_by_name ON contents(name_id)") }
        try db.execute("DELETE FROM temp.contents_stage")
        try db.run("UPDATE contents_lists SET entries = ?2 WHERE id = ?1", [.integer(listID), .integer(entries)])
        return malformed.warnings
    }

    /// Whether rows being added rebuild an index after they are written (one sort) instead of inserting into it one by
    /// one: at least `minimum` of them, and a quarter of what the index already has.
    static func rebuildsIndex(adding rows: Int64, atLeast minimum: Int64, of indexed: Int64) -> Bool {
        rows >= minimum && rows * 4 >= indexed
    }

    /// Lines handed from the reading thread to the writer at a time.
    static let contentsBatch = 4096

    /// FTS5's `automerge` for the Contents names' trigram index (segments of a level merged at a time).
    static let namesAutomerge = 8
}

/// Lines of a Contents file in one buffer, handed from the reading thread to the writer: each line's directory
/// (with its leading `/`), name and package column as bytes, and where each ends. Three strings a line cost
/// both threads more than the lines themselves (allocated on one, freed on the other, 7.4 M times on bookworm).
struct ContentsBatch: Sendable {
    private var bytes: [UInt8] = []
    /// Three a line: the ends of its directory, name and package column in `bytes`.
    private var ends: [Int] = []

    init() {
        bytes.reserveCapacity(IndexStore.contentsBatch * 96)
        ends.reserveCapacity(IndexStore.contentsBatch * 3)
    }

    var count: Int { ends.count / 3 }

    mutating func append(_ line: UnsafeRawBufferPointer, _ parts: ContentsLine.Parts) {
        bytes.append(UInt8(ascii: "/"))
        for range in [parts.directory, parts.name, parts.packages] {
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[range]))
            ends.append(bytes.count)
        }
    }

    /// Calls `body` with each line's directory, name and package column, valid only during the call.
    func forEach(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) throws {
        try bytes.withUnsafeBytes { all in
            var start = 0
            for line in 0..<count {
                let directory = ends[3 * line], name = ends[3 * line + 1], packages = ends[3 * line + 2]
                try body(UnsafeRawBufferPointer(rebasing: all[start..<directory]), UnsafeRawBufferPointer(rebasing: all[directory..<name]),
                         UnsafeRawBufferPointer(rebasing: all[name..<packages]))
                start = packages
            }
        }
    }
}

/// Rows for the staging table, written many per `INSERT` (one statement per row cost the writer more than
/// the row itself: bind, step, reset and the connection's mutex, 7.3 M times on bookworm). The rows wait in
/// flat buffers and are bound from them, no `String` or `SQLValue` made for a row.
struct ContentsStage {
    let db: Database
    private var directories: [Int64] = []
    private var packages: [Int64] = []
    private var names: [UInt8] = []
    private var nameEnds: [Int] = []
    private var nameGroups: [Int64] = []
    /// The statement for a full set of rows, prepared once.
    private var full: Statement?
    /// Rows per statement (4 parameters each, well under SQLite's 32,766).
    static let rowsPerStatement = 128

    init(db: Database) {
        self.db = db
        directories.reserveCapacity(Self.rowsPerStatement)
        packages.reserveCapacity(Self.rowsPerStatement)
        nameEnds.reserveCapacity(Self.rowsPerStatement)
        nameGroups.reserveCapacity(Self.rowsPerStatement)
    }

    mutating func add(directory: Int64, name: UnsafeRawBufferPointer, package: Int64) throws {
        directories.append(directory)
        packages.append(package)
        names.append(contentsOf: name)
        nameEnds.append(names.count)
        nameGroups.append(ContentsNameGroup.key(name))
        if directories.count == Self.rowsPerStatement { try flush() }
    }

    /// Writes the rows not written yet.
    mutating func flush() throws {
        guard !directories.isEmpty else { return }
        let statement: Statement
        if directories.count == Self.rowsPerStatement, let full {
            statement = full
        } else {
            statement = try db.prepare("INSERT INTO temp.contents_stage(dir_id, name, package_id, name_group) VALUES "
                + repeatElement("(?, ?, ?, ?)", count: directories.count).joined(separator: ", "), cached: false)
            if directories.count == Self.rowsPerStatement { full = statement }
        }
        try names.withUnsafeBytes { names in
            var start = 0
            for row in directories.indices {
                let parameter = Int32(4 * row)
                try statement.bind(directories[row], at: parameter + 1)
                try statement.bind(text: UnsafeRawBufferPointer(rebasing: names[start..<nameEnds[row]]), at: parameter + 2)
                try statement.bind(packages[row], at: parameter + 3)
                try statement.bind(nameGroups[row], at: parameter + 4)
                start = nameEnds[row]
            }
        }
        try statement.execute()
        directories.removeAll(keepingCapacity: true)
        packages.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
        nameEnds.removeAll(keepingCapacity: true)
        nameGroups.removeAll(keepingCapacity: true)
    }
}

/// The ids of directory and package strings while one Contents file is written: looked up (or added) once
/// and remembered. A Contents file is sorted by path, so a directory's lines follow each other and the last
/// directory (compared as bytes, no string made) answers most look-ups; the directory cache is bounded, so
/// memory stays flat on an archive's half a million directories (packages are fewer than 100 000).
struct ContentsStrings {
    let db: Database
    private var lastDirectory: [UInt8] = []
    private var lastDirectoryID: Int64 = -1
    private var lastPackage: [UInt8] = []
    private var lastPackageID: Int64 = -1
    private var directories: [String: Int64] = [:]
    private var packages: [String: Int64] = [:]
    /// Directories remembered before the cache is emptied and starts again.
    static let cacheBound = 100_000

    init(db: Database) {
        self.db = db
    }

    mutating func directory(_ bytes: UnsafeRawBufferPointer) throws -> Int64 {
        if lastDirectoryID >= 0, lastDirectory.elementsEqual(bytes) { return lastDirectoryID }
        let path = String(decoding: bytes, as: UTF8.self)
        let id: Int64
        if let known = directories[path] {
            id = known
        } else {
            if let found = try db.scalar("SELECT id FROM contents_dirs WHERE path = ?1", [.text(path)])?.int {
                id = found
            } else {
                try db.run("INSERT INTO contents_dirs(path) VALUES (?1)", [.text(path)])
                id = db.lastInsertRowID
            }
            if directories.count >= Self.cacheBound { directories.removeAll(keepingCapacity: true) }
            directories[path] = id
        }
        lastDirectory = Array(bytes)
        lastDirectoryID = id
        return id
    }

    mutating func package(_ bytes: UnsafeRawBufferPointer) throws -> Int64 {
        if lastPackageID >= 0, lastPackage.elementsEqual(bytes) { return lastPackageID }
        let qualified = String(decoding: bytes, as: UTF8.self)
        let id: Int64
        if let known = packages[qualified] {
            id = known
        } else if let found = try db.scalar("SELECT id FROM contents_packages WHERE qualified = ?1", [.text(qualified)])?.int {
            id = found
        } else {
            try db.run("INSERT INTO contents_packages(qualified, name) VALUES (?1, ?2)",
                       [.text(qualified), .text(String(ContentsLine.packageName(qualified)))])
            id = db.lastInsertRowID
        }
        packages[qualified] = id
        lastPackage = Array(bytes)
        lastPackageID = id
        return id
    }
}

/// The order in which a Contents file's new names get their ids: by extension, then by name.
enum ContentsNameGroup {
    /// The first 8 bytes of the name's extension (after its last `.`, not a leading one) as a number; 0 for a name
    /// without one, so such names (`ls`, `lsblk`) stay together in name order.
    static func key(_ name: UnsafeRawBufferPointer) -> Int64 {
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0, dot + 1 < name.count else { return 0 }
        var key: UInt64 = 0
        for index in 0..<8 {
            key <<= 8
            let position = dot + 1 + index
            if position < name.count { key |= UInt64(name[position]) }
        }
        // Any fixed order of the groups will do: only a group's names being neighbours matters.
        return Int64(bitPattern: key)
    }
}
