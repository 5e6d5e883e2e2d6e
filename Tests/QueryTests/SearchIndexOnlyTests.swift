import DebworkTestSupport
import Foundation
import Index
@testable import Query
import Testing

/// A metadata-only tree (Release, Packages, Sources; no pool files) indexed with the fixtures' loose packages:
/// `meta` is written here, `unstable` is the fixture repository's bookworm-test-unstable without its pool
/// (every package it lists is also a fixture .deb/.dsc, so none of it is index-only).
enum IndexOnlyIndex {
    static let directory = try! TemporaryDirectory("debwork-index-only")

    static let packages = """
        Package: hello
        Version: 2.10-3
        Installed-Size: 280
        Maintainer: Santiago Vila <sanvila@debian.org>
        Architecture: amd64
        Depends: libc6 (>= 2.34)
        Description: example package based on GNU hello
        Homepage: https://www.gnu.org/software/hello/
        Section: devel
        Priority: optional
        Filename: pool/main/h/hello/hello_2.10-3_amd64.deb
        Size: 52556
        SHA256: 1b0f0e4e4c2f79f8b2fb7cf5f57e1f2f0b1c3a7f0d1e9b6a4f0e2d3c4b5a6978

        Package: hello
        Version: 2.9-1
        Architecture: amd64
        Maintainer: Santiago Vila <sanvila@debian.org>
        Description: example package based on GNU hello, an older one
        Section: devel
        Priority: optional
        Filename: pool/main/h/hello/hello_2.9-1_amd64.deb
        Size: 50000

        Package: hello-traditional
        Source: hello (2.10-3)
        Version: 2.10-3
        Architecture: all
        Maintainer: Santiago Vila <sanvila@debian.org>
        Description: transitional package for the traditional greeting
        Section: oldlibs
        Priority: optional
        Filename: pool/main/h/hello/hello-traditional_2.10-3_all.deb
        Size: 900

        Package: libfrob1
        Source: frob (1.2-1)
        Version: 1.2-1+b1
        Architecture: amd64
        Maintainer: Jane Doe <jane@example.org>
        Depends: libc6 (>= 2.36), hello
        Description: frobnication library
        Section: libs
        Priority: required
        Filename: pool/main/f/frob/libfrob1_1.2-1+b1_amd64.deb
        Size: 1000

        Package: dwhello
        Version: 1.0-2
        Architecture: amd64
        Maintainer: Fixture <fixture@example.org>
        Description: listed here and also indexed as a .deb
        Section: devel
        Priority: optional
        Filename: pool/main/d/dwhello/dwhello_1.0-2_amd64.deb
        Size: 1000

        Package: dwhello
        Version: 9.9-1
        Architecture: amd64
        Maintainer: Fixture <fixture@example.org>
        Description: listed here only
        Section: devel
        Priority: optional
        Filename: pool/main/d/dwhello/dwhello_9.9-1_amd64.deb
        Size: 1000


        """

    static let sources = """
        Package: hello
        Binary: hello, hello-traditional
        Version: 2.10-3
        Maintainer: Santiago Vila <sanvila@debian.org>
        Architecture: any all
        Format: 3.0 (quilt)
        Directory: pool/main/h/hello
        Section: devel
        Files:
         aaaabbbbccccddddeeeeffff00001111 1000 hello_2.10-3.dsc

        Package: frob
        Binary: libfrob1
        Version: 1.2-1
        Maintainer: Jane Doe <jane@example.org>
        Architecture: any
        Format: 3.0 (quilt)
        Directory: pool/main/f/frob
        Section: libs


        """

    /// The index; built once.
    static let path: String = {
        let tree = directory.appending("tree")
        try! directory.write("tree/dists/meta/Release", "Origin: Test\nCodename: meta\nArchitectures: amd64\nComponents: main\n")
        try! directory.write("tree/dists/meta/main/binary-amd64/Packages", packages)
        try! directory.write("tree/dists/meta/main/source/Sources", sources)
        let unstable = Fixtures.path("repo/dists/bookworm-test-unstable")
        for name in ["Release", "main/binary-amd64/Packages", "main/source/Sources"] {
            try! directory.copy(unstable + "/" + name, as: "tree/dists/bookworm-test-unstable/" + name)
        }
        let store = try! IndexStore(path: directory.appending("index.sqlite"))
        _ = try! Indexer(options: .init(jobs: 2)).run(paths: [tree, Fixtures.path("packages")], store: store)
        return store.path
    }()

    /// The files the oracle reads (written with the index).
    static var packagesFile: String { _ = path; return directory.appending("tree/dists/meta/main/binary-amd64/Packages") }
    static var sourcesFile: String { _ = path; return directory.appending("tree/dists/meta/main/source/Sources") }

    static func run(_ query: SearchQuery) throws -> SearchResult {
        try SearchService(store: try IndexStore(path: path, readOnly: true)).run(query)
    }

    /// The index-only hits of a name or `--where` search, as "package version architecture".
    static func indexOnly(_ query: SearchQuery, distribution: String = "meta") throws -> Set<String> {
        let result: PackageSearchResult
        switch try run(query) {
        case .packages(let packages), .filtered(let packages): result = packages
        default: throw TestSupportError("not packages")
        }
        return Set(result.sources.members.flatMap { $0.value.indexOnly }.filter { $0.distribution == distribution }
            .map { "\($0.package) \($0.version) \($0.architecture)" })
    }
}

/// grep-dctrl over the same Packages/Sources file: each selected stanza as "package version architecture"
/// (sources: architecture "source").
func grepDctrl(_ arguments: [String], file: String, source: Bool = false) throws -> Set<String> {
    let output = try Process.run("grep-dctrl", arguments + ["-n", "-s", "Package,Version" + (source ? "" : ",Architecture"), file])
    #expect(output.status == 0 || output.status == 1)
    let stanzas = String(decoding: output.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .split(separator: "").map { $0.joined(separator: " ") + (source ? " source" : "") }
    return Set(stanzas.filter { !$0.isEmpty && $0 != " source" })
}

@Suite(.enabled(if: Fixtures.hasTool("grep-dctrl"), "needs grep-dctrl (dctrl-tools)"))
struct SearchIndexOnlyTests {
    let packages = IndexOnlyIndex.packagesFile
    let sources = IndexOnlyIndex.sourcesFile

    /// The stanzas of `meta` whose package, version and architecture have no indexed file.
    func onlyListed(_ stanzas: Set<String>) -> Set<String> {
        stanzas.subtracting(["dwhello 1.0-2 amd64"])
    }

    /// Name glob: a binary whose name or source's name matches, a source whose name matches.
    @Test(arguments: ["hello", "frob", "trad", "h?llo", "dw"])
    func nameGlob(pattern: String) throws {
        let regex = ".*" + pattern.replacingOccurrences(of: "?", with: ".") + ".*"
        let binaries = try grepDctrl(["-F", "Package", "-e", regex, "-o", "-F", "Source", "-e", regex], file: packages)
        let sourceStanzas = try grepDctrl(["-F", "Package", "-e", regex], file: sources, source: true)
        #expect(try IndexOnlyIndex.indexOnly(SearchQuery(pattern: pattern)) == onlyListed(binaries.union(sourceStanzas)))
    }

    /// A name glob and a `--where` query together: the rows both select, whichever narrows first.
    @Test(arguments: [
        ("frob", "Priority (required)", ["-F", "Priority", "-X", "required"]),
        ("hello", "Priority (optional)", ["-F", "Priority", "-X", "optional"]),
        ("h?llo", "Section (devel)", ["-F", "Section", "-X", "devel"]),
        ("o", "Maintainer (% *Vila*)", ["-F", "Maintainer", "Vila"]),
    ])
    func nameGlobAndWhere(pattern: String, query: String, oracle: [String]) throws {
        let regex = ".*" + pattern.replacingOccurrences(of: "?", with: ".") + ".*"
        let binaries = try grepDctrl(["(", "-F", "Package", "-e", regex, "-o", "-F", "Source", "-e", regex, ")", "-a"] + oracle,
                                     file: packages)
        let sourceStanzas = try grepDctrl(["-F", "Package", "-e", regex, "-a"] + oracle, file: sources, source: true)
        #expect(try IndexOnlyIndex.indexOnly(SearchQuery(pattern: pattern, whereQuery: query)) == onlyListed(binaries.union(sourceStanzas)))
    }

    @Test(arguments: [
        ("Priority (required)", ["-F", "Priority", "-X", "required"]),
        ("Section (devel)", ["-F", "Section", "-X", "devel"]),
        ("Maintainer (% *Vila*)", ["-F", "Maintainer", "Vila"]),
        ("$Version (>= 2.10)", ["-F", "Version", "--ge", "2.10"]),
        ("Depends (~ libc6)", ["-F", "Depends", "-e", "libc6"]),
        ("Description (~ hello) | Priority (required)", ["-F", "Description", "-e", "hello", "-o", "-F", "Priority", "-X", "required"]),
        // Narrowed through the fields first (a scan of one field's values, a disjunction, a conjunction with a
        // pseudo-field), or not (a negation).
        ("Depends (% *libc6*)", ["-F", "Depends", "libc6"]),
        ("Depends (% *hello*), Section (libs)", ["-F", "Depends", "hello", "-a", "-F", "Section", "-X", "libs"]),
        ("Priority (required) | Section (oldlibs)", ["-F", "Priority", "-X", "required", "-o", "-F", "Section", "-X", "oldlibs"]),
        ("Maintainer (~ ^Jane), $Version (>= 1.0)", ["-F", "Maintainer", "-e", "^Jane", "-a", "-F", "Version", "--ge", "1.0"]),
        ("Installed-Size (>= 100)", ["-F", "Installed-Size", "--ge", "100"]),
        ("!Section (devel)", ["-!", "-F", "Section", "-X", "devel"]),
        // Two equalities: either may narrow (the one with fewer rows does), the other is then a probe per row.
        ("Priority (optional), Section (devel)", ["-F", "Priority", "-X", "optional", "-a", "-F", "Section", "-X", "devel"]),
        ("Section (libs), Priority (required)", ["-F", "Section", "-X", "libs", "-a", "-F", "Priority", "-X", "required"]),
        // Names narrow through the name indices: an equality, a glob's start, the names' trigrams (a glob or a
        // regular expression with a literal of three characters), a scan of the names (no such literal).
        ("Package (hello)", ["-F", "Package", "-X", "hello"]),
        ("Name (% hello*)", ["-F", "Package", "-e", "^hello"]),
        ("Name (% *rob*)", ["-F", "Package", "-e", "rob"]),
        ("Name (~ ^lib[a-z]+1$)", ["-F", "Package", "-e", "^lib[a-z]+1$"]),
        ("Name (~ l+o$)", ["-F", "Package", "-e", "l+o$"]),
        ("Name (% *-*)", ["-F", "Package", "-e", "-"]),
        // A binary's source is its Source field's name (before a version), or its own name without one: `-S`.
        ("$Source (hello)", ["-S", "-e", "^hello( |$)"]),
        ("$Source (% *ro*)", ["-S", "-e", "^[^ ]*ro"]),
        ("$Source (~ ^fr) | Section (oldlibs)", ["-S", "-e", "^fr", "-o", "-F", "Section", "-X", "oldlibs"]),
        ("Name (% *ell*), Priority (optional)", ["-F", "Package", "-e", "ell", "-a", "-F", "Priority", "-X", "optional"]),
    ])
    func whereQuery(query: String, oracle: [String]) throws {
        let binaries = try grepDctrl(oracle, file: packages)
        let sourceStanzas = try grepDctrl(oracle, file: sources, source: true)
        #expect(try IndexOnlyIndex.indexOnly(SearchQuery(pattern: nil, whereQuery: query)) == onlyListed(binaries.union(sourceStanzas)))
    }

    /// `--latest` keeps the newest version by dpkg's ordering, files and index-only packages compared together.
    @Test func latest() throws {
        let versions = try grepDctrl(["-F", "Package", "-X", "hello"], file: packages).map { $0.split(separator: " ")[1] }
        var newest = String(versions[0])
        for version in versions.dropFirst() where try Process.run("dpkg", ["--compare-versions", String(version), "gt", newest]).status == 0 {
            newest = String(version)
        }
        #expect(newest == "2.10-3")
        let found = try IndexOnlyIndex.indexOnly(SearchQuery(pattern: nil, whereQuery: "Package (hello)", latest: true))
        #expect(found == ["hello \(newest) amd64", "hello \(newest) source"])
        // dwhello: 9.9-1 is only listed, and newer than every fixture file.
        guard case .packages(let result) = try IndexOnlyIndex.run(SearchQuery(pattern: "dwhello", latest: true)) else { return }
        let dwhello = try #require(result.sources["dwhello"])
        #expect(dwhello.repositories.isEmpty && dwhello.builds.isEmpty && dwhello.events.isEmpty)
        #expect(dwhello.indexOnly.map(\.version) == ["9.9-1"])
    }

    /// Many packages' newest versions are read from every version of their kind (no list of names for SQLite to
    /// copy), the others' from the versions of the names asked: the same answer either way.
    @Test func newestVersionsAreTheSameReadEitherWay() throws {
        let service = SearchService(store: try IndexStore(path: IndexOnlyIndex.path, readOnly: true))
        let scope = try Scope(areas: [], distribution: nil, indexOnly: true, store: service.store)
        let packages: Set<String> = ["hello", "hello-traditional", "libfrob1", "frob", "dwhello", "nothere"]
        for kind in ["binary", "source"] {
            let asked = try service.newestVersions(kind: kind, packages: packages, scope: scope, everyVersionPast: .max)
            let every = try service.newestVersions(kind: kind, packages: packages, scope: scope, everyVersionPast: 0)
            #expect(asked == every, "\(kind)")
            #expect(asked["hello"] == "2.10-3", "\(kind): \(asked)")
        }
    }

    /// `--text` finds index-only binaries by a word of their name or Description (FTS5's unicode61 tokens:
    /// runs of letters and digits, any case), marked.
    @Test(arguments: ["frobnication", "greeting", "hello"])
    func text(word: String) throws {
        let expected = onlyListed(try grepDctrl(["-F", "Package,Description", "-i", "-e", "(^|[^[:alnum:]])\(word)([^[:alnum:]]|$)"], file: packages))
            .map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        guard case .text(let hits) = try IndexOnlyIndex.run(SearchQuery(mode: .text, pattern: word)) else { return }
        let indexOnly = hits.filter { $0.indexOnly == true }
        #expect(Set(indexOnly.map { "\($0.package) \($0.version)" }) == Set(expected))
        #expect(indexOnly.allSatisfy { $0.area == "index-only" && $0.distribution == "meta" && $0.component == "main" })
    }

    /// A package that is also indexed as a file is listed once, as the file; the fixture distribution copied
    /// without its pool lists only packages that are fixture files, so none of it is index-only.
    @Test func fileWins() throws {
        guard case .packages(let result) = try IndexOnlyIndex.run(SearchQuery(pattern: "dwhello")) else { return }
        let dwhello = try #require(result.sources["dwhello"])
        #expect(dwhello.builds.contains("dwhello_1.0-2_amd64.deb"))
        #expect(dwhello.indexOnly.map { "\($0.distribution) \($0.package) \($0.version)" } == ["meta dwhello 9.9-1"])
        #expect(try IndexOnlyIndex.indexOnly(SearchQuery(pattern: "dw"), distribution: "bookworm-test-unstable").isEmpty)
        #expect(try IndexOnlyIndex.indexOnly(SearchQuery(pattern: nil, whereQuery: "Package (% dw*)"),
                                             distribution: "bookworm-test-unstable").isEmpty)
    }

    @Test func areasAndDistribution() throws {
        #expect(try IndexOnlyIndex.indexOnly(SearchQuery(pattern: "hello", areas: [.builds])).isEmpty)
        #expect(try IndexOnlyIndex.indexOnly(SearchQuery(pattern: "hello", areas: [.repositories])).count == 5)
        #expect(try IndexOnlyIndex.indexOnly(SearchQuery(pattern: "hello", distribution: "bookworm-test-unstable")).isEmpty)
        #expect(try IndexOnlyIndex.indexOnly(SearchQuery(pattern: "hello", distribution: "meta")).count == 5)
        #expect(try IndexOnlyIndex.indexOnly(SearchQuery(pattern: nil, whereQuery: "Section (devel)", areas: [.events])).isEmpty)
    }

    /// The mini-buildd-api form lists files only, exactly as an index without the metadata-only tree; debwork's
    /// own form adds `index_only` after the three areas.
    @Test func apiFormIsFilesOnly() throws {
        let plain = try TemporaryDirectory("debwork-index-only-plain")
        let store = try IndexStore(path: plain.appending("index.sqlite"))
        _ = try Indexer(options: .init(jobs: 2)).run(paths: [Fixtures.path("packages")], store: store)
        for arguments in [["dwhello"], ["hello"], ["--where", "Section (devel)"], ["--text", "hello"]] {
            let api = try Process.run(Fixtures.debworkBinary, ["search", IndexOnlyIndex.path] + arguments)
            let reference = try Process.run(Fixtures.debworkBinary, ["search", store.path] + arguments)
            #expect(api.status == 0)
            #expect(api.stdout == reference.stdout, "\(arguments)")
        }
        let own = try Process.run(Fixtures.debworkBinary, ["search", "-J", "--index", IndexOnlyIndex.path, "dwhello"])
        let json = String(decoding: own.stdout, as: UTF8.self)
        #expect(json.contains("\"builds\": [\n      \"dwhello-doc_1.0-1_all.deb\""))
        #expect(json.contains("\"events\": [],\n    \"index_only\": ["))
        #expect(json.contains("\"index_only\": [\n      {\n        \"kind\": \"binary\",\n        \"package\": \"dwhello\",\n        \"version\": \"9.9-1\""))
        let text = try Process.run(Fixtures.debworkBinary, ["search", "--index", IndexOnlyIndex.path, "frob"])
        #expect(String(decoding: text.stdout, as: UTF8.self).contains("frob  index-only  meta/main libfrob1 1.2-1+b1 amd64"))
    }
}
