import SQLite

/// The SQLite index: opening, migrating, and the one place that owns the connection.
///
/// One writer per index (the `index` call); readers open their own store. Not `Sendable`.
public final class IndexStore {
    public let path: String
    let db: Database

    /// Opens (creating and migrating if needed) the index at `path`.
    ///
    /// - Parameter readOnly: open for queries only; a missing index is then an error.
    /// - Throws: ``IndexError`` when the file is not an SQLite database, comes from a newer debwork,
    ///   or cannot be opened.
    public init(path: String, readOnly: Bool = false) throws(IndexError) {
        self.path = path
        do {
            if !readOnly { try Self.makeParentDirectory(of: path) }
            db = try Database(path: path, readOnly: readOnly)
            // Reading the schema is the first access that fails on a file that is not SQLite.
            let version = Int(try db.scalar("PRAGMA user_version")?.int ?? 0)
            if version > Schema.version {
                throw IndexError(path: path, reason: "index schema version \(version) is newer than this debwork supports (\(Schema.version))")
            }
            try db.execute("PRAGMA foreign_keys = ON")
            // Memory-map the file: queries read pages in place instead of copying them through pread().
            try db.execute("PRAGMA mmap_size = 1073741824")
            if !readOnly {
                try db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
                try migrate(from: version)
            } else if version < Schema.version {
                throw IndexError(path: path, reason: "index schema version \(version) is older than \(Schema.version); run 'debwork index' to upgrade it")
            }
        } catch let error as IndexError {
            throw error
        } catch let error as SQLiteError {
            if error.isNotADatabase {
                throw IndexError(path: path, reason: "not an SQLite database (is --index pointing at the right file?)")
            }
            if readOnly && error.primaryCode == 14 { // SQLITE_CANTOPEN
                throw IndexError(path: path, reason: "no index here yet; run 'debwork index PATH…' first")
            }
            throw IndexError(path: path, reason: error.message)
        } catch {
            throw IndexError(path: path, reason: "\(error)")
        }
    }

    /// The connection, for the query features built on the index (read it, do not write it).
    public var database: Database { db }

    /// The schema version the index is at (`PRAGMA user_version`).
    public var schemaVersion: Int {
        Int((try? db.scalar("PRAGMA user_version")?.int) ?? 0)
    }

    private func migrate(from version: Int) throws {
        guard version < Schema.version else { return }
        try db.transaction {
            for migration in Schema.migrations[version...] {
                try db.execute(migration.sql)
                try migration.backfill?(db)
            }
            try db.execute("PRAGMA user_version = \(Schema.version)")
        }
    }

    private static func makeParentDirectory(of path: String) throws {
        var parent = ""
        let components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (offset, component) in components.enumerated() {
            parent += (offset == 0 ? "" : "/") + component
            guard !parent.isEmpty else { continue }
            if !FileSystemCalls.isDirectory(parent) {
                try FileSystemCalls.makeDirectory(parent)
            }
        }
    }
}
