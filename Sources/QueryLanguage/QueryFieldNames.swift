/// The field names the parser knows: pseudo-fields and the common control fields.
///
/// A word is read as a field (rather than a package name) when it starts with `$`, starts with an
/// uppercase ASCII letter (aptly's rule: package names are lowercase), or is one of ``controlFields``
/// in any case (`priority (optional)` is the field, since field names are case-insensitive).
public enum QueryFieldNames {
    /// The pseudo-fields, in their canonical spelling.
    public static let pseudoFields = [
        "$Source", "$SourceVersion", "$Version", "$Architecture", "$PackageType", "$Distribution",
    ]

    /// Control fields recognised in any case. Names that are also real package names (`dgit`, `origin`,
    /// `bugs`, `tag`, `binary`, `format`) are left out, so those words stay package names; write them with
    /// a capital (`Binary (foo)`) to mean the field.
    public static let controlFields = [
        "Name", "Package", "Version", "Architecture", "Source", "Priority", "Section", "Maintainer",
        "Uploaders", "Depends", "Pre-Depends", "Recommends", "Suggests", "Enhances", "Breaks", "Conflicts",
        "Replaces", "Provides", "Built-Using", "Static-Built-Using", "Essential", "Protected", "Important",
        "Description", "Homepage", "Installed-Size", "Multi-Arch", "Package-Type", "Build-Depends",
        "Build-Depends-Indep", "Build-Depends-Arch", "Build-Conflicts", "Build-Conflicts-Indep",
        "Build-Conflicts-Arch", "Standards-Version", "Testsuite", "Testsuite-Triggers",
        "Rules-Requires-Root", "Vcs-Browser", "Vcs-Git",
    ]

    /// The canonical spelling of a pseudo-field (`$version` → `$Version`), or nil if unknown.
    public static func pseudoField(_ word: String) -> String? {
        let lowered = word.lowercased()
        return pseudoFields.first { $0.lowercased() == lowered }
    }

    /// The canonical spelling of a well-known control field (`pre-depends` → `Pre-Depends`), or nil.
    public static func controlField(_ word: String) -> String? {
        let lowered = word.lowercased()
        return controlFields.first { $0.lowercased() == lowered }
    }

    /// Whether `name` is a valid deb822 field name: printable US-ASCII without space or `:`, not starting
    /// with `#` or `-`. Quotes and backslashes are refused too, so a name can never end a quoted string.
    public static func isValidFieldName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "#", first != "-" else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.value >= 0x21 && scalar.value <= 0x7E && !":\"'\\".unicodeScalars.contains(scalar)
        }
    }

    /// Whether `name` is a valid Debian package name: `[a-z0-9][a-z0-9+.-]+` (a single character is
    /// accepted too).
    public static func isValidPackageName(_ name: String) -> Bool {
        func allowed(_ c: Unicode.Scalar, first: Bool) -> Bool {
            ("a"..."z").contains(c) || ("0"..."9").contains(c) || (!first && "+.-".unicodeScalars.contains(c))
        }
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, allowed(first, first: true) else { return false }
        return scalars.dropFirst().allSatisfy { allowed($0, first: false) }
    }
}
