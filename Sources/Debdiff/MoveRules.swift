/// debdiff's `--move FROM TO` and `--move-regex FROM TO`, applied in the order given to the first
/// package's file names (the part after `<mode>  <owner>   `, link targets included).
struct MoveRules: Sendable {
    struct Rule: @unchecked Sendable {
        var from: String
        var to: String
        /// Compiled for `--move-regex`; nil for a plain `--move`.
        var regex: Regex<AnyRegexOutput>?
    }

    var rules: [Rule]

    /// - Throws: ``DebdiffError`` for a `--move-regex` pattern that does not compile.
    init(_ moves: [(from: String, to: String, isRegex: Bool)]) throws(DebdiffError) {
        var rules: [Rule] = []
        for move in moves {
            // dpkg -c names start with ./, debdiff's lines with /: both sides are rewritten the same way.
            let from = move.from.hasPrefix("./") ? "/" + move.from.dropFirst(2) : move.from
            let to = move.to.hasPrefix("./") ? "/" + move.to.dropFirst(2) : move.to
            var regex: Regex<AnyRegexOutput>?
            if move.isRegex {
                do {
                    regex = try Regex(from)
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
    func apply(toLine line: String) -> String {
        // process_debc splits with /^(\S+)  (\S+)   (.*)/ and rewrites only the third part.
        guard !rules.isEmpty, let split = line.firstRange(of: "   ") else { return line }
        let head = line[..<split.upperBound]
        var name = String(line[split.upperBound...])
        for rule in rules {
            if let regex = rule.regex {
                name = name.replacing(regex) { match in Self.expand(rule.to, match: match) }
            } else if !rule.from.isEmpty, let range = name.firstRange(of: rule.from) {
                name.replaceSubrange(range, with: rule.to)
            }
        }
        return head + name
    }

    /// Perl's replacement interpolation for the cases that matter: `$1`, `${1}`, `\1`, `$&`, `\:`.
    static func expand(_ template: String, match: Regex<AnyRegexOutput>.Match) -> String {
        func group(_ number: Int) -> String {
            guard number < match.output.count, let text = match.output[number].substring else { return "" }
            return String(text)
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
                result += String(match.output[0].substring ?? "")
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
