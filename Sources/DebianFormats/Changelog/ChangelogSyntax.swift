/// Hand-written matchers for dpkg's hot changelog regexes (`Dpkg::Changelog::Entry::Debian`'s
/// `$regex_header`, `$regex_trailer`, the header options and `find_closes`). They run on every entry, and a
/// standard-library `Regex` costs milliseconds to compile for each parse, so these match the bytes directly,
/// reproducing the regexes' backtracking choices. ASCII classes, as dpkg reads changelogs as bytes.
enum ChangelogSyntax {
    struct Header {
        var source: String
        var version: String
        var distributions: [String]
        var options: String
    }

    struct Trailer {
        var name: String
        var email: String
        var blanks: String
        var date: String          // $4: week day included
        var weekday: String?      // $6
        var dateWithoutWeekday: String  // $7
        var month: String         // $8
    }

    static func isWord(_ b: UInt8) -> Bool { DebianVersion.isAlnum(b) || b == UInt8(ascii: "_") }
    static func isNameChar(_ b: UInt8) -> Bool {
        DebianVersion.isAlnum(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
    }
    static func isDigit(_ b: UInt8) -> Bool { DebianVersion.isDigit(b) }
    static func isSpace(_ b: UInt8) -> Bool { Deb822Text.isSpace(b) }

    private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// `^(\w[-+0-9a-z.]*) \(([^\(\) \t]+)\)((?:\s+[-+0-9a-z.]+)+)\;(.*?)\s*$` (case-insensitive).
    static func header(_ line: Substring) -> Header? {
        let b = Array(line.utf8)
        let n = b.count
        guard n > 0, isWord(b[0]) else { return nil }
        var i = 1
        while i < n, isNameChar(b[i]) { i += 1 }
        let source = 0..<i
        guard i + 1 < n, b[i] == 0x20, b[i + 1] == UInt8(ascii: "(") else { return nil }
        i += 2
        let versionStart = i
        while i < n, b[i] != UInt8(ascii: "("), b[i] != UInt8(ascii: ")"), b[i] != 0x20, b[i] != 0x09 { i += 1 }
        guard i > versionStart, i < n, b[i] == UInt8(ascii: ")") else { return nil }
        let version = versionStart..<i
        i += 1
        var distributions: [String] = []
        while i < n, isSpace(b[i]) {
            while i < n, isSpace(b[i]) { i += 1 }
            let start = i
            while i < n, isNameChar(b[i]) { i += 1 }
            guard i > start else { return nil }
            distributions.append(text(b, start..<i))
        }
        guard !distributions.isEmpty, i < n, b[i] == UInt8(ascii: ";") else { return nil }
        var end = n
        while end > i + 1, isSpace(b[end - 1]) { end -= 1 }
        return Header(source: text(b, source), version: text(b, version), distributions: distributions,
                      options: text(b, (i + 1)..<end))
    }

    /// ` -- (.*) <(.*)>(  ?)(((\w+),\s*)?(\d{1,2}\s+(\w+)\s+\d{4}\s+\d{1,2}:\d\d:\d\d\s+[-+]\d{4}))\s*$`.
    ///
    /// The greedy `(.*)`s make the name end at the last ` <` and the email at the last `>` that still let the
    /// rest match; the rest depends only on where the email's `>` is.
    static func trailer(_ line: Substring) -> Trailer? {
        let b = Array(line.utf8)
        guard b.count > 4, b[0] == 0x20, b[1] == UInt8(ascii: "-"), b[2] == UInt8(ascii: "-"), b[3] == 0x20 else {
            return nil
        }
        var found: (close: Int, tail: (blanks: Int, date: DateParts))?
        for p in stride(from: b.count - 1, through: 4, by: -1) where b[p] == UInt8(ascii: ">") {
            if let tail = dateTail(b, after: p) {
                found = (p, tail)
                break
            }
        }
        guard let (close, tail) = found else { return nil }
        // Name: `(.*)` from 4 to the last " <" such that " <" starts at or before close - 2.
        var open: Int?
        var q = close - 2
        while q >= 4 {
            if b[q] == 0x20, b[q + 1] == UInt8(ascii: "<") {
                open = q
                break
            }
            q -= 1
        }
        guard let open else { return nil }
        let d = tail.date
        return Trailer(
            name: text(b, 4..<open), email: text(b, (open + 2)..<close),
            blanks: String(repeating: " ", count: tail.blanks), date: text(b, d.start..<d.end),
            weekday: d.weekday.map { text(b, $0) }, dateWithoutWeekday: text(b, d.day..<d.end),
            month: text(b, d.month))
    }

    struct DateParts {
        var start: Int
        var end: Int
        var weekday: Range<Int>?
        var day: Int
        var month: Range<Int>
    }

    /// `(  ?)` + the date + `\s*$`, right after the `>` at `p`.
    private static func dateTail(_ b: [UInt8], after p: Int) -> (blanks: Int, date: DateParts)? {
        var i = p + 1
        var blanks = 0
        while i < b.count, b[i] == 0x20, blanks < 2 {
            i += 1
            blanks += 1
        }
        guard blanks > 0, let date = date(b, from: i) else { return nil }
        return (blanks, date)
    }

    private static func date(_ b: [UInt8], from start: Int) -> DateParts? {
        let n = b.count
        var i = start
        func run(_ ok: (UInt8) -> Bool) -> Range<Int> {
            let s = i
            while i < n, ok(b[i]) { i += 1 }
            return s..<i
        }
        var weekday: Range<Int>?
        let word = run(isWord)
        if !word.isEmpty, i < n, b[i] == UInt8(ascii: ",") {
            weekday = word
            i += 1
            _ = run(isSpace)
        } else {
            i = start
        }
        let day = i
        let dayDigits = run(isDigit)
        guard (1...2).contains(dayDigits.count), !run(isSpace).isEmpty else { return nil }
        let month = run(isWord)
        guard !month.isEmpty, !run(isSpace).isEmpty,
              run(isDigit).count == 4, !run(isSpace).isEmpty,
              (1...2).contains(run(isDigit).count), i < n, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard run(isDigit).count == 2, i < n, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard run(isDigit).count == 2, !run(isSpace).isEmpty,
              i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard run(isDigit).count == 4 else { return nil }
        let end = i
        _ = run(isSpace)
        guard i == n else { return nil }
        return DateParts(start: start, end: end, weekday: weekday, day: day, month: month)
    }

    /// `^([-0-9a-z]+)\=\s*(.*\S)$` (case-insensitive) on an already trimmed option.
    static func option(_ piece: String) -> (key: String, value: String)? {
        let b = Array(piece.utf8)
        var i = 0
        while i < b.count, DebianVersion.isAlnum(b[i]) || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i > 0, i < b.count, b[i] == UInt8(ascii: "=") else { return nil }
        let key = text(b, 0..<i)
        i += 1
        while i < b.count, isSpace(b[i]) { i += 1 }
        var end = b.count
        while end > i, isSpace(b[end - 1]) { end -= 1 }
        guard end > i, end == b.count else { return nil }
        return (key, text(b, i..<end))
    }

    /// `^([-0-9a-z]+)((\s+.*)?)$` (case-insensitive): a well-formed urgency value.
    static func isUrgencyValue(_ value: String) -> Bool {
        let b = Array(value.utf8)
        var i = 0
        while i < b.count, DebianVersion.isAlnum(b[i]) || b[i] == UInt8(ascii: "-") { i += 1 }
        return i > 0 && (i == b.count || isSpace(b[i]))
    }

    /// dpkg's `find_closes`: the numbers of every
    /// `closes:\s*(?:bug)?\#?\s?\d+(?:,\s*(?:bug)?\#?\s?\d+)*` match (case-insensitive), sorted, unique.
    static func closes(_ text: String) -> [Int] {
        let b = Array(text.utf8)
        let keyword = Array("closes:".utf8)
        var numbers: Set<Int> = []
        var i = 0
        while i + keyword.count <= b.count {
            var matches = b[i] | 0x20 == UInt8(ascii: "c")  // cheap first test: this loop visits every byte
            var k = 1
            while matches, k < keyword.count {
                matches = (k < 6 ? b[i + k] | 0x20 : b[i + k]) == keyword[k]
                k += 1
            }
            guard matches else {
                i += 1
                continue
            }
            var j = i + keyword.count
            while j < b.count, isSpace(b[j]) { j += 1 }
            guard let (first, afterFirst) = bugNumber(b, at: j) else {
                i += 1
                continue
            }
            numbers.insert(first)
            j = afterFirst
            while j < b.count, b[j] == UInt8(ascii: ",") {
                var k = j + 1
                while k < b.count, isSpace(b[k]) { k += 1 }
                guard let (next, after) = bugNumber(b, at: k) else { break }
                numbers.insert(next)
                j = after
            }
            i = j
        }
        return numbers.sorted()
    }

    /// `(?:bug)?\#?\s?\d+` at `i` (case-insensitive "bug").
    private static func bugNumber(_ b: [UInt8], at start: Int) -> (Int, Int)? {
        var i = start
        if i + 3 <= b.count, b[i] | 0x20 == UInt8(ascii: "b"), b[i + 1] | 0x20 == UInt8(ascii: "u"),
           b[i + 2] | 0x20 == UInt8(ascii: "g") {
            i += 3
        }
        if i < b.count, b[i] == UInt8(ascii: "#") { i += 1 }
        if i < b.count, isSpace(b[i]) { i += 1 }
        let digits = i
        var value = 0
        while i < b.count, isDigit(b[i]) {
            value = value &* 10 &+ Int(b[i] - 0x30)
            i += 1
        }
        return i > digits ? (value, i) : nil
    }
}
