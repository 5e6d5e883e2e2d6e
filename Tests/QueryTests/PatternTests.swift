@testable import Query
import Testing

/// Glob and FTS5 pattern building: table-driven, no index.
@Suite struct PatternTests {
    @Test(arguments: [
        ("dwhello", "dwhello", false, "dwhello"),
        ("dw*lo", "dw*lo", true, "dw"),
        ("a**b", "a*b", true, "a"),
        ("[!a]x", "[^a]x", true, "x"),
        ("[]a]", "[]a]", true, ""),
        ("[abc", "[[]abc", false, "[abc"),
        ("100%_\\", "100%_\\", false, "100%_\\"),
        ("usr/bin/*.sh", "usr/bin/*.sh", true, "usr/bin/"),
    ])
    func globTranslation(_ input: String, _ glob: String, _ wildcards: Bool, _ literal: String) {
        let pattern = GlobPattern(input)
        #expect(pattern.glob == glob)
        #expect(pattern.hasWildcards == wildcards)
        #expect(pattern.longestLiteral == literal)
    }

    @Test func globLiteralsAreEveryRunInOrder() {
        #expect(GlobPattern("/usr/lib/*/libz.so.*").literals == ["/usr/lib/", "/libz.so."])
        #expect(GlobPattern("*[ab]c?d*").literals == ["c", "d"])
        #expect(GlobPattern("*").literals == [])
    }

    @Test func packageNamePatternIsLowercasedAndWrapped() {
        #expect(GlobPattern.packageName("DwHello").glob == "*dwhello*")
        #expect(GlobPattern.packageName("*x*").glob == "*x*")
    }

    @Test(arguments: [
        ("greeting", "\"greeting\""),
        ("multi language", "\"multi\" \"language\""),
        ("\"multi-language greeting\"", "\"multi-language greeting\""),
        ("greet*", "\"greet\" *"),
        ("a OR b", "\"a\" OR \"b\""),
        ("a AND NOT b", "\"a\" NOT \"b\""),
        ("NOT a", "\"a\""),
        ("a OR", "\"a\""),
        ("OR AND a", "\"a\""),
        ("a OR NOT b", "\"a\" OR \"b\""),
        ("say \"hi", "\"say\" \"hi\""),
        ("NEAR(a b)", "\"NEAR(a\" \"b)\""),
        ("it's", "\"it's\""),
        ("x\"\"y", "\"x\" \"y\""),
        ("and or not", "\"and\" \"or\" \"not\""),
        ("^start col:val", "\"^start\" \"col:val\""),
    ])
    func fts5Expressions(_ input: String, _ expected: String) {
        #expect(FTS5Pattern(input)?.expression == expected)
    }

    @Test(arguments: ["", "   ", "*", ")", "--", "\"", "AND", "NOT OR", "\"\"*"])
    func nothingSearchable(_ input: String) {
        #expect(FTS5Pattern(input) == nil)
    }

    @Test func quotesAreDoubledInsidePhrases() {
        #expect(FTS5Pattern.substring("a\"b") == "\"a\"\"b\"")
    }
}
