import Debdiff
import DebworkTestSupport
import Foundation
import Index
import JSONOutput
import Testing

/// Binary comparisons answered from the index: byte for byte the report read from the archives, and
/// nothing opened at all (proven by replacing the indexed files with garbage of the same size and time).
@Suite struct IndexedBinaryDebdiffTests {
    /// The fixtures' packages and uploads, indexed once; each test opens its own read-only connection.
    static let indexPath: String? = {
        guard let directory = try? TemporaryDirectory(), let store = try? IndexStore(path: directory.appending("index.sqlite"))
        else { return nil }
        _ = try? Indexer(options: .init(jobs: 2)).run(
            paths: [Fixtures.path("packages"), Fixtures.path("uploads")], store: store)
        directory.keep()
        return store.path
    }()

    static func listings() throws -> IndexedListings {
        IndexedListings(store: try IndexStore(path: try #require(indexPath), readOnly: true))
    }

    static func run(_ arguments: [String], index: IndexedListings?) throws -> DebdiffReport {
        let commandLine = try DebdiffCommandLine(arguments)
        guard case .binary(let input) = commandLine.mode else { throw DebdiffError("not a binary comparison: \(arguments)") }
        return try BinaryDebdiff(options: commandLine.options).run(input, index: index)
    }

    /// The JSON without `from_index`, which is the one thing that may differ.
    static func comparable(_ json: JSONValue) -> String {
        guard case .object(let members) = json else { return json.serialized() }
        return JSONValue.object(members.filter { $0.key != "from_index" }).serialized()
    }

    static func fromIndex(_ json: JSONValue) -> [String] {
        guard case .object(let members) = json, case .array(let values)? = members.first(where: { $0.key == "from_index" })?.value
        else { return [] }
        return values.compactMap { if case .string(let path) = $0 { path } else { nil } }
    }

    static let contentsCases: [[String]] = [
        ["--contents", BinaryDebdiffTests.p("dwhello_1.0-1_amd64.deb"), BinaryDebdiffTests.p("dwhello_1.1-1_amd64.deb")],
        ["--contents", BinaryDebdiffTests.p("dwold_2.0-1_all.deb"), BinaryDebdiffTests.p("dwold_2.0-2_all.deb")],
        ["--contents", BinaryDebdiffTests.p("dwnative_0.3_all.deb"), BinaryDebdiffTests.p("dwnative_0.4_all.deb")],
        ["--contents", BinaryDebdiffTests.uploads + "/dwhello_1.0-2_source.changes",
         BinaryDebdiffTests.uploads + "/dwhello_1.1-1_amd64.changes"],
    ]

    @Test(arguments: BinaryDebdiffTests.pairs + BinaryDebdiffTests.optionCases + contentsCases)
    func theIndexGivesTheArchivesReport(_ arguments: [String]) throws {
        let fromArchives = try Self.run(arguments, index: nil)
        let fromIndex = try Self.run(arguments, index: try Self.listings())
        #expect(fromIndex.text == fromArchives.text, "text for \(arguments)")
        #expect(fromIndex.exitStatus == fromArchives.exitStatus)
        #expect(Self.comparable(fromIndex.json) == Self.comparable(fromArchives.json))
        let packages = arguments.filter { $0.hasSuffix(".deb") || $0.hasSuffix(".udeb") }
        #expect(Set(Self.fromIndex(fromIndex.json)).isSuperset(of: packages), "read from the index: \(arguments)")
        #expect(Self.fromIndex(fromArchives.json).isEmpty)
    }

    /// Copies of two fixture packages in a scratch directory, indexed there (the directory lives as long
    /// as the returned value is kept).
    static func indexedCopies() throws -> (TemporaryDirectory, old: String, new: String, IndexStore) {
        let scratch = try TemporaryDirectory()
        let old = try scratch.copy(BinaryDebdiffTests.p("dwhello_1.0-1_amd64.deb"))
        let new = try scratch.copy(BinaryDebdiffTests.p("dwhello_1.1-1_amd64.deb"))
        let store = try IndexStore(path: scratch.appending("index.sqlite"))
        _ = try Indexer(options: .init(jobs: 1)).run(paths: [old, new], store: store)
        return (scratch, old, new, store)
    }

    /// Two indexed packages overwritten with garbage of the same size, their modification times kept (what
    /// `cp -p` of another file does): the index's rows no longer describe them, so they are read from the
    /// archives — and fail, as with `--no-index`. Size and time never vouch for content.
    @Test func aPackageOverwrittenWithTheSameSizeAndTimeIsNotTrusted() throws {
        let (scratch, old, new, store) = try Self.indexedCopies()
        defer { withExtendedLifetime(scratch) {} }
        for path in [old, new] {
            var info = stat()
            try #require(stat(path, &info) == 0)
            try Data(repeating: 0x5A, count: Int(info.st_size)).write(to: URL(fileURLWithPath: path))
            var times = [info.st_atim, info.st_mtim]
            try #require(utimensat(AT_FDCWD, path, &times, 0) == 0)
        }
        let index = IndexedListings(store: try IndexStore(path: store.path, readOnly: true))
        #expect(throws: DebdiffError.self) { try Self.run([old, new], index: index) }
        #expect(throws: DebdiffError.self) { try Self.run(["--no-index", old, new], index: nil) }
    }

    /// A package touched since it was indexed (same content, another modification time) still comes from the
    /// index; one whose content changed is read from its archive.
    @Test func aChangedPackageIsReadFromItsArchive() throws {
        let (scratch, old, new, store) = try Self.indexedCopies()
        defer { withExtendedLifetime(scratch) {} }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 86_400)], ofItemAtPath: old)
        try FileManager.default.removeItem(atPath: new)
        try FileManager.default.copyItem(atPath: BinaryDebdiffTests.p("dwhello_1.0-2_amd64.deb"), toPath: new)
        let index = IndexedListings(store: try IndexStore(path: store.path, readOnly: true))
        let report = try Self.run([old, new], index: index)
        #expect(Self.fromIndex(report.json) == [old])
        #expect(report.text == (try Self.run([old, new], index: nil)).text)
    }
}
