import SQLite
import SystemCalls

/// The exact test of a Contents path (directory and name, as shown), on its bytes: a substring (as `instr`), a
/// glob (SQLite's own GLOB matcher, as in every other path search) or a regular expression (as the `regexp`
/// function).
struct ContentsPathTest {
    private enum Kind {
        case substring(ByteFinder)
        case glob([CChar])
        case regex(String, RegexCache)
        /// Matched already, but for a NUL byte (where SQLite's GLOB stops reading a text: no match after it).
        case withoutNUL(ByteFinder)
    }
    private let kind: Kind

    /// The test of a glob `*` + a literal (no glob character, no `/`) on paths whose name SQL found ending with the
    /// literal: they match it, as SQLite's GLOB matches, unless a NUL byte comes first (an index written before such
    /// Contents lines were refused may hold one). The glob matcher cost `*.desktop` 490 instructions a hit.
    static var nameEndCheckedBySQL: ContentsPathTest { ContentsPathTest(kind: .withoutNUL(ByteFinder([0]))) }

    private init(kind: Kind) {
        self.kind = kind
    }

    init(_ match: IndexSearch.PathMatch) throws {
        switch match {
        case .substring(let text): kind = .substring(ByteFinder(Array(text.utf8)))
        case .glob(let pattern):
            guard pattern.utf8.count <= SQLiteGlob.maximumPatternLength else {
                throw QueryError.invalidGlob(pattern: pattern, reason: "longer than \(SQLiteGlob.maximumPatternLength) bytes")
            }
            kind = .glob(pattern.utf8CString.map { $0 })
        case .regex(let pattern): kind = .regex(pattern, RegexCache())
        }
    }

    /// Whether `path` matches; `path` may be changed (a NUL appended for the glob matcher).
    func matches(_ path: inout [UInt8]) throws -> Bool {
        switch kind {
        case .substring(let needle):
            return path.withUnsafeBytes { needle.firstOffset(in: $0) != nil }
        case .glob(let pattern):
            path.append(0)
            defer { path.removeLast() }
            // Both end with their NUL, so neither is empty.
            return pattern.withUnsafeBufferPointer { pattern in
                path.withUnsafeBytes { text in
                    guard let pattern = pattern.baseAddress, let text = text.baseAddress else { return false }
                    return SQLiteGlob.matches(pattern: pattern, text: text.assumingMemoryBound(to: CChar.self))
                }
            }
        case .withoutNUL(let nul):
            return path.withUnsafeBytes { nul.firstOffset(in: $0) == nil }
        case .regex(let pattern, let regexes):
            return try path.withUnsafeBytes { (bytes) throws(QueryError) -> Bool in try regexes.matches(pattern, bytes) }
        }
    }
}
