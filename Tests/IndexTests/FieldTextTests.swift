import DebworkTestSupport
@testable import Index
import SQLite
import struct SystemCalls.ByteFinder
import Testing

/// `field_text` (Schema 12): each field's distinct values in NUL-joined chunks, through which a `--where` glob finds the
/// values holding its literal. Every answer it gives is checked against the scan of `field_values` it replaces.
@Suite struct FieldTextTests {
    static let count = 300

    /// A metadata-only tree whose Packages has `count` stanzas (plus `extra`): repeated and distinct values, non-ASCII.
    static func packages(extra: String = "") -> String {
        let libraries = ["zstd1", "lzma5", "z1g", "ssl3"]
        return (0..<count).map { i in
            """
            Package: pkg\(i)
            Version: 1.\(i)-1
            Architecture: amd64
            Maintainer: Person \(i % 7) <p\(i % 7)@example.org>
            Depends: libc6 (>= 2.\(i % 5)), lib\(libraries[i % 4]) (>= \(i % 3)), pkg\((i + 1) % count)
            Description: package number \(i) with é and ünïcode
            Section: \(i % 2 == 0 ? "libs" : "utils")
            Filename: pool/main/p/pkg\(i)/pkg\(i)_1.\(i)-1_amd64.deb
            Size: 100

            """
        }.joined(separator: "\n") + extra
    }

    final class Workspace {
        let directory: TemporaryDirectory
        let store: IndexStore
        var tree: String { directory.appending("tree") }

        init(extra: String = "") throws {
            directory = try TemporaryDirectory("debwork-field-text")
            try directory.write("tree/dists/meta/Release", "Origin: Test\nCodename: meta\nArchitectures: amd64\nComponents: main\n")
            try directory.write("tree/dists/meta/main/binary-amd64/Packages", FieldTextTests.packages(extra: extra))
            store = try IndexStore(path: directory.appending("index.sqlite"))
            _ = try index()
        }

        func writePackages(extra: String = "") throws {
            try directory.write("tree/dists/meta/main/binary-amd64/Packages", FieldTextTests.packages(extra: extra))
        }

        func index() throws -> IndexSummary { try Indexer(options: .init(jobs: 2)).run(paths: [tree], store: store) }

        /// The owners the scan finds: the query `field_text` stands in for.
        func scanned(_ field: String, _ glob: String) throws -> Set<Int64> {
            try scanned(WhereFilter.Owners.Scan(field: field, test: "x GLOB ?", values: [.text(glob)]))
        }

        func scanned(_ scan: WhereFilter.Owners.Scan) throws -> Set<Int64> {
            try registerDebworkFunctions(on: store.db)
            return Set(try store.db.query("SELECT owner FROM (SELECT owner, value AS x FROM field_values WHERE name = ?) WHERE \(scan.test)",
                                          [.text(scan.field)] + scan.values) { $0.int(0) })
        }

        /// The owners found through `field_text`; nil when it does not serve.
        func throughText(_ field: String, _ glob: String) throws -> Set<Int64>? {
            try throughText(WhereFilter.Owners.Scan(field: field, test: "x GLOB ?", values: [.text(glob)],
                                                    literal: WhereCompiler.globLiteral(glob)))
        }

        func throughText(_ scan: WhereFilter.Owners.Scan) throws -> Set<Int64>? {
            try registerDebworkFunctions(on: store.db)
            guard let literal = scan.literal,
                  let owners = try IndexSearch(store: store).ownersThroughFieldText(scan, literal: literal) else { return nil }
            return Set(try store.db.query(owners.sql, owners.values) { $0.int(0) })
        }
    }

    /// The scan a `--where` condition compiles to.
    static func scan(_ query: String) throws -> WhereFilter.Owners.Scan {
        try #require(try WhereCompiler.compile(query).owners?.scan)
    }

    @Test func chunksHoldEachDistinctValueOnceInOrder() throws {
        let workspace = try Workspace()
        let db = workspace.store.db
        _ = try db.transaction { try workspace.store.recordFieldText(chunkBytes: 64) }
        let fields = try db.query("SELECT DISTINCT name FROM field_values ORDER BY name") { $0.string(0) }
        #expect(fields.contains("depends") && fields.contains("maintainer"))
        for field in fields {
            let expected = try db.query("SELECT DISTINCT value FROM field_values WHERE name = ?1 ORDER BY value", [.text(field)]) {
                $0.string(0)
            }
            var values: [String] = []
            let rows = try db.scalar("SELECT sum(rows) FROM field_text WHERE name = ?1", [.text(field)])?.int
            let chunks = try db.query("SELECT text FROM field_text WHERE name = ?1 ORDER BY chunk", [.text(field)]) { row -> [UInt8] in
                if case .blob(let bytes) = row[0] { return bytes }
                return []
            }
            for chunk in chunks {
                #expect(chunk.count <= 64 || !chunk.contains(0), "a chunk over the size holds one value")
                values += chunk.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            }
            #expect(values == expected, "field \(field)")
            #expect(rows == (try db.scalar("SELECT count(*) FROM field_values WHERE name = ?1", [.text(field)])?.int), "field \(field)")
        }
        #expect(try db.scalar("SELECT count(*) FROM field_text WHERE name = 'depends'")?.int ?? 0 > 10)
    }

    @Test(arguments: [
        ("depends", "*zstd*"), ("depends", "*libc6 (>= 2.3)*"), ("depends", "*, pkg17"), ("depends", "*pkg17"),
        ("depends", "libc6 (>= 2.1)*"), ("depends", "*(>= [12]), libz1g*"), ("depends", "*nothing*"), ("depends", "*z?g*"),
        ("maintainer", "*Person 3*"), ("maintainer", "Person [2-4] *"), ("description", "*é and*"), ("description", "*number 29 *"),
        ("section", "*lib*"), ("depends", "*[*"), ("depends", "*pkg1*"),
    ])
    func lookupsFindWhatTheScanFinds(field: String, glob: String) throws {
        let workspace = try Workspace()
        for chunkBytes in [IndexStore.fieldTextChunkBytes, 100] {
            _ = try workspace.store.db.transaction { try workspace.store.recordFieldText(chunkBytes: chunkBytes) }
            let scanned = try workspace.scanned(field, glob)
            let found = try workspace.throughText(field, glob)
            #expect(found == nil || found == scanned, "\(field) \(glob), chunks of \(chunkBytes)")
        }
    }

    /// Regular expressions go through the same chunks with their longest ASCII run (``WhereCompiler/regexLiteral``).
    @Test(arguments: [
        "Depends (~ libzstd1)", "Depends (~ pkg29[0-9]$)", "Depends (~ ^libc6 .>= 2\\.[34])", "Maintainer (~ Person [35])",
        "Description (~ number 29[0-9] )", "Description (~ ünïcode$)", "Depends (~ z1g|zstd1)", "Depends (~ pkg2+9)",
        "Section (~ ^li)",
    ])
    func regularExpressionsFindWhatTheScanFinds(query: String) throws {
        let workspace = try Workspace()
        let scan = try Self.scan(query)
        let found = try workspace.throughText(scan)
        let scanned = try workspace.scanned(scan)
        #expect(found == nil || found == scanned, "\(query)")
        if ["Depends (~ pkg29[0-9]$)", "Maintainer (~ Person [35])", "Description (~ number 29[0-9] )"].contains(query) {
            #expect(found != nil, "\(query) is served")
        }
    }

    @Test func regexLiterals() {
        #expect(WhereCompiler.regexLiteral("libzstd1") == "libzstd1")
        #expect(WhereCompiler.regexLiteral("^libc6 \\(>= 2") == "libc6 (>= 2")
        #expect(WhereCompiler.regexLiteral("zstd1|z1g") == nil, "top-level alternatives")
        #expect(WhereCompiler.regexLiteral("(?i)zstd") == nil, "inline options")
        #expect(WhereCompiler.regexLiteral("ünïcode") == "code", "ASCII only")
        #expect(WhereCompiler.regexLiteral(".*") == nil)
    }

    @Test func selectiveLiteralsAreServed() throws {
        let workspace = try Workspace()
        // 300 rows of each field: up to 64 values are looked up.
        for (field, glob) in [("depends", "*, pkg17"), ("maintainer", "*Person 3*"), ("description", "*number 29 *"), ("depends", "*nothing*")] {
            let found = try #require(try workspace.throughText(field, glob), "\(field) \(glob)")
            #expect(found == (try workspace.scanned(field, glob)))
        }
        #expect(try workspace.throughText("depends", "*, pkg17")?.count == 1)
        // Too many values hold `lib` (every Depends value): the scan is cheaper.
        #expect(try workspace.throughText("depends", "*lib*") == nil)
    }

    @Test func staleOrMissingTextIsNotUsed() throws {
        let workspace = try Workspace()
        let db = workspace.store.db
        #expect(try workspace.store.fieldTextIsStale() == false)
        try workspace.store.markFieldTextStale()
        #expect(try workspace.throughText("depends", "*, pkg17") == nil)
        _ = try db.transaction { try workspace.store.recordFieldText() }
        #expect(try workspace.throughText("depends", "*, pkg17") != nil)
        // A field no row has: no chunks.
        #expect(try workspace.throughText("no-such-field", "*x*") == nil)
    }

    @Test func aFieldWithANULValueHasNoChunks() throws {
        let workspace = try Workspace()
        let db = workspace.store.db
        // Stored by length, a NUL inside a value cannot be told from the separator: that field is scanned.
        try db.run("INSERT INTO field_values(owner, name, value) VALUES (-7, 'depends', ?1)", [.text("libzstd1, pkg17\u{0}tail")])
        _ = try db.transaction { try workspace.store.recordFieldText(chunkBytes: 100) }
        #expect(try db.scalar("SELECT count(*) FROM field_text WHERE name = 'depends'")?.int == 0)
        #expect(try db.scalar("SELECT count(*) FROM field_text WHERE name = 'maintainer'")?.int ?? 0 > 0)
        #expect(try workspace.throughText("depends", "*, pkg17") == nil)
        #expect(try workspace.scanned("depends", "*, pkg17").contains(-7))
    }

    @Test func valuesRemovedSinceTheBuildAreNoHits() throws {
        let workspace = try Workspace()
        let db = workspace.store.db
        let before = try #require(try workspace.throughText("depends", "*, pkg17"))
        try db.run("DELETE FROM field_values WHERE name = 'depends' AND value GLOB '*, pkg17'")
        #expect(!before.isEmpty)
        #expect(try workspace.throughText("depends", "*, pkg17") == [])
    }

    @Test func indexRunsKeepItCurrent() throws {
        let workspace = try Workspace()
        #expect(try workspace.throughText("depends", "*libnew9*") == [])
        // A new Release too: a Packages file is read again when its Release changed.
        try workspace.directory.write("tree/dists/meta/Release", "Origin: Test\nCodename: meta\nVersion: 2\nArchitectures: amd64\nComponents: main\n")
        try workspace.writePackages(extra: """

            Package: newcomer
            Version: 1
            Architecture: amd64
            Depends: libnew9
            Filename: pool/main/n/newcomer/newcomer_1_amd64.deb
            Size: 100

            """)
        let summary = try workspace.index()
        #expect(summary.updated + summary.new > 0)
        #expect(try workspace.store.fieldTextIsStale() == false)
        #expect(try workspace.throughText("depends", "*libnew9*")?.count == 1)
        #expect(try workspace.throughText("depends", "*libnew9*") == (try workspace.scanned("depends", "*libnew9*")))
    }

    /// An index written before Schema 12 gets the table empty and marked stale: its searches scan until the next run.
    @Test func migrationLeavesItToTheNextRun() throws {
        let workspace = try Workspace()
        try workspace.store.db.execute("""
            DROP TABLE field_text; DELETE FROM meta WHERE key = 'field_text_stale'; PRAGMA user_version = 11;
            """)
        let upgraded = try IndexStore(path: workspace.store.path)
        #expect(try upgraded.fieldTextIsStale())
        #expect(try upgraded.db.scalar("SELECT count(*) FROM field_text")?.int == 0)
        let summary = try Indexer(options: .init(jobs: 2)).run(paths: [workspace.tree], store: upgraded)
        #expect(summary.new + summary.updated == 0)
        #expect(try upgraded.fieldTextIsStale() == false)
        #expect(try workspace.throughText("depends", "*, pkg17")?.count == 1)
    }

    @Test func globLiterals() {
        #expect(WhereCompiler.globLiteral("*libzstd1*") == "libzstd1")
        #expect(WhereCompiler.globLiteral("a*bcd?e") == "bcd")
        #expect(WhereCompiler.globLiteral("[abc]xyz") == "xyz")
        #expect(WhereCompiler.globLiteral("[]x]yy*") == "yy")
        #expect(WhereCompiler.globLiteral("[^]q]zz") == "zz")
        #expect(WhereCompiler.globLiteral("ab[cd") == "ab")
        #expect(WhereCompiler.globLiteral("*") == nil)
        #expect(WhereCompiler.globLiteral("") == nil)
        #expect(WhereCompiler.globLiteral("é*ü") == "é")
    }

    @Test func valuesHoldingANeedle() {
        let chunk = Array("abc\u{0}xbcx\u{0}bc\u{0}zzz".utf8)
        func found(_ needle: String, limit: Int = 10) -> ([String], Bool) {
            var values: [String] = []
            let complete = chunk.withUnsafeBytes { bytes in
                FieldText.values(in: bytes, containing: ByteFinder(Array(needle.utf8)), limit: limit) { values.append(String(decoding: $0, as: UTF8.self)) }
            }
            return (values, complete)
        }
        #expect(found("bc") == (["abc", "xbcx", "bc"], true))
        #expect(found("bc", limit: 2) == (["abc", "xbcx"], false))
        #expect(found("zzz") == (["zzz"], true))
        #expect(found("ab") == (["abc"], true))
        #expect(found("q") == ([], true))
        #expect(found("x") == (["xbcx"], true), "two hits in one value: the value once")
        var none = 0
        _ = [UInt8]().withUnsafeBytes { FieldText.values(in: $0, containing: ByteFinder(Array("a".utf8)), limit: 1) { _ in none += 1 } }
        #expect(none == 0)
    }
}
