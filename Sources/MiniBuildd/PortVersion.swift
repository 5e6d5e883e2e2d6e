/// mini-buildd's version arithmetic for ports and rebuilds (its layout's version strings), exactly as the
/// 2.x Python code does it, quirks included.
public struct PortVersion: Sendable, Hashable {
    /// The repository id (`%IDENTITY%`).
    public var identity: String
    /// The codename's codeversion (`%CODEVERSION%`).
    public var codeversion: String
    /// Experimental suites use `+0` instead of `+1`.
    public var experimental: Bool

    public init(identity: String, codeversion: String, experimental: Bool) {
        self.identity = identity
        self.codeversion = codeversion
        self.experimental = experimental
    }

    /// The default version appendix: `~%IDENTITY%%CODEVERSION%+1` (`+0` for experimental suites).
    public var defaultAppendix: String { "~\(identity)\(codeversion)+\(experimental ? "0" : "1")" }

    /// The mandatory version regex a target enforces (searched, not anchored):
    /// `~%IDENTITY%%CODEVERSION%\+[1-9]` (`\+0` for experimental suites).
    public var mandatoryPattern: String {
        "~" + Self.escaped(identity) + Self.escaped(codeversion) + (experimental ? "\\+0" : "\\+[1-9]")
    }

    /// Whether `version` satisfies the mandatory regex.
    public func accepts(_ version: String) -> Bool {
        (try? Regex(mandatoryPattern)).map { version.contains($0) } ?? false
    }

    /// An internal port (`port`, from ≠ to): the appendix of the source distribution is replaced by the
    /// target's, keeping the source's `+N` digit (a single digit: `+10` keeps `+1` and leaves the `0`).
    public static func internalPort(_ version: String, from: PortVersion, to: PortVersion) -> String {
        let fromAppendix = rightmostMatch(from.mandatoryPattern, in: version)
        let plus = rightmostMatch("\\+[0-9]", in: fromAppendix)
        let toAppendix = plus.isEmpty ? to.defaultAppendix : rightmostSubstitute("\\+[0-9]", with: plus, in: to.defaultAppendix)
        return rightmostSubstitute(from.mandatoryPattern, with: toAppendix, in: version)
    }

    /// A rebuild (`port` with from == to): `+rebuilt<YYYYmmddHHMMSS>` replaces an earlier rebuild stamp or is appended.
    public static func rebuild(_ version: String, stamp: String) -> String {
        rightmostSubstitute("\\+rebuilt[0-9]{14}", with: "+rebuilt\(stamp)", in: version)
    }

    /// An external port (`port_ext`): the target's default appendix, always appended.
    public static func externalPort(_ version: String, to: PortVersion) -> String {
        version + to.defaultAppendix
    }

    /// The text of the last match of `pattern` in `text`, or "".
    static func rightmostMatch(_ pattern: String, in text: String) -> String {
        guard let regex = try? Regex(pattern), let last = text.matches(of: regex).last else { return "" }
        return String(text[last.range])
    }

    /// `text` with the last match of `pattern` replaced by `replacement` (literally); appended when none.
    static func rightmostSubstitute(_ pattern: String, with replacement: String, in text: String) -> String {
        guard let regex = try? Regex(pattern), let last = text.matches(of: regex).last else { return text + replacement }
        var result = text
        result.replaceSubrange(last.range, with: replacement)
        return result
    }

    /// Regex-escapes a literal (identities are `[a-z0-9]+`, codeversions digits or `~NAME`, but be safe).
    static func escaped(_ literal: String) -> String {
        var out = ""
        for character in literal {
            if "\\^$.|?*+()[]{}".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
