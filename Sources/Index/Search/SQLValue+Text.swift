import SQLite

extension SQLValue {
    /// The value as SQLite would convert it to text; nil for NULL.
    var sqlText: String? {
        switch self {
        case .null: nil
        case .text(let text): text
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }
}
