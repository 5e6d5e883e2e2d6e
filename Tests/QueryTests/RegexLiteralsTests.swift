@testable import Query
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
        #expect(RegexLiterals.required(in: pattern) == expected)
    }
}
