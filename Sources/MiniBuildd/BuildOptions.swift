/// `MINI_BUILDD_OPTION:` changelog items from a `-O` string (`key=value|key=value`), validated.
public struct BuildOptions: Sendable, Hashable {
    public struct Option: Sendable, Hashable {
        public var key: String
        public var value: String
        /// The `[arch]` of `key[arch]=value`, if any.
        public var architecture: String?

        public var item: String { "MINI_BUILDD_OPTION: \(key)\(architecture.map { "[\($0)]" } ?? "")=\(value)" }
    }

    public var options: [Option]
    /// Problems mini-buildd would not reject but mishandle (values with `=`, `.` or spaces), and deprecations.
    public var warnings: [String]

    /// mini-buildd's default when no `-O` is given.
    public static let defaultText = "lintian-mode=ignore"

    static let modes = ["disabled", "ignore", "errfail", "warnfail"]
    static let known = ["lintian-mode", "piuparts-mode", "autopkgtest-mode", "internal-apt-priority", "auto-ports",
                        "deb-build-options", "deb-build-profiles", "add-depends"]

    /// Parses `text` split on `|`; each piece `key[arch]=value`.
    /// - Throws: ``BuildOptionError`` for a piece without `=`, an unknown key, or a bad mode/priority value.
    public init(_ text: String = BuildOptions.defaultText) throws(BuildOptionError) {
        options = []
        warnings = []
        for piece in text.split(separator: "|", omittingEmptySubsequences: true) {
            let trimmed = String(piece.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw BuildOptionError(option: trimmed, reason: "expected 'key=value'")
            }
            var key = String(trimmed[..<equals])
            var value = String(trimmed[trimmed.index(after: equals)...])
            var architecture: String?
            if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
                architecture = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
                key = String(key[..<open])
            }
            // Deprecated spellings mini-buildd still maps.
            if key == "ignore-lintian" && value == "true" {
                warnings.append("'ignore-lintian=true' is deprecated: using 'lintian-mode=ignore'")
                (key, value) = ("lintian-mode", "ignore")
            } else if key == "run-lintian" && value == "true" {
                warnings.append("'run-lintian=true' is deprecated: using 'lintian-mode=errfail'")
                (key, value) = ("lintian-mode", "errfail")
            }
            guard Self.known.contains(key) else {
                throw BuildOptionError(option: trimmed, reason: "unknown key '\(key)' (known: \(Self.known.joined(separator: ", ")))")
            }
            if key.hasSuffix("-mode") && !Self.modes.contains(value) {
                throw BuildOptionError(option: trimmed, reason: "'\(value)' is not one of \(Self.modes.joined(separator: ", "))")
            }
            if key == "internal-apt-priority" && Int(value) == nil {
                throw BuildOptionError(option: trimmed, reason: "'\(value)' is not an integer")
            }
            if value.contains("=") || value.contains(".") || value.contains(" ") {
                warnings.append("value of '\(key)' contains '=', '.' or a space, which mini-buildd's option parser mangles: '\(value)'")
            }
            options.append(Option(key: key, value: value, architecture: architecture))
        }
    }
}

/// A `-O` option mini-buildd would reject.
public struct BuildOptionError: Error, Sendable, CustomStringConvertible {
    public var option: String
    public var reason: String
    public var description: String { "invalid option '\(option)': \(reason)" }
}
