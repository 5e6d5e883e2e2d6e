import Solv

/// Turns libsolv's rule infos for one uninstallable package into one sentence, causes first (what is
/// missing, what conflicts), then the chain of dependencies that leads there, as dose-debcheck's
/// `--explain` separates "missing" and "conflict" from the dependency paths.
enum Explanation {
    static func reason(_ rules: [SolvRuleInfo]) -> String {
        var causes: [String] = []
        var chain: [String] = []
        for rule in rules {
            switch rule {
            case .nothingProvides(let package, let dependency, let candidates):
                var text = "\(package.name) \(package.version) depends on '\(dependency)', which no package provides"
                if !candidates.isEmpty {
                    text += " (available: " + candidates.map { "\($0.name) \($0.version)" }.joined(separator: ", ") + ")"
                }
                causes.append(text)
            case .conflicts(let package, let dependency, let other):
                causes.append("\(package.name) \(package.version) conflicts with \(other.name) \(other.version) (Conflicts/Breaks: '\(dependency)')")
            case .obsoletes(let package, let dependency, let other):
                causes.append("\(package.name) \(package.version) conflicts with and replaces \(other.name) \(other.version) ('\(dependency)')")
            case .sameName(let first, let second):
                causes.append("\(first.name) \(first.version) and \(second.name) \(second.version) cannot be installed together")
            case .selfConflict(let package, let dependency):
                causes.append("\(package.name) \(package.version) conflicts with itself ('\(dependency)')")
            case .notInstallable(let package):
                causes.append("\(package.name) \(package.version) is not installable on this architecture (\(package.architecture))")
            case .requires(let package, let dependency):
                chain.append("\(package.name) \(package.version) depends on '\(dependency)'")
            case .essentialPackages:
                causes.append("the Essential packages cannot be installed together")
            case .other(let text):
                causes.append(text)
            }
        }
        if causes.isEmpty && chain.isEmpty { return "not installable (libsolv gave no reason)" }
        if chain.isEmpty { return causes.joined(separator: "; ") }
        return (causes + ["through: " + chain.joined(separator: ", ")]).joined(separator: "; ")
    }
}
