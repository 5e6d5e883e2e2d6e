import Artifacts
import DebworkTestSupport
import Foundation
@testable import Index
import SQLite
import Testing

/// The read models the other features call, checked against the tables they decode.
@Suite struct ReadModelTests {
    /// The fixtures, indexed.
    let workspace: IndexerTests.Workspace
    var store: IndexStore { workspace.store }

    init() throws {
        workspace = try IndexerTests.Workspace()
        _ = try workspace.index()
    }

    @Test func listedSourcesAreTheDistributionsRowsWithTheirOptionals() throws {
        let listed = try store.listedSources(of: "dwhello")
        let rows = try workspace.count("""
            SELECT count(*) FROM dist_sources s JOIN distributions d ON d.id = s.distribution_id
            WHERE s.package = 'dwhello' AND d.snapshot IS NULL
            """)
        #expect(listed.count == Int(rows) && rows > 0)
        #expect(listed.allSatisfy { FileManager.default.fileExists(atPath: $0.dscFile) })
        let withoutSuite = try workspace.count("""
            SELECT count(*) FROM dist_sources s JOIN distributions d ON d.id = s.distribution_id
            WHERE s.package = 'dwhello' AND d.snapshot IS NULL AND d.suite IS NULL
            """)
        #expect(listed.filter { $0.suite == nil }.count == Int(withoutSuite))
        let name = try #require(listed.first?.distribution)
        #expect(try store.listedSources(of: "dwhello", in: name).allSatisfy { $0.distribution == name })
        let all = try store.listedSources(in: name)
        #expect(all.map(\.package) == all.map(\.package).sorted())
    }

    @Test func artifactsCarryTheirAreaAndRepository() throws {
        let artifacts = try store.sourceArtifacts(of: "dwhello", version: "1.1-1")
        #expect(artifacts.contains { $0.area == .repositories && $0.repository != nil })
        #expect(artifacts.contains { $0.area == .builds && $0.repository == nil })
        #expect(artifacts.allSatisfy { $0.kind == "dsc" && $0.path.hasSuffix("/dwhello_1.1-1.dsc") })
        let binaries = try store.binaryArtifacts(builtFrom: "dwhello", version: "1.1-1")
        #expect(Set(binaries.map(\.package)) == ["dwhello", "dwhello-doc"])
        #expect(binaries.allSatisfy { $0.architecture != nil })
    }

    @Test func anIndexedDebListsWhatTheTablesHold() throws {
        let path = try #require(workspace.store.db.query(
            "SELECT f.path FROM files f JOIN binaries b ON b.file_id = f.id WHERE b.package = 'dwhello' LIMIT 1") {
            $0.string(0)
        }.first)
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let binary = try #require(try store.indexedBinary(path: path, size: Int64(size)))
        #expect(binary.sha256?.utf8.count == 64)
        #expect(try store.indexedBinary(path: path, size: Int64(size) + 1) == nil)
        let listing = try store.listing(of: binary.id)
        #expect(Int64(listing.entries.count)
                == (try workspace.count("SELECT count(*) FROM binary_files WHERE binary_id = \(binary.id.value)")))
        #expect(listing.controlMembers.contains { $0.name == "control" && !$0.bytes.isEmpty })
        #expect(listing.entries.contains { $0.type == .regular && $0.md5 != nil })
    }

    @Test func searchScopeKnowsItsDistributions() throws {
        let search = IndexSearch(store: store)
        #expect(try search.scope(areas: [], distribution: "no-such-distribution") == nil)
        let name = try #require(try store.listedSources(of: "dwhello").first?.distribution)
        #expect(try search.scope(areas: [.repositories], distribution: name) != nil)
    }
}
