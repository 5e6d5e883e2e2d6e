import DebworkTestSupport
@testable import Index
import SQLite
import Testing

/// Contents paths are tested in Swift (``ContentsPathTest``), no longer by SQLite on each row: the answers must be
/// the SQL operators' the search used before (`instr(path, ?) > 0`, `path GLOB ?`, `regexp(?, path)`), asked here of
/// an in-memory database for every pattern and path.
struct ContentsPathTestTests {
    /// Paths as bytes: plain, non-ASCII (precomposed and combining), glob metacharacters, a NUL (where the GLOB
    /// operator's match ends), a lone continuation byte and a truncated sequence (what a hostile Contents file
    /// may hold).
    static let paths: [[UInt8]] = [
        "/usr/bin/ls", "/usr/share/applications/org.gnome.Foo.desktop", "/usr/share/doc/café/README",
        "/usr/share/doc/cafe\u{301}/README", "/srv/[weird]/*star?", "/usr/lib/x86_64-linux-gnu/libz.so.1.2.13",
        "/usr/share/man/man1/ls.1.gz", "/", "/usr/bin/zgrep", "/usr/bin/[",
    ].map { Array($0.utf8) } + [
        Array("/usr/bin/a".utf8) + [0] + Array("b.desktop".utf8),
        Array("/usr/share/x".utf8) + [0x80] + Array("ls".utf8),
        Array("/usr/share/".utf8) + [0xC3] + Array("ls".utf8),
    ]

    static let substrings = ["ls", "bin/ls", "café", "e\u{301}", ".desktop", "[weird]", "*star", "b.desktop", "zz", "/"]
    static let globs = ["*ls", "/usr/bin/*", "*.desktop", "*/caf?/*", "*[[]weird]*", "/usr/lib/*/libz.so.*", "*[^a-z]*",
                        "/usr/bin/[[]", "*[é]*", "*/man1/ls.1*", "/usr/bin/*grep", "/", "*", "*\u{301}*"]
    static let regexes = ["^/usr/bin/[a-z]+grep$", "/libz\\.so\\.[0-9]", "café", "(?i)DESKTOP$", "^/$", "ls$"]

    /// The SQL operator's answer for `path` (bound as text, bytes as they are).
    static func sql(_ db: Database, _ expression: String, pattern: String, path: [UInt8]) throws -> Bool {
        let statement = try db.prepare("SELECT \(expression)")
        try statement.bind([.text(pattern)])
        try path.withUnsafeBytes { try statement.bind(text: $0, at: 2) }
        #expect(try statement.step())
        let answer = statement.int64(at: 0) == 1
        statement.reset()
        return answer
    }

    static func swift(_ match: IndexSearch.PathMatch, _ path: [UInt8]) throws -> Bool {
        var bytes = path
        let answer = try ContentsPathTest(match).matches(&bytes)
        #expect(bytes == path, "the test leaves the path as it was")
        return answer
    }

    /// Every pattern on every path: the Swift test and the SQL expression (`?1` the pattern, `?2` the path) agree.
    static func expectAgreement(_ patterns: [String], _ match: (String) -> IndexSearch.PathMatch, _ expression: String,
                                db: Database) throws {
        for pattern in patterns {
            for path in paths {
                #expect(try swift(match(pattern), path) == sql(db, expression, pattern: pattern, path: path), "\(pattern) on \(path)")
            }
        }
    }

    @Test func substringIsInstr() throws {
        try Self.expectAgreement(Self.substrings, { .substring($0) }, "instr(?2, ?1) > 0", db: Database(path: ":memory:"))
    }

    @Test func globIsSQLiteGlob() throws {
        try Self.expectAgreement(Self.globs, { .glob($0) }, "?2 GLOB ?1", db: Database(path: ":memory:"))
        // The NUL ends the match for both: `*.desktop` does not match "/usr/bin/a\0b.desktop".
        #expect(try !Self.swift(.glob("*.desktop"), Self.paths[10]))
    }

    @Test func regexIsTheRegexpFunction() throws {
        let db = try Database(path: ":memory:")
        try registerDebworkFunctions(on: db)
        try Self.expectAgreement(Self.regexes, { .regex($0) }, "regexp(?1, ?2)", db: db)
    }

    @Test func aGlobLongerThanSQLiteTakesIsRefused() throws {
        let pattern = String(repeating: "*a", count: SQLiteGlob.maximumPatternLength / 2 + 1)
        #expect(throws: QueryError.self) { try ContentsPathTest(.glob(pattern)) }
        let db = try Database(path: ":memory:")
        #expect(throws: SQLiteError.self) { try Self.sql(db, "?2 GLOB ?1", pattern: pattern, path: Array("/a".utf8)) }
    }
}
