import DebworkTestSupport
import Index
import Query
import SQLite
import Testing

/// `debvercmp` and `regexp` as SQL sees them.
@Suite struct SQLFunctionsTests {
    let database: Database

    init() throws {
        database = try Database(path: ":memory:")
        try registerDebworkFunctions(on: database)
    }

    static let versionPairs: [(String, String, Int64)] = [
        ("1.0", "1.0", 0), ("1.0", "1.0-0", 0), ("0:1.0", "1.0", 0), ("1.00", "1.0", 0),
        ("1.0~rc1", "1.0", -1), ("1.0~", "1.0~~", 1), ("1.0", "1.0+b1", -1), ("1.0-1", "1.0-1~bpo1", 1),
        ("1:0.1", "99", 1), ("2.36-9", "10", -1), ("1.0a", "1.0+", -1), ("1.0-2", "1.0-10", -1),
        ("12.4+deb12u5", "12.4+deb12u10", -1), ("1.2.3", "1.2.3.0", -1),
    ]

    @Test(arguments: versionPairs)
    func comparesLikeDpkg(_ a: String, _ b: String, _ expected: Int64) throws {
        #expect(try database.scalar("SELECT debvercmp(?, ?)", [.text(a), .text(b)]) == .integer(expected))
        // dpkg itself agrees.
        let relation = expected < 0 ? "lt" : expected == 0 ? "eq" : "gt"
        #expect(try runCommand("dpkg", ["--compare-versions", a, relation, b]).status == 0)
    }

    static let malformed: [(String, String, Int64)] = [
        ("", "1.0", -1), ("1 0", "1 0", 0), ("a:1", "1.0", 1), ("1.0", "a:1", -1), ("x:", "x:", 0),
    ]

    /// Strings dpkg refuses never fail the statement: they are compared bytewise.
    @Test(arguments: malformed)
    func comparesMalformedVersionsBytewise(_ a: String, _ b: String, _ expected: Int64) throws {
        #expect(try database.scalar("SELECT debvercmp(?, ?)", [.text(a), .text(b)]) == .integer(expected))
    }

    @Test func propagatesNull() throws {
        #expect(try database.scalar("SELECT debvercmp(NULL, '1')") == .null)
        #expect(try database.scalar("SELECT regexp('a', NULL)") == .null)
        #expect(try database.scalar("SELECT debvercmp(2, '10')") == .integer(-1))
    }

    static let regexes: [(String, String, Int64)] = [
        ("ngin", "nginx", 1), ("^gin", "nginx", 0), ("-dev$", "libc6-dev", 1), ("(dev|udeb)$", "libc6-udeb", 1),
        ("caf.", "café", 1), ("^[a-z0-9][a-z0-9+.-]+$", "g++", 1), ("\\d+\\.\\d+", "v1.22", 1), ("", "x", 1),
    ]

    @Test(arguments: regexes)
    func matchesRegularExpressions(_ pattern: String, _ text: String, _ expected: Int64) throws {
        #expect(try database.scalar("SELECT regexp(?, ?)", [.text(pattern), .text(text)]) == .integer(expected))
        #expect(try database.scalar("SELECT ? REGEXP ?", [.text(text), .text(pattern)]) == .integer(expected))
    }

    @Test func reportsAnInvalidRegularExpression() throws {
        let error = try #require(throws: SQLiteError.self) { try database.scalar("SELECT regexp('a(', 'x')") }
        #expect(error.message == "invalid regular expression 'a(': missing closing parenthesis")
        // The statement's error carries the function's own, and speaks with its words.
        #expect(error.functionError as? QueryError == .invalidRegularExpression(pattern: "a(", reason: "missing closing parenthesis"))
        #expect(error.description == "invalid regular expression 'a(': missing closing parenthesis")
    }

    /// A 10,000-row scan through both functions stays fast (generous bound: debug builds are slow).
    @Test func scansTenThousandRowsQuickly() throws {
        try database.execute("CREATE TABLE v(version TEXT, package TEXT)")
        try database.transaction {
            for index in 0..<10_000 {
                try database.run("INSERT INTO v VALUES (?, ?)",
                                 [.text("\(index % 7):\(index).\(index % 13)~rc\(index % 3)-\(index % 5)"),
                                  .text("package-\(index)")])
            }
        }
        let clock = ContinuousClock()
        var count: SQLValue?
        let elapsed = try clock.measure {
            count = try database.scalar(
                "SELECT count(*) FROM v WHERE debvercmp(version, ?) >= 0 AND regexp(?, package)",
                ["3:5000", "-[0-9]*7$"])
        }
        // Rows ending in 7 whose epoch (index % 7) is above 3, or is 3 with an upstream of at least 5000.
        let expected = (0..<10_000).filter { $0 % 10 == 7 && ($0 % 7 > 3 || ($0 % 7 == 3 && $0 >= 5000)) }.count
        #expect(count == .integer(Int64(expected)))
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        print("10,000-row debvercmp + regexp scan: \(elapsed)")
    }
}
