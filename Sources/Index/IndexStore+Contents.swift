import Artifacts
import DebianFormats
import SQLite

extension IndexStore {
    /// Streams a Contents file's lines into `contents` (one row per path and package), sharing directory,
    /// name and package strings through their tables. Runs inside the file's savepoint, like every write.
    ///
    /// Most of an archive's 3.7 M base names occur once, so interning them one line at a time would insert
    /// into the names' unique index, their trigram index and `contents_by_name` in random order (on bookworm:
    /// 460 s, every dirty page spilled again and again). Instead the lines go to a staging table in file
    /// order (directories and packages are interned on the way: a Contents file is sorted by path, so a
    /// directory's lines follow each other), and three set statements then add the new names in sorted order,
    /// the entries in key order, and, when the file is a large share of the index, `contents_by_name` anew.
    /// - Returns: the file's warnings (one line counting its malformed lines, if any).
    func writeContents(_ list: ContentsList, fileID: Int64, limits: ArchiveReaderLimits) throws -> [String] {
        try db.run("""
            INSERT INTO contents_lists(file_id, distribution, component, architecture, udeb) VALUES (?1, ?2, ?3, ?4, ?5)
            """, [.integer(fileID), .text(list.distribution), .text(list.component), .text(list.architecture),
                  SQLValue(list.isUdeb)])
        let listID = db.lastInsertRowID
        // The staging table lives in the temporary database (a file of its own, never in the index or its WAL).
        try db.execute("""
            CREATE TEMP TABLE IF NOT EXISTS contents_stage(dir_id INTEGER NOT NULL, name TEXT NOT NULL, package_id INTEGER NOT NULL);
            DELETE FROM temp.contents_stage;
            """)
        var strings = ContentsStrings(db: db)
        let stage = try db.prepare("INSERT INTO temp.contents_stage(dir_id, name, package_id) VALUES (?1, ?2, ?3)")
        var entries: Int64 = 0
        let malformed = try ContentsReader(limits: limits).forEachEntry(list.path) { line in
            let directory = try strings.directory(line.directory)
            for qualified in line.packages {
                let package = try strings.package(qualified)
                try stage.run([.integer(directory), .text(line.name), .integer(package)])
                entries += 1
            }
        }
        let indexed = try db.scalar("SELECT coalesce(sum(entries), 0) FROM contents_lists")?.int ?? 0
        // Rebuilding the name index (one sort) beats inserting a large share of it row by row.
        let rebuild = entries >= 100_000 && entries * 4 >= indexed
        if rebuild { try db.execute("DROP INDEX IF EXISTS contents_by_name") }
        try db.run("INSERT OR IGNORE INTO contents_names(name) SELECT DISTINCT name FROM temp.contents_stage ORDER BY name")
        try db.run("""
            INSERT OR IGNORE INTO contents(list_id, dir_id, name_id, package_id)
            SELECT ?1, s.dir_id, n.id, s.package_id FROM temp.contents_stage s JOIN contents_names n ON n.name = s.name
            ORDER BY 2, 3, 4
            """, [.integer(listID)])
        if rebuild { try db.execute("CREATE INDEX contents_by_name ON contents(name_id)") }
        try db.execute("DELETE FROM temp.contents_stage")
        try db.run("UPDATE contents_lists SET entries = ?2 WHERE id = ?1", [.integer(listID), .integer(entries)])
        return malformed.warning.map { [$0] } ?? []
    }
}

/// The ids of directory and package strings while one Contents file is written: looked up (or added) once
/// and remembered. A Contents file is sorted by path, so a directory's lines follow each other and the last
/// directory answers most look-ups; the directory cache is bounded, so memory stays flat on an archive's
/// half a million directories (packages are fewer than 100 000).
struct ContentsStrings {
    let db: Database
    private var lastDirectory: (path: String, id: Int64)?
    private var directories: [String: Int64] = [:]
    private var packages: [String: Int64] = [:]
    /// Directories remembered before the cache is emptied and starts again.
    static let cacheBound = 100_000

    init(db: Database) {
        self.db = db
    }

    mutating func directory(_ path: String) throws -> Int64 {
        if let last = lastDirectory, last.path == path { return last.id }
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
        lastDirectory = (path, id)
        return id
    }

    mutating func package(_ qualified: String) throws -> Int64 {
        if let id = packages[qualified] { return id }
        let id: Int64
        if let found = try db.scalar("SELECT id FROM contents_packages WHERE qualified = ?1", [.text(qualified)])?.int {
            id = found
        } else {
            try db.run("INSERT INTO contents_packages(qualified, name) VALUES (?1, ?2)",
                       [.text(qualified), .text(String(ContentsLine.packageName(qualified)))])
            id = db.lastInsertRowID
        }
        packages[qualified] = id
        return id
    }
}
