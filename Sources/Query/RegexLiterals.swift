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
enum RegexLiterals {
    /// The required runs of at least `minimum` characters, longest first.
    static func required(in pattern: String, minimum: Int = 3) -> [String] {
        runs(in: pattern, minimum: minimum).sorted { $0.count > $1.count }
    }

    /// For each top-level alternative of `pattern` (the whole pattern when it has no top-level `|`), the
    /// runs of at least `minimum` characters it requires, in pattern order; nil when some alternative
    /// requires none (then only a scan finds its matches).
    static func alternatives(in pattern: String, minimum: Int = 3) -> [[String]]? {
        var branches: [[String]] = []
        for branch in topLevelAlternatives(pattern) {
            let runs = runs(in: branch, minimum: minimum)
            if runs.isEmpty { return nil }
            branches.append(runs)
        }
        return branches
    }

    /// `pattern` split at its top-level `|` (not inside a group or a class, not escaped).
    static func topLevelAlternatives(_ pattern: String) -> [String] {
        let characters = Array(pattern)
        var branches: [String] = []
        var current = ""
        var depth = 0
        var index = 0
        while index < characters.count {
            let c = characters[index]
            switch c {
            case "\\":
                current.append(c)
                if index + 1 < characters.count { current.append(characters[index + 1]) }
                index += 2
                continue
            case "[":
                // A class, copied whole: `|`, `(` and `)` inside it are plain characters.
                let start = index
                index += 1
                if index < characters.count, characters[index] == "^" { index += 1 }
                if index < characters.count, characters[index] == "]" { index += 1 }
                while index < characters.count, characters[index] != "]" {
                    if characters[index] == "\\" { index += 1 }
                    index += 1
                }
                current += String(characters[start...min(index, characters.count - 1)])
            case "(":
                depth += 1
                current.append(c)
            case ")":
                depth = max(0, depth - 1)
                current.append(c)
            case "|" where depth == 0:
                branches.append(current)
                current = ""
            default:
                current.append(c)
            }
            index += 1
        }
        branches.append(current)
        return branches
    }

    /// The required runs of at least `minimum` characters, in pattern order ([] for an expression with a
    /// top-level `|`).
    static func runs(in pattern: String, minimum: Int) -> [String] {
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
                index += 1
                if index < characters.count, characters[index] == "^" { index += 1 }
                if index < characters.count, characters[index] == "]" { index += 1 }
                while index < characters.count, characters[index] != "]" {
                    if characters[index] == "\\" { index += 1 }
                    index += 1
                }
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
}
