import CSQLite

/// An error returned by SQLite, carrying the result code, SQLite's message and the SQL involved.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code (`sqlite3_extended_errcode`).
    public var code: Int32
    public var message: String
    /// The statement being prepared or run, when there is one.
    public var sql: String?
    /// The database file.
    public var path: String
    /// The error a Swift SQL function (``Database/createFunction(_:argumentCount:deterministic:_:)``) threw, when
    /// that is what failed the statement: it then speaks for itself (its description is this error's).
    public var functionError: (any Error)?

    public init(code: Int32, message: String, sql: String? = nil, path: String) {
        self.code = code
        self.message = message
        self.sql = sql
        self.path = path
    }

    /// The primary result code (`code & 0xff`), e.g. `SQLITE_NOTADB`.
    public var primaryCode: Int32 { code & 0xff }

    /// True when SQLite refused to write or could not open a helper file (`SQLITE_READONLY*`, `SQLITE_CANTOPEN`):
    /// the usual failure of a read-only user on a WAL database whose directory it cannot write.
    public var isReadOnlyFailure: Bool { primaryCode == SQLITE_READONLY || primaryCode == SQLITE_CANTOPEN }

    /// True when the file is not an SQLite database (`SQLITE_NOTADB`).
    public var isNotADatabase: Bool { primaryCode == SQLITE_NOTADB }

    /// True when SQLite could not open the database file (`SQLITE_CANTOPEN`): for a read-only open, the
    /// file does not exist.
    public var isCannotOpen: Bool { primaryCode == SQLITE_CANTOPEN }

    public var description: String {
        if let functionError { return "\(functionError)" }
        var text = "\(path): sqlite error \(code): \(message)"
        if let sql { text += " (while running: \(sql.split(separator: "\n").first.map(String.init) ?? sql))" }
        return text
    }
}
