// libFuzzer target: the `search --where` language (`QueryLanguage.QueryParser`) and its SQL
// (`Index.WhereCompiler`).
//
// Every query that compiles must give SQL that prepares against the columns `WhereFilter` documents (an
// in-memory SQLite database with the debwork functions registered), with one bound value per `?`, and that
// runs over a few candidate rows. A violation traps.
import Index
import QueryLanguage
import SQLite

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz check failed: \(message())") }
}

// libFuzzer calls the target on one thread only.
nonisolated(unsafe) let database: Database = {
    do {
        let database = try Database(path: ":memory:")
        try registerDebworkFunctions(on: database)
        try database.execute("""
            CREATE TABLE field_values(owner INTEGER, name TEXT, value TEXT);
            CREATE TABLE rows(kind TEXT, type TEXT, package TEXT, version TEXT, architecture TEXT, source TEXT,
                              source_version TEXT, distribution TEXT, owner INTEGER);
            INSERT INTO rows VALUES
              ('binary', 'deb', 'dwhello', '1.0-1', 'amd64', 'dwhello', '1.0-1', 'bookworm', 2),
              ('source', 'source', 'dwhello', '1:1.1~rc1-2', 'amd64 arm64', 'dwhello', '1:1.1~rc1-2', NULL, 3),
              ('binary', 'udeb', 'x', 'not a version', NULL, NULL, NULL, NULL, 4);
            INSERT INTO field_values VALUES (2, 'depends', 'libc6 (>= 2.36)'), (3, 'section', 'misc'),
              (4, 'description', 'x'), (2, 'version', '1.0-1');
            """)
        return database
    } catch {
        fatalError("cannot set up the database: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let expression = try? QueryParser.parse(text) else { return 0 }
    guard let filter = try? WhereCompiler.compile(expression) else { return 0 }
    let placeholders = filter.sql.utf8.filter { $0 == UInt8(ascii: "?") }.count
    check(placeholders == filter.values.count,
          "\(placeholders) placeholders, \(filter.values.count) values for '\(text)': \(filter.sql)")
    let sql = "WITH candidates AS (SELECT * FROM rows) SELECT count(*) FROM candidates WHERE \(filter.sql)"
    do {
        let statement = try database.prepare(sql, cached: false)
        try statement.bind(filter.values)
        while try statement.step() {}
    } catch {
        check(false, "query '\(text)' gives SQL that fails: \(error)\n\(sql)")
    }
    return 0
}
