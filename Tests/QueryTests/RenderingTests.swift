@testable import Query
import JSONOutput
import Testing

/// The renderers of the query calls' results, on values built here: no index is opened.
@Suite struct RenderingTests {
    static let hit = PathHit(kind: "binary", package: "dwhello", version: "1.0-1", architecture: "amd64",
                             area: "repositories", path: "/usr/bin/dwhello", artifact: "pool/main/d/dwhello/dwhello_1.0-1_amd64.deb")

    static var sources: PackageSearchResult {
        get throws {
            var paths = AreaPaths()
            paths.builds = ["dwhello_1.0-1_amd64.deb"]
            return try PackageSearchResult(sources: OrderedObject([(key: "dwhello", value: paths)]))
        }
    }

    @Test func theNameSearchKeepsMiniBuilddsShape() throws {
        #expect(try SearchResult.packages(try Self.sources).renderJSON().serialized(pretty: false)
            == #"{"dwhello":{"repositories":[],"builds":["dwhello_1.0-1_amd64.deb"],"events":[]}}"#)
        #expect(try SearchResult.packages(try PackageSearchResult(sources: OrderedObject())).renderJSON().serialized() == "{}")
    }

    @Test func debworksOwnModesAreVersioned() throws {
        #expect(try SearchResult.filtered(try Self.sources).renderJSON().serialized(pretty: false)
            == #"{"schema":1,"sources":{"dwhello":{"repositories":[],"builds":["dwhello_1.0-1_amd64.deb"],"events":[]}}}"#)
        #expect(try SearchResult.paths([Self.hit]).renderJSON().serialized(pretty: false)
            == #"{"schema":1,"hits":[{"kind":"binary","package":"dwhello","version":"1.0-1","architecture":"amd64","#
            + #""area":"repositories","path":"/usr/bin/dwhello","artifact":"pool/main/d/dwhello/dwhello_1.0-1_amd64.deb"}]}"#)
        #expect(try SearchResult.text([]).renderJSON().serialized(pretty: false) == #"{"schema":1,"hits":[]}"#)
    }

    /// A listing written as it is read (``JSONValue/streamVersionedArray``) is the document its whole rendering is, in
    /// each form: pretty, compact, Python's; empty, one element, several; strings that need escaping.
    @Test func aStreamedArrayIsTheWholeDocument() {
        var hostile = Self.hit
        hostile.path = "/usr/bin/\u{1B}[2J \"é\" \u{10FFFF}\\"
        let element = (try? OrderedJSONEncoder.value(of: hostile)) ?? .null
        let lists: [[JSONValue]] = [[], [element], [element, .array([]), .object([]), .string("x"), .int(3), element]]
        for elements in lists {
            for (pretty, python) in [(true, false), (false, false), (true, true)] {
                let whole = JSONValue.versioned("hits", .array(elements))
                var streamed = ""
                JSONValue.streamVersionedArray("hits", pretty: pretty, python: python, produce: { emit in elements.forEach(emit) },
                                               write: { streamed += $0 })
                #expect(streamed == (python ? whole.serializedAsPython() : whole.serialized(pretty: pretty)), "\(elements.count) elements")
                // A whole document written in pieces (`printJSON`): the same text, at any piece size.
                for chunk in [1, 7, 1 << 20] {
                    var pieces: [String] = []
                    whole.write(pretty: pretty, python: python, chunk: chunk) { pieces.append($0) }
                    #expect(pieces.joined() == (python ? whole.serializedAsPython() : whole.serialized(pretty: pretty)))
                    if chunk == 1 && !elements.isEmpty { #expect(pieces.count > elements.count) }
                }
            }
        }
    }

    /// An object written member by member (``JSONValue/streamObject(_:pretty:python:produce:write:)``, a name
    /// listing's map) is the whole document, alone or versioned, in every form.
    @Test func aStreamedObjectIsTheWholeDocument() {
        let value = JSONValue.object([("kind", .string("binary")), ("path", .string("/usr/bin/\u{1B}[2J \"é\" \u{10FFFF}\\"))])
        let lists: [[(key: String, value: JSONValue)]] = [
            [], [("dwhello", value)],
            [("dwhello", value), ("dw\u{202E}x \"é\"", .array([])), ("", .object([])), ("x", .array([value, .int(3)]))],
        ]
        for members in lists {
            for versionedKey in [nil, "sources"] as [String?] {
                for (pretty, python) in [(true, false), (false, false), (true, true)] {
                    let object = JSONValue.object(members)
                    let whole = versionedKey.map { JSONValue.versioned($0, object) } ?? object
                    var streamed = ""
                    JSONValue.streamObject(versionedKey, pretty: pretty, python: python,
                                           produce: { emit in members.forEach { emit($0.key, $0.value) } }, write: { streamed += $0 })
                    #expect(streamed == (python ? whole.serializedAsPython() : whole.serialized(pretty: pretty)),
                            "\(members.count) members, \(versionedKey ?? "alone")")
                }
            }
        }
    }

    @Test func textListsOneFilePerLine() throws {
        #expect(SearchResult.filtered(try Self.sources).renderText() == .text("dwhello  builds  dwhello_1.0-1_amd64.deb\n"))
        var hostile = Self.hit
        hostile.path = "/usr/bin/\u{1B}[2J"
        #expect(SearchResult.paths([hostile]).renderText()
            == .text("dwhello: /usr/bin/\\e[2J  1.0-1  amd64  repositories  pool/main/d/dwhello/dwhello_1.0-1_amd64.deb\n"))
    }

    /// The path listing lays out what the generic table lays out for the same cells, whatever the cells hold.
    @Test func pathListingIsTheGenericTable() {
        var hits = [Self.hit]
        for (package, path, version) in [("dwhello", "/usr/share/doc/naïve café", ""), ("dw\u{202E}x", "/a\tb", "2.0"),
                                         ("dwwide", "\u{301}/漢字/x", "1:1.0~rc1-1"), ("d", "src/\u{7F}", "-")] {
            var hit = Self.hit
            hit.package = package
            hit.path = path
            hit.version = version
            hits.append(hit)
        }
        // Cells repeated line after line are measured once: values equal as `String`s but not as bytes stay apart.
        for artifact in ["dists/é/Contents-amd64.gz", "dists/e\u{301}/Contents-amd64.gz", "dists/e\u{301}/Contents-amd64.gz"] {
            var hit = Self.hit
            hit.artifact = artifact
            hit.architecture = artifact.contains("\u{301}") ? "e\u{301}" : "é"
            hits.append(hit)
        }
        let rows = hits.map { ["\($0.package): \($0.path)", $0.version.isEmpty ? "-" : $0.version, $0.architecture,
                               $0.area, $0.artifact] }
        #expect(Array(SearchText.pathTable(hits).utf8) == Array(SearchText.table(rows).utf8))
        #expect(SearchText.pathTable([]) == "")
    }

    /// The name listing (``SearchText/packageTable(_:)``, built without rows) lays out what the generic table lays
    /// out for the same cells: files per area, then index-only packages; hostile and wide cells escaped and measured.
    @Test func packageListingIsTheGenericTable() throws {
        var sources = OrderedObject<AreaPaths>()
        var rows: [[String]] = []
        for (index, source) in ["dwhello", "dw\u{202E}x", "漢字", "e\u{301}"].enumerated() {
            var paths = AreaPaths()
            paths.repositories = index == 1 ? [] : ["test/pool/main/d/\(source)", "x\ty"]
            paths.builds = index == 2 ? ["\(source)_1.0-1_amd64.deb"] : []
            paths.indexOnly = index == 0 ? [] : [IndexOnlyHit(kind: "binary", package: source, version: "1:1.0~rc1-\(index)", architecture: "amd64",
                                                              distribution: "bookworm", component: "main\u{1B}[2J", path: "pool/x.deb")]
            sources[source] = paths
            for area in SearchArea.allCases { rows += paths[area].map { [source, area.rawValue, $0] } }
            rows += paths.indexOnly.map { [source, "index-only", "\($0.distribution)/\($0.component) \($0.package) \($0.version) \($0.architecture)"] }
        }
        let result = try PackageSearchResult(sources: sources)
        #expect(Array(SearchText.packageTable(result).utf8) == Array(SearchText.table(rows).utf8))
        #expect(SearchText.packageTable(try PackageSearchResult(sources: OrderedObject())) == "")
    }

    @Test func sourcesListLinesBothWays() {
        let line = SourcesListService.Line(type: "deb", options: "", uri: "http://h/test", suite: "bookworm-test-unstable",
                                           components: ["main"], comment: "c")
        let list = SourcesList([line])
        #expect(list.renderText() == .text("# c\ndeb [] http://h/test bookworm-test-unstable main\n"))
        #expect(list.renderJSON().serialized(pretty: false)
            == #"{"schema":1,"lines":["deb [] http://h/test bookworm-test-unstable main"]}"#)
    }
}

/// A snippet on one line: the fast path (no line break, no space at the ends) gives what splitting gives.
@Suite struct SnippetLineTests {
    @Test(arguments: ["", " ", "plain text", "…an [editor] for…", " leading", "trailing ", "two\nlines", " a \n\n b ",
                      "crlf\r\nline", "cr\ronly", "e\u{301}dito\u{301}r", " \u{301}combining", "tab\tinside", "\u{1B}[1mbold\u{1B}[0m"])
    func oneLine(_ text: String) {
        let split = text.split(whereSeparator: { $0 == "\n" }).map { $0.trimmingCharacters(in: " ") }.joined(separator: " ")
        #expect(SearchText.oneLine(text) == split)
        #expect(SearchText.hasBoldMarker(text) == text.contains("\u{1B}[1m"))
    }
}

/// ``LineBuffer``: growth past its first capacity, padding, and text out of its bytes.
@Suite struct LineBufferTests {
    @Test func growsAndPads() {
        var buffer = LineBuffer(capacity: 1)
        var expected = ""
        for index in 0..<500 {
            let word = index % 3 == 0 ? "é\u{301}" : "word\(index)"
            buffer.append(word)
            buffer.pad(index % 7)
            buffer.append(UInt8(ascii: "\n"))
            expected += word + String(repeating: " ", count: index % 7) + "\n"
        }
        buffer.pad(0)
        buffer.pad(-3)
        #expect(buffer.count == expected.utf8.count)
        #expect(buffer.text == expected)
    }

    /// A path table whose lines are longer than its first estimate (escaped and multi-byte cells) still holds
    /// every byte.
    @Test func aTableOfWideCells() {
        let hits = (0..<200).map { index in
            PathHit(kind: "contents", package: "p\(index % 5)", version: "", architecture: "amd64", area: "repositories",
                    path: "/usr/share/é\u{1B}[31m/\(String(repeating: "ü", count: index))", artifact: "dists/d/main/Contents-amd64")
        }
        let text = SearchText.pathTable(hits)
        #expect(text.split(separator: "\n").count == 200)
        #expect(!text.utf8.contains(0x1B), "the escape byte is escaped")
        #expect(text.contains(String(repeating: "ü", count: 199)))
    }
}
