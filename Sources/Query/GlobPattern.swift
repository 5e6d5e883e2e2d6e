/// A shell-style pattern (`*`, `?`, `[…]`, `[!…]`) translated into an SQLite `GLOB` pattern, which is always
/// bound as a parameter, never spliced into SQL.
///
/// SQLite's `GLOB` has the same `*?[]` syntax as `fnmatch`, with two differences handled here: a class is
/// negated with `^` instead of `!`, and an unclosed `[` is an error-free no-match in SQLite but a literal in
/// `fnmatch`, so it is written as the class `[[]`. Runs of `*` are collapsed (they mean the same and cost
/// backtracking).
public struct GlobPattern: Sendable, Hashable {
    /// The pattern for SQLite's `GLOB` operator.
    public let glob: String
    /// Whether the user's text had any wildcard (`*`, `?` or a closed `[…]` class).
    public let hasWildcards: Bool
    /// The longest run of literal characters (outside wildcards and classes).
    public let longestLiteral: String
    /// Every run of literal characters, in pattern order.
    public let literals: [String]

    /// The most bytes a pattern may have: SQLite refuses longer `GLOB` patterns
    /// (`SQLITE_MAX_LIKE_PATTERN_LENGTH`, 50000), and no package name or path comes near this.
    public static let maximumLength = 4096

    /// Translates `pattern` as it stands (anchored at both ends).
    public init(_ pattern: String) {
        var glob = ""
        var hasWildcards = false
        var run = ""
        var longest = ""
        var literals: [String] = []
        func endRun() {
            if run.count > longest.count { longest = run }
            if !run.isEmpty { literals.append(run) }
            run = ""
        }
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                endRun()
                hasWildcards = true
                if !glob.hasSuffix("*") || glob.hasSuffix("[*]") { glob += "*" }
            case "?":
                endRun()
                hasWildcards = true
                glob += "?"
            case "[":
                if let (translated, next) = Self.characterClass(characters, from: index) {
                    endRun()
                    hasWildcards = true
                    glob += translated
                    index = next
                    continue
                }
                run.append(character)
                glob += "[[]"
            default:
                run.append(character)
                glob.append(character)
            }
            index += 1
        }
        endRun()
        self.glob = glob
        self.hasWildcards = hasWildcards
        self.longestLiteral = longest
        self.literals = literals
    }

    /// mini-buildd's `search` pattern: lowercased and wrapped as `*pattern*`.
    public static func packageName(_ pattern: String) -> GlobPattern {
        GlobPattern("*" + pattern.lowercased() + "*")
    }

    /// The class starting at `characters[start] == "["` in SQLite syntax and the index after it, or nil when
    /// it is not closed (then the `[` is a literal, as in `fnmatch`).
    private static func characterClass(_ characters: [Character], from start: Int) -> (String, Int)? {
        var index = start + 1
        var body = ""
        if index < characters.count, characters[index] == "!" || characters[index] == "^" {
            body += "^"
            index += 1
        }
        // A `]` right after `[` or `[!` belongs to the class (fnmatch and SQLite agree).
        if index < characters.count, characters[index] == "]" {
            body += "]"
            index += 1
        }
        while index < characters.count {
            if characters[index] == "]" { return ("[" + body + "]", index + 1) }
            body.append(characters[index])
            index += 1
        }
        return nil
    }
}
