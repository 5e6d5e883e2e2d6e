@testable import Query
import Testing

/// Which of a path pattern's literal runs goes to the trigram index.
struct PathLiteralTests {
    @Test(arguments: [
        (["/usr/lib/", "/libz.so."], "/libz.so."),
        (["/usr/bin/", "grep"], "grep"),
        (["/usr/share/man/", "/ab"], "/usr/share/man/"),
        (["/libpython3.", ".so"], "/libpython3."),
        (["/etc/apt/", ".conf"], ".conf"),
        (["abcd", "efgh"], "efgh"),
        (["x"], "x"),
        ([], nil),
    ] as [([String], String?)])
    func rarestLiteral(_ runs: [String], _ expected: String?) {
        #expect(PathLiteral.rarest(runs) == expected)
    }
}
