@testable import Index
import Testing

/// Which trigrams a path search asks FTS5 for: Debian's common ones are left out when three or more rarer ones
/// remain (any subset of a text's trigrams finds every path holding the text; the exact check follows).
struct TrigramQueryTests {
    static func terms(_ text: String) -> [String] {
        (IndexSearch.trigramQuery(text) ?? "").split(separator: " AND ").map { String($0.dropFirst().dropLast()) }
    }

    @Test func commonTrigramsAreLeftOutWhenRareOnesRemain() {
        // `con` and `_co`: each in more than 100,000 names.
        #expect(Self.terms("sshd_config") == ["fig", "nfi", "onf", "d_c", "hd_", "shd", "ssh"])
        #expect(!Self.terms("sshd_config").contains { IndexSearch.commonTrigrams.contains($0) })
    }

    @Test func allAreKeptWhenFewerThanThreeAreRare() {
        // `sta` is common, `fst` and `tab` are not enough.
        #expect(Set(Self.terms("fstab")) == ["fst", "sta", "tab"])
        #expect(IndexSearch.trigramQuery("ab") == nil)
    }

    @Test func atMostEightFromTheEndAndQuoted() {
        let terms = Self.terms("qqqwwwxxxzzzjjj")
        #expect(terms.count == 8 && terms.first == "jjj")
        #expect(IndexSearch.trigramQuery("a\"bcd") == "\"bcd\" AND \"\"\"bc\" AND \"a\"\"b\"")
    }

    @Test func theTableIsWholeTrigrams() {
        #expect(IndexSearch.commonTrigramText.unicodeScalars.count % 3 == 0)
        #expect(IndexSearch.commonTrigrams.count * 3 == IndexSearch.commonTrigramText.unicodeScalars.count)
        #expect(IndexSearch.commonTrigrams.contains("con") && IndexSearch.commonTrigrams.contains("/us"))
    }
}
