import Artifacts
import DebianFormats
import SQLite

extension IndexStore {
    /// Streams a Contents file's lines into `contents` (one row per path and package), sharing directory,
    /// name and package strings through their tables. Runs inside the file's savepoint, like every write.
    /// - Returns: the file's warnings (one line counting its malformed lines, if any).
    func writeContents(_ list: ContentsList, fileID: Int64, limits: ArchiveReaderLimits) throws -> [String] {
        try db.run("""
            INSERT INTO contents_lists(file_id, distribution, component, architecture, udeb) VALUES (?1, ?2, ?3, ?4, ?5)
            """, [.integer(fileID), .text(list.distribution), .text(list.component), .text(list.architecture),
                  SQLValue(list.isUdeb)])
        let listID = db.lastInsertRowID
        var strings = ContentsStrings(db: db)
        let insert = try db.prepare("INSERT OR IGNORE INTO contents(list_id, dir_id, name_id, package_id) VALUES (?1, ?2, ?3, ?4)")
        var entries: Int64 = 0
        let malformed = try ContentsReader(limits: limits).forEachEntry(list.path) { line in
            let directory = try strings.directory(line.directory)
            let name = try strings.name(line.name)
            for qualified in line.packages {
                let package = try strings.package(qualified)
                try insert.run([.integer(listID), .integer(directory), .integer(name), .integer(package)])
                entries += 1
            }
        }
        try db.run("UPDATE contents_lists SET entries = ?2 WHERE id = ?1", [.integer(listID), .integer(entries)])
        return malformed.warning.map { [$0] } ?? []
    }
}

/// The ids of directory, name and package strings while one Contents file is written: looked up (or added)
/// once and remembered. A Contents file is sorted by path, so a directory's lines follow each other and the
/// last directory answers most look-ups; names repeat across directories (`copyright`, `__init__.py`) and
/// are remembered up to a bound, so memory stays flat on an archive's 3 M distinct names.
struct ContentsStrings {
    let db: Database
    private var lastDirectory: (path: String, id: Int64)?
    private var directories: [String: Int64] = [:]
    private var names: [String: Int64] = [:]
    private var packages: [String: Int64] = [:]
    /// Entries each cache holds before it is emptied and starts again.
    static let cacheBound = 200_000

    init(db: Database) {
        self.db = db
    }

    mutating func directory(_ path: String) throws -> Int64 {
        if let last = lastDirectory, last.path == path { return last.id }
        if let id = directories[path] {
            lastDirectory = (path, id)
            return id
        }
        let id = try intern(path, table: "contents_dirs", column: "path")
        Self.remember(&directories, path, id)
        lastDirectory = (path, id)
        return id
    }

    mutating func name(_ name: String) throws -> Int64 {
        if let id = names[name] { return id }
        let id = try intern(name, table: "contents_names", column: "name")
        Self.remember(&names, name, id)
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

    private static func remember(_ cache: inout [String: Int64], _ key: String, _ id: Int64) {
        if cache.count >= cacheBound { cache.removeAll(keepingCapacity: true) }
        cache[key] = id
    }

    /// The id of `value` in `table`, added when absent. `table` and `column` are constants of this file.
    private func intern(_ value: String, table: String, column: String) throws -> Int64 {
        if let id = try db.scalar("SELECT id FROM \(table) WHERE \(column) = ?1", [.text(value)])?.int { return id }
        try db.run("INSERT INTO \(table)(\(column)) VALUES (?1)", [.text(value)])
        return db.lastInsertRowID
    }
}
