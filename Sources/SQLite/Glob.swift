import CSQLite

/// SQLite's GLOB outside a statement (`sqlite3_strglob`: the operator's own matcher), for a caller that tests rows
/// it reads itself.
public enum SQLiteGlob {
    /// The longest pattern the GLOB operator takes (`SQLITE_MAX_LIKE_PATTERN_LENGTH`, in bytes): a longer one is an
    /// error there ("LIKE or GLOB pattern too complex"), and its matcher's time grows with the pattern's stars.
    public static let maximumPatternLength = 50_000

    /// Whether `text` matches `pattern`, both NUL-terminated: like the operator, the match ends at the first NUL.
    public static func matches(pattern: UnsafePointer<CChar>, text: UnsafePointer<CChar>) -> Bool {
        sqlite3_strglob(pattern, text) == 0
    }
}
