import CSQLite

/// A value bound to or read from SQLite.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var int: Int64? { if case .integer(let v) = self { v } else { nil } }
    public var string: String? { if case .text(let v) = self { v } else { nil } }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    public init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
    public init(_ value: Int) { self = .integer(Int64(value)) }
    public init(_ value: Bool) { self = .integer(value ? 1 : 0) }
}

/// A prepared statement (`sqlite3_stmt`), finalized in `deinit` (`sqlite3_finalize`).
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    public let sql: String

    init(handle: OpaquePointer, database: Database, sql: String) {
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Resets the statement and clears its bindings (`sqlite3_reset`, `sqlite3_clear_bindings`).
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Resets the statement to run again, keeping its bindings: a statement run once per value of one parameter
    /// rebinds only that one. (Binding a `GLOB`/`LIKE` pattern again makes SQLite prepare the statement anew.)
    public func rewind() {
        sqlite3_reset(handle)
    }

    /// Binds values to the positional parameters `?1…?n` (`sqlite3_bind_*`). Text and blobs are copied
    /// (`SQLITE_TRANSIENT`), so the Swift values may go away afterwards.
    public func bind(_ values: [SQLValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let v): code = sqlite3_bind_int64(handle, index, v)
            case .real(let v): code = sqlite3_bind_double(handle, index, v)
            case .text(let v):
                // By length: a NUL inside the text is stored, never a place where the text silently ends.
                var text = v
                code = text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        // An empty buffer may have no address; a nil pointer would bind NULL, not ''.
                        guard let base = chars.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, sqliteTransient) }
                        return sqlite3_bind_text(handle, index, base, Int32(chars.count), sqliteTransient)
                    }
                }
            case .blob(let v):
                code = v.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), sqliteTransient) }
            }
            try database.check(code, sql: sql)
        }
    }

    /// Binds an integer to parameter `index` (1-based), for a caller that binds many rows' values one by one.
    public func bind(_ value: Int64, at index: Int32) throws(SQLiteError) {
        try database.check(sqlite3_bind_int64(handle, index, value), sql: sql)
    }

    /// Binds text given as UTF-8 bytes to parameter `index` (1-based), copied (`SQLITE_TRANSIENT`): no
    /// `String` is made for it.
    public func bind(text bytes: UnsafeRawBufferPointer, at index: Int32) throws(SQLiteError) {
        let code = bytes.withMemoryRebound(to: CChar.self) { chars in
            // An empty buffer may have no address; a nil pointer would bind NULL, not ''.
            guard let base = chars.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, sqliteTransient) }
            return sqlite3_bind_text(handle, index, base, Int32(chars.count), sqliteTransient)
        }
        try database.check(code, sql: sql)
    }

    /// Binds a blob given as bytes to parameter `index` (1-based), copied (`SQLITE_TRANSIENT`).
    public func bind(blob bytes: UnsafeRawBufferPointer, at index: Int32) throws(SQLiteError) {
        // An empty buffer may have no address; a nil pointer would bind NULL, not an empty blob.
        let code = bytes.baseAddress.map { sqlite3_bind_blob(handle, index, $0, Int32(bytes.count), sqliteTransient) }
            ?? sqlite3_bind_zeroblob(handle, index, 0)
        try database.check(code, sql: sql)
    }

    /// Runs the statement with the values bound so far to completion and resets it.
    public func execute() throws(SQLiteError) {
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Advances to the next row (`sqlite3_step`). Returns false when the statement is done.
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        var error = SQLiteError(code: sqlite3_extended_errcode(database.handle),
                                message: String(cString: sqlite3_errmsg(database.handle)), sql: sql, path: database.path)
        error.functionError = database.functionFailure.take()
        sqlite3_reset(handle)
        throw error
    }

    /// Binds `values`, runs the statement to completion and resets it.
    public func run(_ values: [SQLValue]) throws(SQLiteError) {
        sqlite3_reset(handle)
        try bind(values)
        try execute()
    }

    /// The value of column `index` of the current row, copied out (`sqlite3_column_*`).
    public func value(at index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT: return .text(text(at: index) ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_blob(handle, index), count > 0 else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    /// The integer of column `index` of the current row (`sqlite3_column_int64`: 0 for NULL), with no ``SQLValue``
    /// made for it.
    public func int64(at index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// The text of column `index` of the current row; nil when it is not text. Copied out by length
    /// (`sqlite3_column_bytes`), never as a C string: text holding a NUL comes back whole.
    public func text(at index: Int32) -> String? {
        guard sqlite3_column_type(handle, index) == SQLITE_TEXT else { return nil }
        guard let text = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Runs `body` over the bytes of column `index` of the current row (text or blob, as stored; empty for
    /// NULL), read in place: the buffer is valid only inside `body`.
    public func withBytes<Result>(at index: Int32, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        // sqlite3_column_blob before sqlite3_column_bytes: the pointer and the count then describe the same form.
        let start = sqlite3_column_blob(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : count))
    }

    public var columnCount: Int32 { sqlite3_column_count(handle) }
}

/// A view of the current row of a statement, valid only inside the row callback.
public struct Row {
    let statement: Statement

    public subscript(_ index: Int32) -> SQLValue { statement.value(at: index) }
    /// The column's text, "" for any other type: read without an ``SQLValue`` in between (thousands of rows
    /// per listing).
    public func string(_ index: Int32) -> String { statement.text(at: index) ?? "" }
    public func optionalString(_ index: Int32) -> String? { statement.value(at: index).string }
    public func int(_ index: Int32) -> Int64 { statement.value(at: index).int ?? 0 }
    public func optionalInt(_ index: Int32) -> Int64? { statement.value(at: index).int }
}

/// SQLite's `SQLITE_TRANSIENT` destructor sentinel (-1), which C macros cannot export to Swift.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
