@testable import QueryLanguage
import Testing

struct RegexLiteralsTests {
    static let cases: [(String, [String])] = [
        ("/usr/bin/dw[a-z]+$", ["/usr/bin/dw"]),
        ("changelog\\.Debian\\.gz$", ["changelog.Debian.gz"]),
        ("abcd?efg", ["abc", "efg"]),
        ("abc*def", ["def"]),
        ("abc+def", ["abc", "def"]),
        ("x{2,3}yyy", ["yyy"]),
        ("dw(hello|old)", []),
        ("foo|barbaz", []),
        ("bin/(vim|nano)$", ["bin/"]),
        ("(lib|share)/dwhello/greet", ["/dwhello/greet"]),
        ("usr/(lib|share)/foo|bar", []),
        ("((a|b)|c)xyz", ["xyz"]),
        ("[|]abcd", ["abcd"]),
        ("\\d\\d\\dabc", ["abc"]),
        (".*", []),
        ("ab", []),
        ("lib(foo)?bar\\.so", ["bar.so", "lib"]),
    ]

    @Test(arguments: cases)
    func requiredRuns(_ pattern: String, _ expected: [String]) {
        #expect(RegexLiterals.runs(in: pattern, minimum: 3).sorted { $0.count > $1.count } == expected)
    }

    static let alternativeCases: [(String, [[String]]?)] = [
        ("^/usr/bin/vim$|^/bin/nano$", [["/usr/bin/vim"], ["/bin/nano"]]),
        ("foo|barbaz", [["foo"], ["barbaz"]]),
        ("foo|ba", nil),
        ("usr/(lib|share)/foo|bar", [["usr/lib/foo"], ["bar"], ["usr/share/foo"], ["bar"]]),
        ("[|]abcd|efgh", [["abcd"], ["efgh"]]),
        ("[]|]abcd|efgh", [["abcd"], ["efgh"]]),
        ("abc\\|def|ghi", [["abc|def"], ["ghi"]]),
        ("(a|b)xyz", [["axyz"], ["bxyz"]]),
        ("bin/(vim|nano)$", [["bin/vim"], ["bin/nano"]]),
        ("/usr/(bin|share)/dw", [["/usr/bin/dw"], ["/usr/share/dw"]]),
        ("\\.(py|sh)$", [[".py"], [".sh"]]),
        ("(ab|cd)*xyz", [["xyz"]]),
        ("((vim|nano))x", nil),
        ("(vim|n[a]no)$", nil),
        ("a(b|c)d(e|f)", [["abde"], ["abdf"], ["acde"], ["acdf"]]),
        ("lib(foo)?bar\\.so", [["lib", "bar.so"]]),
        (".*|abc", nil),
        ("abc|", nil),
    ]

    @Test(arguments: alternativeCases)
    func alternatives(_ pattern: String, _ expected: [[String]]?) {
        #expect(RegexLiterals.alternatives(in: pattern) == expected)
    }
}
