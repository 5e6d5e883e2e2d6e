import PCRE2

/// debdiff's `--move FROM TO` and `--move-regex FROM TO`, applied in the order given to the first
/// package's file names (the part after `<mode>  <owner>   `, link targets included). A `--move-regex` pattern is
/// Perl's (debdiff `eval`s `s:FROM:TO:g`), run by PCRE2 with its step limit: the names are the package's, and a
/// pattern that backtracks catastrophically on one is an error, not a hang.
struct MoveRules: Sendable {
    /// Sendable because a comparison applies its rules on one thread (``RegularExpression`` owns a match block).
    struct Rule: @unchecked Sendable {
        var from: String
        var to: String
        /// Compiled for `--move-regex`; nil for a plain `--move`.
        var regex: RegularExpression?
    }

    var rules: [Rule]

    /// - Throws: ``DebdiffError`` for a `--move-regex` pattern that does not compile.
    init(_ moves: [(from: String, to: String, isRegex: Bool)]) throws(DebdiffError) {
        var rules: [Rule] = []
        for move in moves {
            // dpkg -c names start with ./, debdiff's lines with /: both sides are rewritten the same way.
            let from = move.from.hasPrefix("./") ? "/" + move.from.dropFirst(2) : move.from
            let to = move.to.hasPrefix("./") ? "/" + move.to.dropFirst(2) : move.to
            var regex: RegularExpression?
            if move.isRegex {
                do {
                    regex = try RegularExpression(from)
                } catch {
                    throw DebdiffError("--move-regex: invalid regular expression '\(move.from)'", underlying: error)
                }
            }
            rules.append(Rule(from: from, to: to, regex: regex))
        }
        self.rules = rules
    }

    var isEmpty: Bool { rules.isEmpty }

    /// Rewrites one file-list line.
    /// - Throws: ``DebdiffError`` when a `--move-regex` match needs more than PCRE2's limits on this line.
    func apply(toLine line: String) throws(DebdiffError) -> String {
        // process_debc splits with /^(\S+)  (\S+)   (.*)/ and rewrites only the third part.
        guard !rules.isEmpty, let split = line.firstRange(of: "   ") else { return line }
        let head = line[..<split.upperBound]
        var name = String(line[split.upperBound...])
        for rule in rules {
            if let regex = rule.regex {
                do {
                    name = try regex.replacingAll(in: name) { groups in Self.expand(rule.to, groups: groups) }
                } catch {
                    throw DebdiffError("--move-regex: the regular expression '\(regex.pattern)' failed on '\(name)': "
                        + error.message)
                }
            } else if !rule.from.isEmpty, let range = name.firstRange(of: rule.from) {
                name.replaceSubrange(range, with: rule.to)
            }
        }
        return head + name
    }

    /// Perl's replacement interpolation for the cases that matter: `$1`, `${1}`, `\1`, `$&`, `\:`.
    static func expand(_ template: String, groups: [String?]) -> String {
        func group(_ number: Int) -> String {
            number < groups.count ? groups[number] ?? "" : ""
        }
        var result = ""
        var characters = Array(template)[...]
        while let character = characters.popFirst() {
            guard character == "$" || character == "\\", let next = characters.first else {
                result.append(character)
                continue
            }
            if next == "&" && character == "$" {
                characters.removeFirst()
                result += group(0)
            } else if next.isASCII, next.isNumber {
                let digits = characters.prefix { $0.isASCII && $0.isNumber }
                characters.removeFirst(digits.count)
                result += group(Int(String(digits)) ?? 0)
            } else if character == "$", next == "{", let close = characters.firstIndex(of: "}"),
                      let number = Int(String(characters[characters.index(after: characters.startIndex)..<close])) {
                characters = characters[characters.index(after: close)...]
                result += group(number)
            } else if character == "\\" {
                result.append(characters.removeFirst())
            } else {
                result.append(character)
            }
        }
        return result
    }
}
