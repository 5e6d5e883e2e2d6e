import DebianFormats
import JSONOutput
import SystemCalls

extension SearchResult: CallOutput {
    /// The human listing (``SearchText``).
    public func renderText() -> HumanText { .text(SearchText.render(self)) }

    /// mini-buildd's shape for a name search; debwork's own documents for the other modes (docs/JSON.md).
    public func renderJSON() throws -> JSONValue {
        switch self {
        case .packages(let result): try result.jsonValue()
        case .filtered(let result): .versioned("sources", try result.jsonValue())
        case .paths(let hits): .versioned("hits", try OrderedJSONEncoder.value(of: hits))
        case .longPaths(let listing): .versioned("hits", try OrderedJSONEncoder.value(of: listing.hits))
        case .text(let hits): .versioned("hits", try OrderedJSONEncoder.value(of: hits))
        }
    }

    /// A listing read from its temporary file is written as it is read, never held whole.
    public var streamed: (any StreamedOutput)? {
        switch self {
        case .longPaths(let listing): listing
        case .packages(let result): PackageListingOutput(result: result, versioned: false)
        case .filtered(let result): PackageListingOutput(result: result, versioned: true)
        case .paths, .text: nil
        }
    }
}

/// A name or `--where` listing written source by source: a whole release's is not also a tree of JSON values or one
/// string.
struct PackageListingOutput: StreamedOutput {
    var result: PackageSearchResult
    /// debwork's own document (`--where`) rather than mini-buildd's map (a name search).
    var versioned: Bool

    func writeText(_ write: (String) -> Void) throws {
        SearchText.writePackageTable(result, write)
    }

    func writeJSON(python: Bool, _ write: (String) -> Void) throws {
        try result.writeJSON(versioned: versioned, python: python, write)
    }
}

extension PathListing: StreamedOutput {
    public func writeText(_ write: (String) -> Void) throws {
        try SearchText.writePathTable(self, write)
    }

    public func writeJSON(python: Bool, _ write: (String) -> Void) throws {
        try JSONValue.streamVersionedArray("hits", python: python, produce: { element in
            try forEach { hit in element(try OrderedJSONEncoder.value(of: hit)) }
        }, write: write)
    }
}

/// The human listing: one line per file, columns aligned.
public enum SearchText {
    public static func render(_ result: SearchResult) -> String {
        switch result {
        case .packages(let packages), .filtered(let packages):
            return packageTable(packages)
        case .longPaths(let listing):
            // The executable writes this listing as it reads it (``PathListing/writeText(_:)``); whole, a failed read
            // of its temporary file ends the text with the error.
            var text = ""
            do {
                try SearchText.writePathTable(listing) { text += $0 }
            } catch {
                text += "E: \(error)\n"
            }
            return text
        case .paths(let hits):
            // apt-file's "package: path", then where that package is.
            // A Contents hit has no version ("-"); its artifact is the Contents file (dists/<dist>/<comp>/Contents-…).
            return pathTable(hits)
        case .text(let hits):
            // A header line per hit (aligned across hits), then its snippet on one indented line.
            let headers = table(hits.map { hit in
                [hit.kind, hit.package, hit.version, hit.distribution.map { "index-only \($0)" } ?? hit.area, hit.path]
            }).split(separator: "\n")
            var text = ""
            for (header, hit) in zip(headers, hits) {
                let snippet = oneLine(hit.snippet)
                // Already escaped around the highlight (escapingSnippets), or bracket markers only.
                let safe = hasBoldMarker(hit.snippet) ? snippet : Printable.escaped(snippet)
                text += header + "\n    " + safe + "\n"
            }
            return text
        }
    }

    /// The text's lines (`\n`-separated characters), each without its leading and trailing spaces, joined by
    /// one space; a text with no line break and no space at its ends as it is, without splitting it
    /// (766 snippets spent a third of `search --text editor` here).
    static func oneLine(_ text: String) -> String {
        let bytes = text.utf8
        let space = UInt8(ascii: " ")
        if bytes.first != space, bytes.last != space,
           !bytes.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            return text
        }
        return text.split(whereSeparator: { $0 == "\n" }).map { $0.trimmingCharacters(in: " ") }.joined(separator: " ")
    }

    /// Whether `text` holds the bold marker (``Highlight/bold``), looked for only when it has an ESC at all.
    static func hasBoldMarker(_ text: String) -> Bool {
        text.utf8.contains(0x1B) && text.contains(Highlight.bold.open)
    }

    /// The name and `--where` listing as ``table(_:)`` lays out `[source, area, path]` rows (an index-only package's
    /// path: `dist/component package version architecture`), whole (``writePackageTable(_:chunk:_:)``).
    static func packageTable(_ packages: PackageSearchResult) -> String {
        var text = ""
        writePackageTable(packages) { text += $0 }
        return text
    }

    /// The name and `--where` listing as ``table(_:)`` lays out its rows, written from the listed rows' bytes without
    /// building them (a whole release's 97,775 rows held their cells three times over: `search '*'` on bookworm
    /// main, 108 MB), in parts of about `chunk` bytes. Two passes: the columns' widths, then the lines, each source's
    /// cell escaped once.
    static func writePackageTable(_ packages: PackageSearchResult, chunk: Int = 1 << 20, _ write: (String) -> Void) {
        let rows = packages.rows
        let indexOnly = "index-only"
        func areaName(_ row: Int) -> String { rows.searchArea(row)?.rawValue ?? indexOnly }
        var widths = (source: 0, area: 0)
        var lastCells = 0
        packages.forEachSource { source, run in
            widths.source = max(widths.source, ColumnWidth.counted(Printable.escapedCell(source).width))
            for row in run.lazy.map(Int.init) {
                widths.area = max(widths.area, ColumnWidth.counted(areaName(row).utf8.count))
                lastCells += rows.searchArea(row) != nil ? rows.withField(row, .path, \.count) : rows.indexOnlyPartsBytes(row)
            }
        }
        // A short listing's size (escapes may grow it), else a part's: an untouched megabyte on the query's
        // huge-page heap is resident all the same (a one-line listing took 3 MB more).
        var buffer = LineBuffer(capacity: min(chunk, packages.listed.count * (widths.source + widths.area + 5) + lastCells) + 4096)
        packages.forEachSource { source, run in
            let sourceCell = Printable.escapedCell(source)
            for row in run.lazy.map(Int.init) {
                let area = areaName(row)
                buffer.append(sourceCell.text)
                buffer.pad(ColumnWidth.padding(cell: sourceCell.width, column: widths.source))
                buffer.append(area)
                buffer.pad(ColumnWidth.padding(cell: area.utf8.count, column: widths.area))
                if rows.searchArea(row) != nil {
                    // A file: its path.
                    rows.withField(row, .path) { path in
                        if Printable.isPrintableASCII(path) {
                            buffer.append(path)
                        } else {
                            buffer.append(Printable.escapedCell(String(decoding: path, as: UTF8.self)).text)
                        }
                    }
                } else {
                    // Known from a distribution's Packages/Sources only: no file to show.
                    let parts = Self.indexOnlyParts
                    if parts.allSatisfy({ rows.withField(row, $0, Printable.isPrintableASCII) }) {
                        for (offset, part) in parts.enumerated() {
                            if offset > 0 { buffer.append(UInt8(ascii: offset == 1 ? "/" : " ")) }
                            rows.withField(row, part) { buffer.append($0) }
                        }
                    } else {
                        let text = "\(rows.string(row, .distribution))/\(rows.string(row, .component)) "
                            + "\(rows.string(row, .package)) \(rows.string(row, .version)) \(rows.string(row, .architecture))"
                        buffer.append(Printable.escapedCell(text).text)
                    }
                }
                buffer.append(UInt8(ascii: "\n"))
                if buffer.count >= chunk {
                    write(buffer.text)
                    buffer.removeAll()
                }
            }
        }
        if buffer.count > 0 { write(buffer.text) }
    }

    /// The fields of an index-only package's last cell, `dist/component package version architecture`.
    private static let indexOnlyParts: [PackageRows.Field] = [.distribution, .component, .package, .version, .architecture]

    /// The `.paths` listing as ``table(_:)`` lays out `["package: path", version or "-", architecture, area,
    /// artifact]`, without building those rows: `search --path gcc-12` (9,061 hits) spent 30 M of its 74 M
    /// rendering instructions joining the first cell and filling the rows' arrays.
    static func pathTable(_ hits: [PathHit]) -> String {
        let table = PathTable(hits)
        var buffer = LineBuffer(capacity: table.capacity(hits, widths: table.widths))
        table.write(hits, widths: table.widths, to: &buffer)
        return buffer.text
    }

    /// A ``PathListing`` as ``pathTable(_:)`` lays it out, given to `write` a group of lines at a time: its hits are
    /// read twice from their temporary file, once for the columns' widths, once for the lines.
    static func writePathTable(_ listing: PathListing, _ write: (String) -> Void) throws {
        var widths = PathTable.Widths()
        let listed = listing.listed
        widths.widen(to: PathTable(Array(listed.before)).widths)
        widths.widen(to: PathTable(Array(listed.after)).widths)
        // The Contents hits' widths from their bytes, no hit made (``PathTable``'s rules: `package: path` as it is when
        // printable ASCII, else escaped; a Contents hit's version `-`; each list's own columns).
        var measured = ContentsLeads()
        if listed.contents == listing.contents.count {
            // Every Contents hit is listed: in any order (a spill's runs one after the other, not merged).
            try listing.contents.forEachUnordered { measured.add(package: $0, path: $1, list: $2) }
        } else {
            // Which hits a cut keeps depends on their order: the first ones, merged.
            try listing.contents.forEachRecord(limit: listed.contents) { measured.add(package: $0, path: $1, list: $2) }
        }
        widths.lead = max(widths.lead, measured.width)
        let allPrintable = measured.allPrintable
        widths.widen(to: PathTable(measured.lists.compactMap { listing.contents.match(list: $0, package: "", path: "") }.map(PathHit.init)).widths)
        func writeTable(_ hits: ArraySlice<PathHit>) {
            for start in stride(from: hits.startIndex, to: hits.endIndex, by: groupSize) {
                let group = Array(hits[start..<min(start + groupSize, hits.endIndex)])
                let table = PathTable(group)
                var buffer = LineBuffer(capacity: table.capacity(group, widths: widths))
                table.write(group, widths: widths, to: &buffer)
                write(buffer.text)
            }
        }
        writeTable(listed.before)
        // The Contents hits from their bytes, each list's cells made once.
        var tails: [Int64: [UInt8]] = [:], last: (list: Int64, tail: [UInt8])?
        var buffer = LineBuffer(capacity: groupBytes + 4096)
        try listing.contents.forEachRecord(limit: listed.contents) { package, path, list in
            if last?.list != list {
                if tails[list] == nil, let hit = listing.contents.match(list: list, package: "", path: "").map(PathHit.init) {
                    tails[list] = PathTable([hit]).tail(of: 0, widths: widths)
                }
                guard let tail = tails[list] else { return }
                last = (list, tail)
            }
            guard let tail = last?.tail else { return }
            PathTable.writeContentsLine(package: package, path: path, printable: allPrintable, tail: tail, leadColumn: widths.lead,
                                        to: &buffer)
            if buffer.count >= groupBytes {
                write(buffer.text)
                buffer.removeAll()
            }
        }
        if buffer.count > 0 { write(buffer.text) }
        writeTable(listed.after)
    }

    /// Bytes of a long listing's Contents lines handed to its writer at a time.
    static let groupBytes = 1 << 20

    /// Hits laid out at a time when a listing is written in parts (about 2 MB of text).
    static let groupSize = 16_384

    /// Left-aligned columns, two spaces apart; the last column is not padded. Built as bytes in one
    /// buffer: long listings (5 000 lines at 10×) spent a tenth of the call in string padding and joining.
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.first?.count else { return "" }
        // Names and paths come from packages: control characters are escaped (terminal injection).
        let cells = rows.map { row in row.map(Printable.escapedCell) }
        var widths = [Int](repeating: 0, count: columns)
        for row in cells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], ColumnWidth.counted(cell.width)) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * (widths.reduce(0, +) + 2 * columns + 1))
        for row in cells {
            for (index, cell) in row.enumerated() {
                bytes.append(contentsOf: cell.text.utf8)
                guard index < columns - 1 else { continue }
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: ColumnWidth.padding(cell: cell.width, column: widths[index])))
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension SearchText {
    /// Snippets with the terminal's bold markers: the text around the markers is escaped, the markers kept.
    public static func escapingSnippets(_ result: SearchResult) -> SearchResult {
        guard case .text(var hits) = result else { return result }
        let open = Highlight.bold.open, close = Highlight.bold.close
        for index in hits.indices {
            let oneLine = hits[index].snippet.split(whereSeparator: { $0 == "\n" }).map { $0.trimmingCharacters(in: " ") }.joined(separator: " ")
            hits[index].snippet = oneLine.split(separator: open, omittingEmptySubsequences: false).map { part in
                part.split(separator: close, omittingEmptySubsequences: false).map { Printable.escaped(String($0)) }
                    .joined(separator: close)
            }.joined(separator: open)
        }
        return .text(hits)
    }
}


/// What a path listing's Contents hits need of their columns, gathered from their bytes (``ContentsLeads/add(package:path:list:)``):
/// the widest `package: path`, the lists they come from, and whether every one is printable ASCII (the lines'
/// pass then need not look again).
struct ContentsLeads {
    private(set) var width = 0
    private(set) var allPrintable = true
    private(set) var lists: Set<Int64> = []
    private var lastList: Int64?

    mutating func add(package: UnsafeRawBufferPointer, path: UnsafeRawBufferPointer, list: Int64) {
        if list != lastList {
            lists.insert(list)
            lastList = list
        }
        if let cell = PathTable.escapedContentsLead(package: package, path: path) {
            allPrintable = false
            width = max(width, ColumnWidth.counted(cell.width))
        } else {
            width = max(width, ColumnWidth.counted(package.count + 2 + path.count))
        }
    }
}

/// The lines of a path listing (``SearchText/pathTable(_:)``), each line's last four cells kept as indices into
/// their column's distinct cells (a line of four `(String, Int)` cells retained and released them at every copy:
/// 7 M of `*.desktop`'s rendering).
struct PathTable {
    typealias Cell = (text: String, width: Int)
    struct Line {
        /// The escaped `package: path` when either part needs escaping; nil: package and path as they are.
        var joined: String?
        var leadWidth: Int
        var version: Int32
        var architecture: Int32
        var area: Int32
        var artifact: Int32
    }
    /// A column's distinct cells, a new one made only when the value changes from the previous line's (a
    /// Contents file's hits share four). Compared by bytes: `String`'s `==` holds `é` and `e` + U+0301 equal, and
    /// the second must not be shown as the first.
    struct Column {
        var value: String?
        var cells: [Cell] = []
        var width = 0
        mutating func cell(_ text: String) -> Int32 {
            if value.map({ !ByteSearch.sameBytes($0, text) }) ?? true {
                value = text
                let cell = Printable.escapedCell(text)
                cells.append(cell)
                width = max(width, ColumnWidth.counted(cell.width))
            }
            return Int32(cells.count - 1)
        }
    }
    /// The widths the padded columns are laid out to (the widest cell of each).
    struct Widths {
        var lead = 0, version = 0, architecture = 0, area = 0

        mutating func widen(to other: Widths) {
            lead = max(lead, other.lead)
            version = max(version, other.version)
            architecture = max(architecture, other.architecture)
            area = max(area, other.area)
        }
    }
    var version = Column(), architecture = Column(), area = Column(), artifact = Column()
    var lines: [Line] = []
    private(set) var widths = Widths()

    init(_ hits: [PathHit]) {
        lines.reserveCapacity(hits.count)
        // Fields read in place: a `PathHit` copied out of the array retains and releases its nine strings.
        for index in hits.indices {
            let package = hits[index].package, path = hits[index].path
            var line = Line(joined: nil, leadWidth: 0, version: version.cell(hits[index].version.isEmpty ? "-" : hits[index].version),
                            architecture: architecture.cell(hits[index].architecture), area: area.cell(hits[index].area),
                            artifact: artifact.cell(hits[index].artifact))
            if Printable.isPrintableASCII(package) && Printable.isPrintableASCII(path) {
                line.leadWidth = package.utf8.count + 2 + path.utf8.count
            } else {
                // Widths do not add up across a join (a combining mark at the start of the path).
                let cell = Printable.escapedCell("\(package): \(path)")
                line.joined = cell.text
                line.leadWidth = cell.width
            }
            widths.lead = max(widths.lead, ColumnWidth.counted(line.leadWidth))
            lines.append(line)
        }
        widths.version = version.width
        widths.architecture = architecture.width
        widths.area = area.width
    }

    /// The bytes ``write(_:widths:to:)`` writes for these lines, as a buffer's capacity.
    func capacity(_ hits: [PathHit], widths: Widths) -> Int {
        hits.count * (widths.lead + widths.version + widths.architecture + widths.area + 9)
            + lines.reduce(0) { $0 + artifact.cells[Int($1.artifact)].text.utf8.count + 1 }
    }

    /// The lines of `hits` (those this table was made of), padded to `widths` (at least this table's).
    func write(_ hits: [PathHit], widths: Widths, to buffer: inout LineBuffer) {
        // The cells after the lead, padded, and the line's end: the same for a run of lines (a Contents file's
        // hits), so made once per run and copied (`*.desktop`'s 8,339 lines: 4 cells and 3 pads a line before).
        var tail: [UInt8] = []
        var tailCells: (Int32, Int32, Int32, Int32)?
        for index in lines.indices {
            let line = lines[index]
            if let joined = line.joined {
                buffer.append(joined)
            } else {
                buffer.append(hits[index].package)
                buffer.append(UInt8(ascii: ":"))
                buffer.append(UInt8(ascii: " "))
                buffer.append(hits[index].path)
            }
            buffer.pad(ColumnWidth.padding(cell: line.leadWidth, column: widths.lead))
            let cells = (line.version, line.architecture, line.area, line.artifact)
            if tailCells.map({ $0 != cells }) ?? true {
                tail = self.tail(of: index, widths: widths)
                tailCells = cells
            }
            tail.withUnsafeBufferPointer { buffer.append($0) }
        }
    }

    /// What follows line `index`'s lead: its version, architecture and area cells, each padded to `widths`, its
    /// artifact cell and the line's end.
    func tail(of index: Int, widths: Widths) -> [UInt8] {
        var tail: [UInt8] = []
        func append(_ column: Column, _ cell: Int32, width: Int?) {
            let cell = column.cells[Int(cell)]
            tail.append(contentsOf: cell.text.utf8)
            if let width { tail.append(contentsOf: repeatElement(UInt8(ascii: " "), count: ColumnWidth.padding(cell: cell.width, column: width))) }
        }
        let line = lines[index]
        append(version, line.version, width: widths.version)
        append(architecture, line.architecture, width: widths.architecture)
        append(area, line.area, width: widths.area)
        append(artifact, line.artifact, width: nil)
        tail.append(UInt8(ascii: "\n"))
        return tail
    }

    /// A Contents hit's line written from its bytes, as ``write(_:widths:to:)`` writes the hit (`package: path`
    /// as it is when both are printable ASCII, else escaped as one cell), followed by `tail`, its list's cells
    /// (``tail(of:widths:)``). A long listing's lines are not made into hits first (`--path /usr/share/doc/`,
    /// 2.37 M lines: a fifth of the run was making and freeing their strings).
    /// A Contents hit's `package: path` escaped as one cell, as ``init(_:)`` makes it; nil when both are printable ASCII
    /// (written as they are, as wide as they are long).
    static func escapedContentsLead(package: UnsafeRawBufferPointer, path: UnsafeRawBufferPointer) -> (text: String, width: Int)? {
        guard !(Printable.isPrintableASCII(package) && Printable.isPrintableASCII(path)) else { return nil }
        return Printable.escapedCell("\(String(decoding: package, as: UTF8.self)): \(String(decoding: path, as: UTF8.self))")
    }

    /// - Parameter printable: the package and path are known to be printable ASCII (not looked at again).
    static func writeContentsLine(package: UnsafeRawBufferPointer, path: UnsafeRawBufferPointer, printable: Bool = false,
                                  tail: [UInt8], leadColumn: Int, to buffer: inout LineBuffer) {
        let leadWidth: Int
        if !printable, let cell = escapedContentsLead(package: package, path: path) {
            buffer.append(cell.text)
            leadWidth = cell.width
        } else {
            buffer.append(package)
            buffer.append(UInt8(ascii: ":"))
            buffer.append(UInt8(ascii: " "))
            buffer.append(path)
            leadWidth = package.count + 2 + path.count
        }
        buffer.pad(ColumnWidth.padding(cell: leadWidth, column: leadColumn))
        tail.withUnsafeBufferPointer { buffer.append($0) }
    }
}
