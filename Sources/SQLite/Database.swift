import CSQLite

/// A connection to an SQLite database (`sqlite3_open_v2`), closed in `deinit` (`sqlite3_close_v2`).
///
/// Every result code is checked in one place, ``check(_:sql:)``. Not `Sendable`: one connection per
/// thread, as SQLite's multi-thread mode requires.
public final class Database {
    public let path: String
    let handle: OpaquePointer
    private var cache: [String: Statement] = [:]
    /// What a Swift SQL function threw last, until the failed statement picks it up.
    let functionFailure = FunctionFailure()

    /// Opens (and creates, unless `readOnly`) the database at `path`.
    ///
    /// - Parameter immutable: open a read-only file that nobody writes as `immutable` (a `file:` URI): SQLite
    ///   then needs no `-shm`/`-wal` files, so a WAL database in a directory this user cannot write is still
    ///   readable. Only for `readOnly`.
    /// - Throws: ``SQLiteError`` if SQLite cannot open the file.
    public init(path: String, readOnly: Bool = false, immutable: Bool = false) throws(SQLiteError) {
        self.path = path
        var handle: OpaquePointer?
        var flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        var name = path
        if readOnly && immutable {
            flags |= SQLITE_OPEN_URI
            name = "file:" + Self.uriEscaped(path) + "?immutable=1"
        }
        let code = sqlite3_open_v2(name, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: message, path: path)
        }
        self.handle = handle
        sqlite3_busy_timeout(handle, 5000)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements with no results (`sqlite3_exec`).
    public func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            var error = SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql, path: path)
            error.functionError = functionFailure.take()
            throw error
        }
    }

    /// Prepares a statement (`sqlite3_prepare_v3`); cached statements are reused across calls.
    public func prepare(_ sql: String, cached: Bool = true) throws(SQLiteError) -> Statement {
        if cached, let statement = cache[sql] {
            statement.reset()
            return statement
        }
        var statementHandle: OpaquePointer?
        let flags: UInt32 = cached ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(handle, sql, -1, flags, &statementHandle, nil)
        try check(code, sql: sql)
        guard let statementHandle else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "empty statement", sql: sql, path: path)
        }
        let statement = Statement(handle: statementHandle, database: self, sql: sql)
        if cached { cache[sql] = statement }
        return statement
    }

    /// Prepares, binds and runs a statement that returns no rows.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) {
        let statement = try prepare(sql)
        try statement.bind(values)
        while try statement.step() {}
    }

    /// Runs a query and maps every row.
    public func query<T>(_ sql: String, _ values: [SQLValue] = [], _ map: (Row) throws -> T) throws -> [T] {
        var rows: [T] = []
        try forEach(sql, values) { rows.append(try map($0)) }
        return rows
    }

    /// Hands each row of `sql` to `body` as it is stepped to, none kept (a listing of a whole release).
    public func forEach(_ sql: String, _ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        let statement = try prepare(sql)
        try statement.bind(values)
        while try statement.step() {
            try body(Row(statement: statement))
        }
    }

    /// The first column of the first row, or nil.
    public func scalar(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> SQLValue? {
        let statement = try prepare(sql)
        try statement.bind(values)
        guard try statement.step() else { return nil }
        let value = statement.value(at: 0)
        statement.reset()
        return value
    }

    /// `path` with the characters a `file:` URI gives meaning to percent-encoded.
    static func uriEscaped(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x20, 0x7F...:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            default:
                out.unicodeScalars.append(UnicodeScalar(byte))
            }
        }
        return out
    }

    /// Runs `body` inside a savepoint (`SAVEPOINT name` … `RELEASE name`): everything it writes lands together
    /// or, if it throws, not at all (`ROLLBACK TO name`), and the enclosing transaction goes on. Nests.
    public func inSavepoint<T>(_ name: String = "debwork", _ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT \"\(name)\"")
        do {
            let result = try body()
            try execute("RELEASE \"\(name)\"")
            return result
        } catch {
            try? execute("ROLLBACK TO \"\(name)\"; RELEASE \"\(name)\"")
            throw error
        }
    }

    /// Runs `body` in one read transaction (`BEGIN` … `COMMIT`): its statements read one snapshot of the database,
    /// and the file's locks are taken once instead of once per statement (each statement outside a transaction
    /// takes and drops a shared lock and looks for a hot journal: seven system calls). Inside a transaction
    /// already, `body` just runs.
    public func reading<T>(_ body: () throws -> T) throws -> T {
        guard !isInTransaction else { return try body() }
        try execute("BEGIN")
        defer { try? execute("COMMIT") }
        return try body()
    }

    /// Whether a transaction is open on this connection (`sqlite3_get_autocommit` is 0).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in a transaction (`BEGIN IMMEDIATE` … `COMMIT`), rolled back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rowid of the last insert (`sqlite3_last_insert_rowid`).
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement (`sqlite3_changes64`).
    public var changes: Int64 { sqlite3_changes64(handle) }

    /// The SQLite library version (`sqlite3_libversion`).
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// Turns a result code into a thrown ``SQLiteError`` with `sqlite3_errmsg`.
    func check(_ code: Int32, sql: String?) throws(SQLiteError) {
        switch code {
        case SQLITE_OK, SQLITE_ROW, SQLITE_DONE: return
        default:
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)),
                              sql: sql, path: path)
        }
    }
}
