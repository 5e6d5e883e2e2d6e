import SQLite

/// Registers debwork's SQL functions on a connection (`sqlite3_create_function_v2`), both deterministic:
///
/// - `debvercmp(a, b)` → -1, 0 or 1 in dpkg's version ordering (``DebianVersionComparator``); NULL if
///   either argument is NULL. Never fails: strings dpkg would refuse are compared bytewise.
/// - `regexp(pattern, text)` → 1 if the PCRE2 `pattern` matches anywhere in `text`, else 0; NULL if
///   either is NULL, so `text REGEXP pattern` works too. Compiled patterns are cached.
///
/// - Throws: `SQLiteError` if SQLite refuses a registration. At query time an invalid pattern fails the
///   statement with ``QueryError/invalidRegularExpression(pattern:reason:)``'s description.
public func registerDebworkFunctions(on database: Database) throws {
    let versions = DebianVersionComparator()
    try database.createFunction("debvercmp", argumentCount: 2) { arguments in
        guard let a = arguments.first?.sqlText, let b = arguments.dropFirst().first?.sqlText else { return .null }
        return .integer(Int64(versions.compare(a, b)))
    }
    let regexes = RegexCache()
    try database.createFunction("regexp", argumentCount: 2) { arguments in
        guard let pattern = arguments.first?.sqlText, let text = arguments.dropFirst().first?.sqlText else {
            return .null
        }
        return .integer(try regexes.matches(pattern, text) ? 1 : 0)
    }
}
