/// The grammars of the control-file values that end up in file names and paths (Debian policy §5.6).
///
/// A package, an upload or a Release file is untrusted: its `Source:` becomes `<source>_<version>.dsc`, a
/// `Files` entry is opened next to the `.dsc`, a Release `Components` entry is a folder under `dists/`. Every
/// such value is checked here before anything uses it, so `../x` or `a/b` can never become a path.
public enum ControlNames {
    /// Checks a package name (`Source`, `Package`, each `Binary` entry): policy §5.6.1/§5.6.7,
    /// `[a-z0-9][a-z0-9+.-]+` — lower case letters, digits, `+`, `-`, `.`, at least two characters, starting
    /// with an alphanumeric.
    /// - Throws: ``FieldError`` quoting the value.
    public static func checkPackage(_ name: String, field: String, file: String) throws(FieldError) {
        let bytes = Array(name.utf8)
        guard bytes.count >= 2, let first = bytes.first, isLowerAlnum(first),
              bytes.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else {
            throw FieldError(file: file, field: field,
                             reason: "'\(Printable.escaped(name))' is not a valid package name (policy: [a-z0-9][a-z0-9+.-]+)")
        }
    }

    /// Checks a version as dpkg-source does before it names files after it: syntactically valid
    /// (``DebianVersion``) and only `[A-Za-z0-9.+~:-]` (dpkg: "version number contains illegal character").
    /// - Throws: ``FieldError`` quoting the value.
    public static func checkVersion(_ version: String, field: String = "Version", file: String) throws(FieldError) {
        do { _ = try DebianVersion(version) } catch {
            throw FieldError(file: file, field: field, reason: error.reason + " in '\(Printable.escaped(version))'")
        }
        if let bad = version.utf8.first(where: { !isVersionByte($0) }) {
            throw FieldError(file: file, field: field,
                             reason: "version number '\(Printable.escaped(version))' contains illegal character '\(Printable.escaped(bad))'")
        }
    }

    /// Checks an architecture name or wildcard (`amd64`, `all`, `any`, `linux-any`, `any-i386`): `[a-z0-9-]+`,
    /// starting with an alphanumeric (dpkg's `debarch_is_valid`).
    public static func checkArchitecture(_ name: String, field: String = "Architecture", file: String) throws(FieldError) {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, isLowerAlnum(first),
              bytes.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "-") }) else {
            throw FieldError(file: file, field: field, reason: "'\(Printable.escaped(name))' is not a valid architecture name")
        }
    }

    /// Checks every white-space separated architecture of a list (`Architecture: any all`).
    public static func checkArchitectures(_ list: String, field: String = "Architecture", file: String) throws(FieldError) {
        for word in list.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            try checkArchitecture(String(word), field: field, file: file)
        }
    }

    /// Checks a comma-separated list of package names (`Binary: a, b`).
    public static func checkPackageList(_ list: String, field: String, file: String) throws(FieldError) {
        for entry in list.split(separator: ",") {
            let name = Deb822Text.trimmed(String(entry))
            if name.isEmpty { continue }
            try checkPackage(name, field: field, file: file)
        }
    }

    /// Checks a file name listed in `Files`/`Checksums-*`: one plain path component — not empty, no `/`,
    /// not `.`/`..`, not starting with `.` (dpkg never lists hidden files), no control characters.
    public static func checkFileName(_ name: String, field: String, file: String) throws(FieldError) {
        if !isPlainComponent(name) || name.hasPrefix(".") {
            throw FieldError(file: file, field: field, reason: "listed file name '\(Printable.escaped(name))' is not a plain file name")
        }
    }

    /// Checks a Release `Components` entry. Real layouts have one or more plain components joined by `/`
    /// (Debian security's `updates/main`); none of them may be `.`/`..`, empty, or hold control characters.
    public static func checkComponent(_ name: String, field: String = "Components", file: String) throws(FieldError) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.hasPrefix("/"), parts.allSatisfy({ isPlainComponent(String($0)) }) else {
            throw FieldError(file: file, field: field,
                             reason: "component '\(Printable.escaped(name))' is not a relative path of plain names")
        }
    }

    /// Checks a distribution, suite, codename or snapshot name (a folder under `dists/`, a word of a
    /// sources.list line): `[A-Za-z0-9._+~:@-]+`, not `.` or `..` — no `/`, no white space (a newline in a
    /// name would forge an APT line), no control characters. mini-buildd's snapshot names
    /// (`WEEKLY_2025-01-06T00:00`) and every Debian suite fit.
    public static func checkDistributionName(_ name: String, field: String, file: String) throws(FieldError) {
        let allowed = "._+~:@-_".utf8
        guard !name.isEmpty, name != ".", name != "..",
              name.utf8.allSatisfy({ DebianVersion.isAlnum($0) || allowed.contains($0) }) else {
            throw FieldError(file: file, field: field, reason: "'\(Printable.escaped(name))' is not a valid distribution name")
        }
    }

    /// One path component that cannot climb or cross directories: not empty, not `.` or `..`, no `/`, NUL or
    /// other control byte (those would also break terminals and `.changes` lines).
    public static func isPlainComponent(_ name: String) -> Bool {
        guard !name.isEmpty, name != ".", name != ".." else { return false }
        return name.utf8.allSatisfy { $0 != UInt8(ascii: "/") && $0 >= 0x20 && $0 != 0x7F }
    }

    static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    static func isVersionByte(_ byte: UInt8) -> Bool {
        DebianVersion.isAlnum(byte) || ".+~:-".utf8.contains(byte)
    }
}
