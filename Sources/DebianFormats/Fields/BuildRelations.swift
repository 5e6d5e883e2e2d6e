/// A source package's build relations (`Build-Depends`, `Build-Depends-Arch`, `Build-Depends-Indep` and the
/// `Build-Conflicts` fields of a .dsc), reduced to what a build on one architecture with no build profile
/// asks: the relations in binary-package syntax, ready for an installability check.
///
/// The reduction is dpkg's (`Dpkg::Deps::deps_parse` with `reduce_arch`, `reduce_profiles`): an alternative
/// with an architecture list (`[amd64 !i386]`, `[linux-any]`) is kept when the architecture matches; one with
/// restriction formulas (`<!nocheck> <stage1 cross>`) is kept when a formula holds with no profile active
/// (every term negated); a relation whose alternatives are all dropped disappears. `name:native` and
/// `name:any` are kept for the solver.
public struct BuildRelations: Sendable, Hashable {
    /// `Build-Depends`, `Build-Depends-Arch`, `Build-Depends-Indep`, as written (nil when absent).
    public var depends: [String]
    /// `Build-Conflicts`, `Build-Conflicts-Arch`, `Build-Conflicts-Indep`, as written.
    public var conflicts: [String]

    public init(depends: [String], conflicts: [String]) {
        self.depends = depends
        self.conflicts = conflicts
    }

    /// Whether there is nothing to check.
    public var isEmpty: Bool { depends.allSatisfy(\.isBlank) && conflicts.allSatisfy(\.isBlank) }

    /// The `Depends` value of a package standing for the build dependencies on `architecture`.
    public func dependsField(architecture: String) -> String {
        Self.reduce(depends, architecture: architecture)
    }

    /// The `Conflicts` value of a package standing for the build conflicts on `architecture`.
    public func conflictsField(architecture: String) -> String {
        Self.reduce(conflicts, architecture: architecture)
    }

    static func reduce(_ fields: [String], architecture: String) -> String {
        var relations: [String] = []
        for field in fields {
            let flat = field.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
            for relation in flat.split(separator: ",") {
                let kept = relation.split(separator: "|").compactMap { alternative(String($0), architecture: architecture) }
                if !kept.isEmpty { relations.append(kept.joined(separator: " | ")) }
            }
        }
        return relations.joined(separator: ", ")
    }

    /// One alternative without its restrictions, or nil when they exclude it.
    static func alternative(_ text: String, architecture: String) -> String? {
        var kept = ""
        var architectures: [Substring]?
        var formulas: [[Substring]] = []
        // `[…]` and `<…>` outside the version's parentheses (whose operators hold `<` and `>`).
        var index = text.startIndex
        var inVersion = false
        while index < text.endIndex {
            let character = text[index]
            if character == "(" { inVersion = true } else if character == ")" { inVersion = false }
            guard !inVersion, character == "[" || character == "<",
                  let end = text[index...].firstIndex(of: character == "[" ? "]" : ">") else {
                kept.append(character)
                index = text.index(after: index)
                continue
            }
            let words = text[text.index(after: index)..<end].split(whereSeparator: { $0 == " " || $0 == "\t" })
            if character == "[" { architectures = words } else { formulas.append(words) }
            index = text.index(after: end)
        }
        if let architectures, !architectures.isEmpty {
            let negated = architectures.allSatisfy { $0.hasPrefix("!") }
            let matches = architectures.contains { matchesArchitecture(String($0.drop { $0 == "!" }), architecture) }
            guard negated ? !matches : matches else { return nil }
        }
        // No profile is active: a formula holds when all its terms are negated.
        if !formulas.isEmpty && !formulas.contains(where: { $0.allSatisfy { $0.hasPrefix("!") } }) { return nil }
        let trimmed = kept.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        return trimmed.isEmpty ? nil : trimmed
    }

    /// dpkg's architecture wildcards for a Linux architecture (`any`, `linux-any`, `any-amd64`,
    /// `linux-amd64`, the name itself).
    static func matchesArchitecture(_ pattern: String, _ architecture: String) -> Bool {
        pattern == architecture || pattern == "any" || pattern == "linux-any" || pattern == "any-\(architecture)"
            || pattern == "linux-\(architecture)" || pattern == "gnu-linux-\(architecture)"
            || pattern == "any-any-\(architecture)" || pattern == "gnu-linux-any"
    }
}

extension String {
    fileprivate var isBlank: Bool { allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" } }
}
