import DebworkTestSupport
import Foundation
import Index
@testable import Query
import SQLite
import Testing

/// An index of the good fixtures (packages, uploads, repo), built once and opened read-only by each test.
enum FixtureIndex {
    static let directory = try! TemporaryDirectory("debwork-search")
    static let path: String = {
        let store = try! IndexStore(path: directory.appending("index.sqlite"))
        _ = try! Indexer(options: .init(jobs: 2)).run(
            paths: ["packages", "uploads", "repo"].map(Fixtures.path), store: store)
        return store.path
    }()

    static func service() throws -> SearchService {
        SearchService(store: try IndexStore(path: path, readOnly: true))
    }

    static func run(_ query: SearchQuery) throws -> SearchResult {
        try service().run(query)
    }
}

@Suite struct SearchServiceTests {
    func packages(_ query: SearchQuery) throws -> OrderedSources {
        guard case .packages(let result) = try FixtureIndex.run(query) else { throw TestSupportError("not packages") }
        return OrderedSources(result)
    }

    struct OrderedSources {
        let result: PackageSearchResult
        init(_ result: PackageSearchResult) { self.result = result }
        var names: [String] { result.sources.members.map(\.key) }
        subscript(_ name: String) -> AreaPaths? { result.sources[name] }
    }

    /// mini-buildd's `pool.Dir.isearch`: a binary-name match yields that binary's files only (under its
    /// source), repository paths start with the repository id; a source-name match yields its source folder.
    @Test func binaryNameMatchReportsItsSource() throws {
        let found = try packages(SearchQuery(pattern: "hello-d"))
        #expect(found.names == ["dwhello"])
        let paths = try #require(found["dwhello"])
        #expect(paths.repositories == ["test/pool/main/d/dwhello/dwhello-doc_1.0-1_all.deb",
                                       "test/pool/main/d/dwhello/dwhello-doc_1.0-2_all.deb",
                                       "test/pool/main/d/dwhello/dwhello-doc_1.1-1_all.deb"])
        #expect(paths.builds == ["dwhello-doc_1.0-1_all.deb", "dwhello-doc_1.0-2_all.deb", "dwhello-doc_1.1-1_all.deb"])
        #expect(paths.events == ["dwhello-doc_1.1-1_all.deb"])
        let bySource = try #require(try packages(SearchQuery(pattern: "dwhello"))["dwhello"])
        #expect(bySource.repositories.first == "test/pool/main/d/dwhello")
        #expect(!bySource.repositories.contains { $0.hasSuffix(".dsc") })
        #expect(bySource.repositories.contains("test/pool/main/d/dwhello/dwhello_1.1-1_amd64.deb"))
    }

    @Test func globIsWrappedAndLowercased() throws {
        #expect(try packages(SearchQuery(pattern: "DW")).names == ["dwepoch", "dwhello", "dwnative", "dwold"])
        #expect(try packages(SearchQuery(pattern: "dw?ld")).names == ["dwold"])
        #expect(try packages(SearchQuery(pattern: "dw[ho]")).names == ["dwhello", "dwold"])
        #expect(try packages(SearchQuery(pattern: "dw[!ho]")).names == ["dwepoch", "dwnative"])
        #expect(try packages(SearchQuery(pattern: "nothing-like-this")).names.isEmpty)
    }

    @Test func areasLatestDistributionAndLimit() throws {
        let builds = try packages(SearchQuery(pattern: "dwnative", areas: [.builds]))
        #expect(builds["dwnative"]?.repositories == [] && builds["dwnative"]?.events == [])
        #expect(builds["dwnative"]?.builds.count == 3) // the .debs and the .udeb; a flat folder has no source folder
        let latest = try packages(SearchQuery(pattern: "dwhello", areas: [.builds], latest: true))
        #expect(latest["dwhello"]?.builds == ["dwhello-doc_1.1-1_all.deb", "dwhello_1.1-1_amd64.deb"])
        let stable = try packages(SearchQuery(pattern: "dw", distribution: "bookworm-test-stable"))
        #expect(stable.names == ["dwhello", "dwold"])
        #expect(stable["dwold"]?.repositories == ["test/pool/contrib/d/dwold", "test/pool/contrib/d/dwold/dwold_2.0-1_all.deb"])
        #expect(stable["dwhello"]?.builds == [])
        #expect(try packages(SearchQuery(pattern: "dw", limit: 2)).names == ["dwepoch", "dwhello"])
        #expect(throws: SearchError.self) { try FixtureIndex.run(SearchQuery(pattern: "dw", distribution: "nope")) }
    }

    @Test func pathSubstringAndGlob() throws {
        guard case .paths(let hits) = try FixtureIndex.run(SearchQuery(mode: .path, pattern: "/usr/lib/dwhello/helper")) else {
            Issue.record("not paths"); return
        }
        #expect(Set(hits.map(\.package)) == ["dwhello"])
        #expect(hits.allSatisfy { $0.path == "/usr/lib/dwhello/helper" && $0.architecture == "amd64" })
        guard case .paths(let patches) = try FixtureIndex.run(SearchQuery(mode: .path, pattern: "debian/patches/*", latest: true)) else {
            Issue.record("not paths"); return
        }
        // 1.1-1 dropped the patch: the newest dwhello has none.
        #expect(patches.isEmpty)
        guard case .paths(let greetings) = try FixtureIndex.run(SearchQuery(mode: .path, pattern: "gr?etings.*", areas: [.builds])) else {
            Issue.record("not paths"); return
        }
        #expect(greetings.map(\.artifact).sorted() == ["dwhello-doc_1.1-1_all.deb", "dwhello_1.1-1.dsc", "dwhello_1.1-1_amd64.deb"])
        guard case .paths(let short) = try FixtureIndex.run(SearchQuery(mode: .path, pattern: "hi", limit: 1)) else {
            Issue.record("not paths"); return
        }
        #expect(short.count == 1)
    }

    @Test func textIsRankedWithSnippets() throws {
        guard case .text(let hits) = try FixtureIndex.run(SearchQuery(mode: .text, pattern: "\"multi-language\" greet*")) else {
            Issue.record("not text"); return
        }
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0.package.hasPrefix("dwhello") && $0.snippet.contains("[") })
        #expect(hits.map(\.rank) == hits.map(\.rank).sorted())
        guard case .text(let none) = try FixtureIndex.run(SearchQuery(mode: .text, pattern: "greeting NOT greeting")) else { return }
        #expect(none.isEmpty)
        #expect(throws: SearchError.self) { try FixtureIndex.run(SearchQuery(mode: .text, pattern: "*")) }
    }

    @Test func whereFilterSeesTheDocumentedColumns() throws {
        let service = try FixtureIndex.service()
        let scope = try Scope(areas: [], distribution: nil, store: service.store)
        let plain = try service.apply(WhereFilter(sql: "kind = 'binary' AND package = ?", values: ["dwold"]),
                                      pattern: nil, scope: scope, query: SearchQuery(pattern: nil))
        #expect(plain.sources.members.map(\.key) == ["dwold"])
        #expect(plain.sources["dwold"]?.builds == ["dwold_2.0-1_all.deb", "dwold_2.0-2_all.deb"])
        let numbered = try service.apply(
            WhereFilter(sql: "distribution = ?1 AND type = ?2 AND owner IN (SELECT owner FROM field_values WHERE name = 'format' AND value = ?3)",
                        values: ["bookworm-test-stable", "source", "3.0 (quilt)"]),
            pattern: "dwh", scope: scope, query: SearchQuery(pattern: "dwh", distribution: "bookworm-test-stable"))
        #expect(numbered.sources.members.map(\.key) == ["dwhello"])
        #expect(numbered.sources["dwhello"]?.repositories == ["pool/main/d/dwhello/dwhello_1.0-2.dsc"])
    }

    @Test func ownerOfEveryFileOfEveryFixtureDeb() throws {
        guard Fixtures.hasTool("dpkg-deb") else { Issue.record("dpkg-deb missing"); return }
        let service = try FixtureIndex.service()
        let debs = Fixtures.files(in: "packages", suffix: ".deb") + Fixtures.files(in: "packages", suffix: ".udeb")
        #expect(debs.count >= 12)
        var checked = 0
        for deb in debs {
            let listing = try runCommand("dpkg-deb", ["-c", deb])
            #expect(listing.status == 0)
            let name = (deb as NSString).lastPathComponent
            let package = String(name.prefix { $0 != "_" })
            for line in listing.stdout.split(separator: "\n") where !line.hasPrefix("d") {
                // "-rw-r--r-- root/root 123 2025-01-01 00:00 ./usr/bin/x[ -> target]"
                guard let dot = line.range(of: " ./") else { continue }
                var path = String(line[dot.upperBound...])
                if let arrow = path.range(of: " -> ") { path = String(path[..<arrow.lowerBound]) }
                path = "/" + path
                guard case .paths(let hits) = try service.run(SearchQuery(mode: .path, pattern: path, areas: [.builds])) else {
                    Issue.record("not paths"); continue
                }
                #expect(hits.contains { $0.package == package && $0.artifact == name && $0.path == path },
                        "\(path) of \(name): \(hits.map(\.artifact))")
                checked += 1
            }
        }
        #expect(checked > 40)
    }

    static let hostile = [
        "\"", "'", "*", ")", "(", "NEAR(", "NEAR(a b", "-", "^", "%", "_", "\\", "' OR 1=1 --", "\"; DROP TABLE files; --",
        "[", "]", "[]", "[!", "a:b", "{", "AND", "OR NOT", "\u{0}", "ü", "日本語", "🙂", "x\u{301}",
        String(repeating: "a", count: 4096), String(repeating: "*a", count: 2000), String(repeating: "x", count: 100_000),
    ]

    @Test(arguments: hostile)
    func hostileInputIsAnAnswerOrASearchError(_ input: String) throws {
        let service = try FixtureIndex.service()
        for mode in [SearchQuery.Mode.name, .path, .text] {
            do {
                _ = try service.run(SearchQuery(mode: mode, pattern: input, latest: true))
            } catch let error as SearchError {
                #expect(!error.description.contains("sqlite") && !error.description.contains("syntax"))
            } catch {
                Issue.record("\(mode) '\(input.prefix(40))': \(error)")
            }
        }
        do {
            _ = try service.run(SearchQuery(pattern: nil, whereQuery: input))
        } catch let error as SearchError {
            #expect(error.description.hasPrefix("--where") || error.description.contains("too long"))
        } catch {
            Issue.record("--where '\(input.prefix(40))': \(error)")
        }
    }
}
