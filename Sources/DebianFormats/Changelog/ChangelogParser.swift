/// The state machine of `Dpkg::Changelog::Debian::parse`, line by line.
struct ChangelogParser {
    enum Expect: String {
        case firstHeading = "first heading"
        case nextOrEOF = "next heading or end of file"
        case startChanges = "start of change data"
        case changesOrTrailer = "more change data or trailer"
    }

    /// An entry being collected: dpkg's header, changes and trailer parts.
    struct Raw {
        var header: Substring?
        var parsedHeader: ChangelogSyntax.Header?
        var headerLine = 0
        var changes: [Substring] = []
        var trailer: Substring?
        var parsedTrailer: ChangelogSyntax.Trailer?
        var trailerLine = 0
        /// The first line of any kind collected (for text before the first header).
        var firstLine = 0
        var isEmpty: Bool { header == nil && trailer == nil && changes.isEmpty }
    }

    let file: String
    lazy var patterns = ChangelogPatterns()
    var expect = Expect.firstHeading
    var current = Raw()
    var blankLines: [Substring] = []
    var raws: [Raw] = []
    var warnings: [ChangelogWarning] = []
    var unknownCounter = 1
    var lastLine = 0

    init(file: String) { self.file = file }

    mutating func warn(_ line: Int, _ message: String, _ text: Substring = "") {
        warnings.append(ChangelogWarning(file: file, line: line, message: message, text: String(text)))
    }

    mutating func push() {
        if !current.isEmpty { raws.append(current) }
        current = Raw()
    }

    /// Handles one line; returns `false` when the rest of the file is not to be parsed.
    mutating func feed(_ line: Substring, number: Int) -> Bool {
        lastLine = number
        defer { if current.firstLine == 0, !current.isEmpty { current.firstLine = number } }
        let first = line.utf8.first
        let startsWithWord = first.map { DebianVersion.isAlnum($0) || $0 == UInt8(ascii: "_") } ?? false
        if startsWithWord, let header = ChangelogSyntax.header(line) {
            if expect != .firstHeading && expect != .nextOrEOF {
                warn(number, "found start of entry where expected \(expect.rawValue)", line)
            }
            push()
            current.header = line
            current.parsedHeader = header
            current.headerLine = number
            expect = .startChanges
            blankLines = []
        } else if first == UInt8(ascii: ";") || first.map({ $0 | 0x20 }) == UInt8(ascii: "l"),
                  line.prefixMatch(of: patterns.emacsVariables) != nil {
            return false
        } else if first.map({ $0 | 0x20 }) == UInt8(ascii: "v"), line.utf8.count >= 4,
                  Deb822Text.equalIgnoringASCIICase(String(line.prefix(4)), "vim:") {
            return false
        } else if first == UInt8(ascii: "$") && line.prefixMatch(of: patterns.rcsKeyword) != nil
                    || first == UInt8(ascii: "#") && line.utf8.dropFirst().first == 0x20
                    || first == UInt8(ascii: "/") && line.prefixMatch(of: patterns.cComment) != nil {
            // Comments and RCS keywords are skipped. (Regexes only run on lines whose first character can
            // match: starting a Swift Regex match costs microseconds.)
        } else if first.map({ !Deb822Text.isSpace($0) }) ?? false, patterns.isAncientDelimiter(line) {
            return false
        } else if let first, !Deb822Text.isSpace(first) {
            warn(number, "badly formatted heading line", line)
        } else if isTrailerStart(line), let trailer = ChangelogSyntax.trailer(line) {
            if expect != .changesOrTrailer {
                warn(number, "found trailer where expected \(expect.rawValue)", line)
            }
            current.trailer = line
            current.parsedTrailer = trailer
            current.trailerLine = number
            blankLines = []
            expect = .nextOrEOF
        } else if isTrailerStart(line) {
            warn(number, "badly formatted trailer line", line)
        } else if isChangeLine(line) {
            if expect != .startChanges && expect != .changesOrTrailer {
                warn(number, "found change data where expected \(expect.rawValue)", line)
                if expect == .nextOrEOF, !current.isEmpty {
                    // dpkg assumes a missed header line.
                    push()
                    current.header = "unknown (unknown\(unknownCounter)) unknown; urgency=unknown"
                    current.parsedHeader = current.header.flatMap(ChangelogSyntax.header)
                    current.headerLine = number
                    unknownCounter += 1
                }
            }
            current.changes += blankLines + [line]
            blankLines = []
            expect = .changesOrTrailer
        } else if line.utf8.allSatisfy(Deb822Text.isSpace) {
            switch expect {
            case .startChanges, .nextOrEOF: return true
            case .firstHeading: warn(number, "found blank line where expected \(expect.rawValue)")
            case .changesOrTrailer: break
            }
            blankLines.append(line)
        } else {
            warn(number, "unrecognized line", line)
            if expect != .startChanges && expect != .changesOrTrailer {
                current.changes += blankLines + [line]
                blankLines = []
                expect = .changesOrTrailer
            }
        }
        return true
    }

    /// `^ \-\-`.
    private func isTrailerStart(_ line: Substring) -> Bool {
        var bytes = line.utf8.makeIterator()
        return bytes.next() == 0x20 && bytes.next() == UInt8(ascii: "-") && bytes.next() == UInt8(ascii: "-")
    }

    /// `^\s{2,}\S`.
    private func isChangeLine(_ line: Substring) -> Bool {
        var spaces = 0
        for byte in line.utf8 {
            if Deb822Text.isSpace(byte) { spaces += 1 } else { return spaces >= 2 }
        }
        return false
    }

    mutating func finish() throws(ChangelogError) -> Changelog {
        if expect != .nextOrEOF {
            warn(lastLine, "found end of file where expected \(expect.rawValue)")
        }
        push()
        var entries: [ChangelogEntry] = []
        for raw in raws {
            guard raw.header != nil else {
                warn(raw.firstLine, "text before the first entry header ignored")
                continue
            }
            entries.append(makeEntry(raw))
        }
        guard !entries.isEmpty else {
            throw ChangelogError(
                file: file, line: 0,
                reason: "no valid entry header ('<source> (<version>) <distribution>; urgency=<urgency>') found")
        }
        warnings.sort { $0.line < $1.line }
        return Changelog(entries: entries, warnings: warnings)
    }
}
