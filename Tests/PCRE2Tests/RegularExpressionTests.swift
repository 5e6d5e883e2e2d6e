import DebworkTestSupport
import Foundation
import PCRE2
import Testing

/// ``RegularExpression`` against the same engine as another program uses it: GNU grep's `-P` (PCRE2 in UTF mode,
/// invalid UTF-8 never matched), on paths of every kind a Contents file may hold, and its limits on hostile patterns.
struct RegularExpressionTests {
    static let lines: [[UInt8]] = [
        Array("/usr/bin/ls".utf8), Array("/usr/share/café".utf8), Array("/usr/bin/bad".utf8) + [0xFF] + Array("name".utf8),
        Array("/usr/lib/x86_64-linux-gnu/libz.so.1".utf8), Array("/usr/share/doc/日本/README".utf8), [],
        Array("/etc/apt/apt.conf.d/99x".utf8), Array("/usr/share/a b/x\u{202E}y".utf8), [0xC3], Array("/usr/bin/x2go".utf8),
    ]
    static let patterns = [
        "bad.name", "bad", "\\w+$", "caf.$", "^/usr/(s?bin|lib)/", "\\d\\.so", "(?i)readme", "^$", "é", "日本",
        "[[:alpha:]]{2}/README", "^/usr/bin/[a-z]+\\d", "a b/", "\\x{202e}", ".", "^.$", "(a|b)+d", "\\bx2go\\b",
        "lib(?=z)", "(?<!\\.)so", "^(/[a-z]+)+$",
    ]

    /// The lines `grep -P` selects, by index, for each pattern; ours the same. grep's classes are ASCII (`\w` is not
    /// `é`); ours are Unicode's, as Perl's on text and Python's `re`: grep is given the pattern with PCRE2's own
    /// `(*UCP)`, which is what ``RegularExpression`` compiles with.
    @Test(arguments: patterns)
    func matchesWhatGrepPerlMatches(_ pattern: String) throws {
        let input = Data(Self.lines.map { $0 + [0x0A] }.joined())
        let grep = try Process.run("grep", ["-naP", "--", "(*UCP)" + pattern], input: input, environment: ["LC_ALL": "C.UTF-8"])
        #expect(grep.status <= 1, "\(grep.stderrText)")
        let expected = Set(grep.stdout.split(separator: 0x0A, omittingEmptySubsequences: false).compactMap { line in
            line.firstIndex(of: UInt8(ascii: ":")).flatMap { Int(String(decoding: line[line.startIndex..<$0], as: UTF8.self)) }
        }.map { $0 - 1 })
        let regex = try RegularExpression(pattern)
        var found = Set<Int>()
        for (index, line) in Self.lines.enumerated() where try line.withUnsafeBytes({ try regex.matches($0) }) {
            found.insert(index)
        }
        #expect(found == expected, "\(pattern)")
    }

    /// A pattern PCRE2 refuses names the reason and where.
    @Test func refusesAnInvalidPattern() throws {
        let error = try #require(throws: RegularExpressionError.self) { try RegularExpression("ab(c") }
        #expect(error.message == "missing closing parenthesis")
        #expect(error.kind == .syntax(offset: 4))
        #expect(throws: RegularExpressionError.self) { try RegularExpression("a{2,1}") }
        #expect(throws: RegularExpressionError.self) { try RegularExpression("\\C") }
    }

    /// Catastrophic backtracking ends at the step limit, in milliseconds (Swift's `Regex` ran for hours), where grep -P
    /// reports "exceeded PCRE's backtracking limit" too; the next match works again.
    @Test(arguments: [("(a+)+$", "aa"), ("(a|aa)+$", "aaa"), ("(a|a)*$", ""), ("(\\w+\\s?)+$", "ab c")])
    func stopsCatastrophicBacktracking(_ pattern: String, _ matching: String) throws {
        let started = Date()
        let regex = try RegularExpression(pattern)
        let error = try #require(throws: RegularExpressionError.self) {
            try regex.matches(String(repeating: "a", count: 40) + "!")
        }
        #expect(error.kind == .limit, "\(error)")
        #expect(try regex.matches(matching))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// Global substitution as Perl's `s:…:…:g` on text (`perl -CSDA`): every match replaced, empty matches not
    /// twice at one place, unset groups empty.
    @Test(arguments: [("x*", "abc", "-"), ("^/usr/(bin|lib)", "/usr/lib/x", "/opt/$1"), ("(a)|b", "abab", "[$1]"),
                      ("x*", "é日", "-"), ("\\b", "ab cd", "|"), ("(\\w)(\\w)", "abcde", "$2$1"), ("$", "ab", "!"),
                      ("a|", "baab", "_"), ("", "", "-")])
    func replacesAsPerlDoes(_ pattern: String, _ subject: String, _ template: String) throws {
        let perl = try Process.run("perl", ["-CSDA", "-e", "my ($p, $s, $t) = @ARGV; $s =~ s/$p/'\"' . $t . '\"'/gee; print $s",
                                            pattern, subject, template])
        #expect(perl.status == 0, "\(perl.stderrText)")
        let ours = try RegularExpression(pattern).replacingAll(in: subject) { groups in
            var text = template
            for (number, group) in groups.enumerated().reversed() { text = text.replacingOccurrences(of: "$\(number)", with: group ?? "") }
            return text
        }
        #expect(ours == perl.stdoutText, "\(pattern) on \(subject)")
    }

    /// Empty patterns and subjects, and a subject with NUL bytes (length-delimited, not C strings).
    @Test func emptyAndNul() throws {
        #expect(try RegularExpression("").matches(""))
        #expect(try RegularExpression("^$").matches(""))
        #expect(try !RegularExpression("a").matches(""))
        let nul: [UInt8] = [0x61, 0x00, 0x62]
        #expect(try nul.withUnsafeBytes { try RegularExpression("a\\x00b").matches($0) })
        #expect(try nul.withUnsafeBytes { try RegularExpression("b$").matches($0) })
    }
}
