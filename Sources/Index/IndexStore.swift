import SQLite
import SystemCalls

/// The SQLite index: opening, migrating, and the one place that owns the connection.
///
/// One writer per index (the `index` call); readers open their own store. Not `Sendable`.
public final class IndexStore {
    public let path: String
    let db: Database

    /// `PRAGMA application_id` of a debwork index ('dbwk'): another program's SQLite database is never
    /// taken for an index, nor changed.
    static let applicationID: Int64 = 0x6462_776B

    /// Opens (creating and migrating if needed) the index at `path`.
    ///
    /// - Parameter readOnly: open for queries only; a missing index is then an error. A read-only call works on
    ///   an index file (and directory) this user cannot write: the WAL database is then opened immutable.
    /// - Throws: ``IndexError`` when the file is not an SQLite database, is another program's database, comes
    ///   from a newer debwork, or cannot be opened.
    public init(path: String, readOnly: Bool = false) throws(IndexError) {
        self.path = path
        do {
            if !readOnly { try Self.makeParentDirectory(of: path) }
            do {
                db = try Self.open(path: path, readOnly: readOnly, immutable: false)
            } catch let error as SQLiteError where readOnly && error.isReadOnlyFailure && FileStatus.exists(path) {
                db = try Self.open(path: path, readOnly: true, immutable: true)
            }
            if !readOnly {
                // The writer reads pages through its own cache instead of the map: its peak memory is then that
                // cache (and the sorter's), not every page of a large index it touched (bookworm's Contents:
                // 363 MB resident with the map).
                try db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 0; PRAGMA cache_size = -\(Self.writerCacheKiB)")
                try migrate()
            }
        } catch let error as IndexError {
            throw error
        } catch let error as SQLiteError {
            if error.isNotADatabase {
                throw IndexError(path: path, reason: "not an SQLite database (is --index pointing at the right file?)")
            }
            if readOnly && error.isCannotOpen {
                throw IndexError(path: path, reason: "no index here yet; run 'debwork index PATH…' first")
            }
            throw IndexError(path: path, reason: error.message)
        } catch {
            throw IndexError(path: path, underlying: error)
        }
    }

    /// The writer's page cache in KiB.
    static let writerCacheKiB = 16384

    /// Opens the connection and checks that it is debwork's index at a schema this debwork reads.
    private static func open(path: String, readOnly: Bool, immutable: Bool) throws -> Database {
        let db = try Database(path: path, readOnly: readOnly, immutable: immutable)
        // Reading the schema is the first access that fails on a file that is not SQLite.
        let version = Int(try db.scalar("PRAGMA user_version")?.int ?? 0)
        try checkOwner(db, path: path, version: version)
        if version > Schema.version {
            throw IndexError(path: path, reason: "index schema version \(version) is newer than this debwork supports (\(Schema.version))")
        }
        if readOnly && version < Schema.version {
            throw IndexError(path: path, reason: "index schema version \(version) is older than \(Schema.version); run 'debwork index' to upgrade it")
        }
        try db.execute("PRAGMA foreign_keys = ON")
        // Memory-map the file: queries read pages in place instead of copying them through pread().
        try db.execute("PRAGMA mmap_size = 1073741824")
        return db
    }

    /// Refuses a database that is neither empty nor debwork's: marked with another `application_id`, or
    /// unmarked with tables of its own (an index written before the mark has debwork's `meta` table).
    private static func checkOwner(_ db: Database, path: String, version: Int) throws {
        let application = try db.scalar("PRAGMA application_id")?.int ?? 0
        if application == applicationID { return }
        guard application == 0 else {
            throw IndexError(path: path, reason: "an SQLite database of another program (application_id \(application)), not a debwork index; refusing to touch it")
        }
        let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table'", []) { $0.string(0) }
        if tables.isEmpty { return }
        if version >= 1 && tables.contains("meta") && tables.contains("files") { return }
        throw IndexError(path: path, reason: "an SQLite database that is not a debwork index (tables: \(tables.prefix(5).joined(separator: ", "))); refusing to touch it")
    }

    /// Reads the index through SQLite's page cache (`pread`) from now on instead of the memory map, for calls
    /// that read a few scattered pages (a name or field search). Every page touched through the map stays
    /// resident with the kernel's fault-around window (64 KB): `search hello` on bookworm main's index held
    /// 120 MB for the 7 MB of pages it read, in the same time.
    public func readWithoutMemoryMap() throws(SQLiteError) {
        try db.execute("PRAGMA mmap_size = 0")
    }

    /// Runs `body` in one read transaction: every query it makes sees the same state of the index (an `index` run
    /// may commit meanwhile), and the file's locks are taken once, not per statement.
    public func reading<T>(_ body: () throws -> T) throws -> T {
        try db.reading(body)
    }

    /// The schema version the index is at (`PRAGMA user_version`).
    public var schemaVersion: Int {
        Int((try? db.scalar("PRAGMA user_version")?.int) ?? 0)
    }

    /// Runs the missing migrations. The version is read again inside the write transaction (`BEGIN
    /// IMMEDIATE`): two first runs on a new index serialise here, and the second finds nothing left to do.
    private func migrate() throws {
        try db.transaction {
            let version = Int(try db.scalar("PRAGMA user_version")?.int ?? 0)
            try Self.checkOwner(db, path: path, version: version)
            if try db.scalar("PRAGMA application_id")?.int != Self.applicationID {
                try db.execute("PRAGMA application_id = \(Self.applicationID)")
            }
            guard version < Schema.version else { return }
            for migration in Schema.migrations[version...] {
                try db.execute(migration.sql)
                try migration.backfill?(db)
            }
            try db.execute("PRAGMA user_version = \(Schema.version)")
        }
    }

    /// Switches the file back to a rollback journal once a run is over (best effort: skipped while another
    /// connection reads). At rest the index is then one self-contained file that a user who cannot write it
    /// or its directory can still query, and that can be copied as it is.
    public func settle() {
        try? db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try? db.execute("PRAGMA journal_mode = DELETE")
    }

    private static func makeParentDirectory(of path: String) throws {
        var parent = ""
        let components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (offset, component) in components.enumerated() {
            parent += (offset == 0 ? "" : "/") + component
            guard !parent.isEmpty else { continue }
            if !FileStatus.isDirectory(parent) {
                try FileSystemCalls.makeDirectory(parent)
            }
        }
    }
}
