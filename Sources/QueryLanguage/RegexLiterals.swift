/// The literal runs every match of a regular expression must contain, for the trigram index to narrow the
/// rows before the expression itself runs (Debian Code Search's approach, kept conservative: a run is only
/// taken where the expression cannot avoid it).
///
/// Accepted grammar for extraction: plain characters form a run; `\\` followed by a punctuation character is
/// that character; a quantifier `*`, `?` or `{…}` makes the character before it optional (it leaves the run);
/// `+` keeps it; `.`, `^`, `$`, classes `[…]`, escapes such as `\\d`, and groups `(…)` end a run (a group's
/// content is not taken). A `|` at the top level means nothing is required of the whole expression, but each
/// alternative has its own runs (``alternatives(in:minimum:)``: the candidates are then the union of each
/// alternative's); one inside a group leaves the runs outside the group required (`bin/(vim|nano)$` needs `bin/`).
public enum RegexLiterals {
    /// For each top-level alternative of `pattern` (the whole pattern when it has no top-level `|`), the
    /// runs of at least `minimum` characters it requires, in pattern order; nil when some alternative
    /// requires none (then only a scan finds its matches).
    public static func alternatives(in pattern: String, minimum: Int = 3) -> [[String]]? {
        var branches: [[String]] = []
        for branch in expandingPlainGroups(pattern).flatMap(topLevelAlternatives) {
            let runs = runs(in: branch, minimum: minimum)
            if runs.isEmpty { return nil }
            branches.append(runs)
        }
        return branches
    }

    /// `pattern` written out once per alternative of its groups of plain words (`bin/(vim|nano)$` →
    /// `bin/vim$`, `bin/nano$`), for groups outside any other group and without a quantifier after them, up to
    /// `limit` patterns (the rest stays as it is). A text matches `pattern` exactly when it matches one of
    /// them, so each one's required runs narrow as well as the whole's, and better: the group's words become
    /// part of the runs around them.
    static func expandingPlainGroups(_ pattern: String, limit: Int = 16) -> [String] {
        var done: [String] = []
        var pending = [pattern]
        while let next = pending.popLast() {
            guard let group = firstPlainGroup(next), done.count + pending.count + group.words.count <= limit else {
                done.append(next)
                continue
            }
            pending += group.words.reversed().map { group.before + $0 + group.after }
        }
        return done
    }

    /// The first top-level group of `pattern` holding only words (letters, digits, `_`, `-`, `/`, escaped
    /// punctuation) separated by `|`, with no quantifier after it: the text before it, its words, the text after.
    static func firstPlainGroup(_ pattern: String) -> (before: String, words: [String], after: String)? {
        let characters = Array(pattern)
        var found: (before: String, words: [String], after: String)?
        walk(characters) { piece, depth in
            guard characters[piece.lowerBound] == "(", depth == 0 else { return true }
            found = plainGroup(characters, at: piece.lowerBound)
            return found == nil
        }
        return found
    }

    /// The plain group opening at `characters[start] == "("`, if it is one (see ``firstPlainGroup(_:)``).
    private static func plainGroup(_ characters: [Character], at start: Int) -> (before: String, words: [String], after: String)? {
        var words: [String] = [""]
        var index = start + 1
        while index < characters.count {
            let c = characters[index]
            if c == ")" { break }
            if c == "|" {
                words.append("")
            } else if c == "\\", index + 1 < characters.count, !characters[index + 1].isLetter, !characters[index + 1].isNumber {
                words[words.count - 1] += String(characters[index...(index + 1)])
                index += 1
            } else if c.isLetter || c.isNumber || c == "_" || c == "-" || c == "/" {
                words[words.count - 1].append(c)
            } else {
                return nil
            }
            index += 1
        }
        guard index < characters.count, words.count > 1 else { return nil }
        if index + 1 < characters.count, "*?+{".contains(characters[index + 1]) { return nil }
        return (String(characters[..<start]), words, String(characters[(index + 1)...]))
    }

    /// `pattern` split at its top-level `|` (not inside a group or a class, not escaped).
    static func topLevelAlternatives(_ pattern: String) -> [String] {
        let characters = Array(pattern)
        var branches: [String] = []
        var current = ""
        walk(characters) { piece, depth in
            if characters[piece.lowerBound] == "|" && depth == 0 {
                branches.append(current)
                current = ""
            } else {
                current += String(characters[piece])
            }
            return true
        }
        branches.append(current)
        return branches
    }

    /// Walks `characters` a piece at a time — an escape and the character after it, a whole class `[…]`, any
    /// other single character — handing `body` each piece's range and the group depth it stands at (a `(` is
    /// at the depth outside its group); `body` returns false to stop.
    static func walk(_ characters: [Character], _ body: (_ piece: Range<Int>, _ depth: Int) -> Bool) {
        var index = 0
        var depth = 0
        while index < characters.count {
            let end = switch characters[index] {
            case "\\": min(index + 2, characters.count)
            case "[": min(classEnd(characters, from: index) + 1, characters.count)
            default: index + 1
            }
            if characters[index] == ")" { depth = max(0, depth - 1) }
            guard body(index..<end, depth) else { return }
            if characters[index] == "(" { depth += 1 }
            index = end
        }
    }

    /// The required runs of at least `minimum` characters, in pattern order ([] for an expression with a
    /// top-level `|`).
    public static func runs(in pattern: String, minimum: Int) -> [String] {
        let characters = Array(pattern)
        var runs: [String] = []
        var current: [Character] = []
        func end() {
            if current.count >= minimum { runs.append(String(current)) }
            current = []
        }
        var index = 0
        var depth = 0
        while index < characters.count {
            let c = characters[index]
            switch c {
            case "|":
                // At the top level the whole expression has alternatives: nothing is required. Inside a group
                // only the group's content is (and that content is never taken): the runs around it still are.
                if depth == 0 { return [] }
                end()
            case "\\":
                guard index + 1 < characters.count else { return [] }
                let next = characters[index + 1]
                index += 2
                if next.isLetter || next.isNumber {
                    end()
                } else if depth == 0 {
                    current.append(next)
                }
                continue
            case "[":
                end()
                // Skip the class; a `|` inside it is a plain character.
                index = classEnd(characters, from: index)
            case "(":
                end()
                depth += 1
            case ")":
                end()
                depth = max(0, depth - 1)
            case "*", "?", "{":
                if !current.isEmpty { current.removeLast() }
                end()
                if c == "{" {
                    while index < characters.count, characters[index] != "}" { index += 1 }
                }
            case "+":
                end()
            case ".", "^", "$":
                end()
            default:
                if depth == 0 { current.append(c) }
            }
            index += 1
        }
        end()
        return runs
    }

    /// The index of the `]` that closes the class opening at `characters[start] == "["` (a `]` right after
    /// `[` or `[^` belongs to the class, `\\]` is escaped), or `characters.count` when it is not closed.
    static func classEnd(_ characters: [Character], from start: Int) -> Int {
        var index = start + 1
        if index < characters.count, characters[index] == "^" { index += 1 }
        if index < characters.count, characters[index] == "]" { index += 1 }
        while index < characters.count, characters[index] != "]" {
            if characters[index] == "\\" { index += 1 }
            index += 1
        }
        return min(index, characters.count)
    }
}
