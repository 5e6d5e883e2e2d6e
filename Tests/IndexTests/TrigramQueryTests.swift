@testable import Index
import Testing

/// Which trigrams a path search asks FTS5 for: those whose weight class in Debian's paths is at most one above
/// the rarest's, at least the two rarest (any subset of a text's trigrams finds every path holding the text; the
/// exact check follows).
struct TrigramQueryTests {
    static func terms(_ text: String) -> [String] {
        (IndexSearch.trigramQuery(text) ?? "").split(separator: " AND ").map { String($0.dropFirst().dropLast()) }
    }

    @Test func theRarestAreAskedFor() {
        // `hd_` and `shd` are too rare to be weighed, `ssh` weighs 6,515 (class 12); `onf` (60,595) and `_co` are left.
        #expect(Self.terms("sshd_config") == ["hd_", "shd", "ssh"])
        // `.desktop`: `kto`, `skt`, `esk` (class 13), `top` and `.de` (14); `des` (15) is left out.
        #expect(Set(Self.terms(".desktop")) == ["kto", "skt", "esk", "top", ".de"])
    }

    @Test func atLeastTheTwoRarest() {
        // `sta` is far more common than `fst` and `tab`.
        #expect(Set(Self.terms("fstab")) == ["fst", "tab"])
        #expect(Set(Self.terms("con")) == ["con"])
        #expect(IndexSearch.trigramQuery("ab") == nil)
    }

    @Test func theWeightTableIsSortedRecords() {
        let table = Array(IndexSearch.trigramClassText.utf8)
        #expect(table.count % 4 == 0 && table.count / 4 > 1000)
        let records = stride(from: 0, to: table.count, by: 4).map { Array(table[$0..<($0 + 3)]) }
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        for (index, record) in records.enumerated() {
            let trigram = String(decoding: record, as: UTF8.self)
            #expect(IndexSearch.trigramClass(trigram) == Int(table[index * 4 + 3]) - 97)
        }
        #expect(IndexSearch.trigramClass("con") >= 16 && IndexSearch.trigramClass("/us") >= 18)
        #expect(IndexSearch.trigramClass("qqq") == IndexSearch.unweighedClass)
        #expect(IndexSearch.trigramClass("é__") == IndexSearch.unweighedClass && IndexSearch.trigramClass("ab") == IndexSearch.unweighedClass)
    }

    @Test func atMostEightFromTheEndAndQuoted() {
        let terms = Self.terms("qqqwwwxxxzzzjjj")
        #expect(terms.count == 8 && terms.first == "jjj")
        #expect(IndexSearch.trigramQuery("a\"bcd") == "\"bcd\" AND \"\"\"bc\" AND \"a\"\"b\"")
    }

    /// A name-first glob (`*.desktop`) checks each admitted name before reading its entries: at most two trigrams, the
    /// rarest and the rarest not overlapping it when as rare (or one class rarer); a short literal overlaps in every pair.
    @Test func aNameFirstGlobAsksForAtMostTwo() {
        func terms(_ text: String) -> [String] {
            (IndexSearch.nameTrigramQuery(text) ?? "").split(separator: " AND ").map { String($0.dropFirst().dropLast()) }
        }
        // `kto` (class 13, nearest the end of the three rarest) and `.de` (14), which shares no character with it.
        #expect(terms(".desktop") == ["kto", ".de"])
        // `grep`'s two trigrams overlap: both, as either alone admits many names.
        #expect(Set(terms("grep")) == ["gre", "rep"])
        #expect(terms("sshd_config").count <= 2 && terms("sshd_config").first.map { ["hd_", "shd"].contains($0) } == true)
        #expect(IndexSearch.nameTrigramQuery("ab") == nil)
        #expect(IndexSearch.nameTrigramQuery("a\"b") == "\"a\"\"b\"")
    }

    /// The common trigrams are 3-byte records in strict byte order (what the binary search needs), each found.
    @Test func theTableIsWholeTrigrams() {
        let bytes = Array(IndexSearch.commonTrigramText.utf8)
        #expect(bytes.count % 3 == 0 && bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F })
        let records = stride(from: 0, to: bytes.count, by: 3).map { Array(bytes[$0..<($0 + 3)]) }
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        for record in records { #expect(IndexSearch.isCommonTrigram(String(decoding: record, as: UTF8.self))) }
        #expect(IndexSearch.isCommonTrigram("con") && IndexSearch.isCommonTrigram("/us"))
        #expect(!IndexSearch.isCommonTrigram("zzq") && !IndexSearch.isCommonTrigram("co") && !IndexSearch.isCommonTrigram("éco"))
    }
}
