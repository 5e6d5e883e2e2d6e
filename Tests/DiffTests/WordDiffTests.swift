import Diff
import Testing

struct WordDiffTests {
    @Test(arguments: [
        ("a b\n", "a c\n", "a [-b-] {+c+}\n"),
        ("a b c\n", "a c\n", "a [-b-] c\n"),
        ("a c\n", "a b c\n", "a {+b+} c\n"),
        ("same  words\n", "same words\n", "same words\n"),
        ("", "", ""),
        ("  a b", "c b", "  [-a-]{+c+} b"),
    ])
    func table(old: String, new: String, expected: String) {
        #expect(WordDiff(old: Array(old.utf8), new: Array(new.utf8)).text == expected)
    }

    @Test func avoidWrapsClosesMarkersAtNewlines() {
        let diff = WordDiff(old: Array("x a\nb y\n".utf8), new: Array("x y\n".utf8), avoidWraps: true)
        #expect(diff.text == "x [-a-]\n[-b-] y\n")
        #expect(diff.hasDifferences)
        #expect(!WordDiff(old: Array("a  b".utf8), new: Array("a b\n".utf8)).hasDifferences)
    }
}
