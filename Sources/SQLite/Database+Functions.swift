import CSQLite

extension Database {
    /// A scalar SQL function implemented in Swift. Arguments arrive copied out as ``SQLValue``s;
    /// a thrown error becomes an SQL error (`sqlite3_result_error`) with the error's description, and the
    /// statement's ``SQLiteError`` carries the error itself (``SQLiteError/functionError``).
    public typealias ScalarFunction = ([SQLValue]) throws -> SQLValue

    /// Registers `name` with `argumentCount` arguments (`sqlite3_create_function_v2`).
    ///
    /// - Parameter deterministic: lets SQLite factor constant calls out of loops (`SQLITE_DETERMINISTIC`).
    public func createFunction(_ name: String, argumentCount: Int32, deterministic: Bool = true,
                               _ body: @escaping ScalarFunction) throws(SQLiteError) {
        let box = Unmanaged.passRetained(FunctionBox(body, failure: functionFailure)).toOpaque()
        let flags = SQLITE_UTF8 | (deterministic ? SQLITE_DETERMINISTIC : 0)
        let code = sqlite3_create_function_v2(handle, name, argumentCount, flags, box, { context, count, arguments in
            guard let context, let pointer = sqlite3_user_data(context) else { return }
            let function = Unmanaged<FunctionBox>.fromOpaque(pointer).takeUnretainedValue()
            var values: [SQLValue] = []
            for index in 0..<Int(count) {
                values.append(SQLValue(copying: arguments?[index]))
            }
            do {
                switch try function.body(values) {
                case .null: sqlite3_result_null(context)
                case .integer(let value): sqlite3_result_int64(context, value)
                case .real(let value): sqlite3_result_double(context, value)
                case .text(let value):
                    var text = value
                    text.withUTF8 { bytes in
                        bytes.withMemoryRebound(to: CChar.self) { chars in
                            if let base = chars.baseAddress {
                                sqlite3_result_text(context, base, Int32(chars.count), sqliteTransient)
                            } else {
                                sqlite3_result_text(context, "", 0, sqliteTransient)
                            }
                        }
                    }
                case .blob(let value):
                    value.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), sqliteTransient) }
                }
            } catch {
                function.failure.error = error
                sqlite3_result_error(context, "\(error)", -1)
            }
        }, nil, nil, { pointer in
            // Called by SQLite when the function is replaced or the connection closes.
            if let pointer { Unmanaged<FunctionBox>.fromOpaque(pointer).release() }
        })
        try check(code, sql: nil)
    }
}

/// Keeps a Swift closure alive for as long as SQLite holds the function.
final class FunctionBox {
    let body: Database.ScalarFunction
    /// Where a thrown error waits for the statement that fails with it.
    let failure: FunctionFailure
    init(_ body: @escaping Database.ScalarFunction, failure: FunctionFailure) {
        self.body = body
        self.failure = failure
    }
}

/// The error a connection's Swift SQL function threw last (one connection per thread: no lock).
final class FunctionFailure {
    var error: (any Error)?

    /// The error, cleared.
    func take() -> (any Error)? {
        defer { error = nil }
        return error
    }
}

extension SQLValue {
    /// Copies an `sqlite3_value` (valid only during the callback) into a Swift value.
    init(copying value: OpaquePointer?) {
        guard let value else { self = .null; return }
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: self = .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: self = .real(sqlite3_value_double(value))
        case SQLITE_TEXT:
            let count = Int(sqlite3_value_bytes(value))
            self = .text(sqlite3_value_text(value).map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_value_bytes(value))
            if let bytes = sqlite3_value_blob(value), count > 0 {
                self = .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
            } else {
                self = .blob([])
            }
        default: self = .null
        }
    }
}
