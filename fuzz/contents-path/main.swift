// libFuzzer target: the exact test of a Contents path (`Index.ContentsPathTest`) against the SQL operator it
// replaced, on the same pattern and path bytes.
//
// Input: one byte choosing the test (even: a substring, as `instr(path, pattern) > 0`; odd: a glob, as
// `path GLOB pattern`), then the pattern up to the first 0x01 byte, then the path's bytes as they are (NUL,
// broken UTF-8 and all: a Contents file is someone else's). The pattern is a Swift string, as the command line
// gives it. Any disagreement traps.
@testable import Index
import SQLite

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz check failed: \(message())") }
}

// libFuzzer calls the target on one thread only.
nonisolated(unsafe) let database: Database = {
    do {
        return try Database(path: ":memory:")
    } catch {
        fatalError("cannot open the database: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    guard let mode = input.first else { return 0 }
    let rest = input.dropFirst()
    let split = rest.firstIndex(of: 0x01) ?? rest.endIndex
    let patternBytes = rest[rest.startIndex..<split]
    var path = Array(rest[(split == rest.endIndex ? split : split + 1)...])
    // A glob's matcher backtracks on each star: long patterns only make the run slow on both sides.
    guard patternBytes.count <= 256, path.count <= 4096 else { return 0 }
    let pattern = String(decoding: patternBytes, as: UTF8.self)
    let glob = mode & 1 == 1
    let match: IndexSearch.PathMatch = glob ? .glob(pattern) : .substring(pattern)
    let original = path
    let swift: Bool
    do {
        swift = try ContentsPathTest(match).matches(&path)
    } catch {
        check(false, "ContentsPathTest threw \(error) for \(Array(pattern.utf8))")
        return 0
    }
    check(path == original, "the test changed the path")
    do {
        let statement = try database.prepare(glob ? "SELECT ?2 GLOB ?1" : "SELECT instr(?2, ?1) > 0", cached: true)
        statement.reset()
        try statement.bind([.text(pattern)])
        try original.withUnsafeBytes { try statement.bind(text: $0, at: 2) }
        check(try statement.step(), "no row")
        let sql = statement.int64(at: 0) == 1
        statement.reset()
        check(swift == sql, "\(glob ? "glob" : "substring") \(Array(pattern.utf8)) on \(original): Swift \(swift), SQLite \(sql)")
    } catch {
        check(false, "SQLite failed: \(error)")
    }
    return 0
}
