#if canImport(Glibc)
import Glibc
#endif
import DebianFormats

/// Who ports and when: the changelog trailer's `Name <email>` and date.
public enum Porter {
    /// The porter, first found of: `flag` (`--maintainer`), `DEBFULLNAME <DEBEMAIL>` (dch's variables;
    /// `NAME`/`EMAIL` as fallbacks; both needed), `configured` (the configuration's `port.maintainer`).
    /// - Throws: ``PortError`` for a value that is not one line `Name <email>` (a newline or another control
    ///   character would forge a field of the `.changes`), or naming every source when none is set.
    public static func identity(flag: String? = nil, environment: (String) -> String?,
                                configured: String? = nil) throws(PortError) -> String {
        let found = try unchecked(flag: flag, environment: environment, configured: configured)
        guard !found.value.unicodeScalars.contains(where: Printable.needsEscape) else {
            throw PortError("\(found.origin) '\(Printable.escaped(found.value))' contains a control character (a newline would forge a line of the .changes)")
        }
        guard found.value.hasSuffix(">"), let open = found.value.lastIndex(of: "<"), open > found.value.startIndex,
              found.value[found.value.index(after: open)...].contains("@"),
              !found.value[..<open].contains("<"), !found.value[..<open].contains(">") else {
            throw PortError("\(found.origin) must be 'Name <email>', not '\(Printable.escaped(found.value))'")
        }
        return found.value
    }

    private static func unchecked(flag: String?, environment: (String) -> String?,
                                  configured: String?) throws(PortError) -> (value: String, origin: String) {
        if let flag { return (flag, "--maintainer") }
        func value(_ names: String...) -> (String, String)? {
            for name in names { if let v = environment(name), !v.isEmpty { return (name, v) } }
            return nil
        }
        if let (nameVariable, name) = value("DEBFULLNAME", "NAME"), let (emailVariable, email) = value("DEBEMAIL", "EMAIL") {
            return ("\(name) <\(email)>", "\(nameVariable) and \(emailVariable)")
        }
        if let configured { return (configured, "port.maintainer") }
        throw PortError("the porter's identity is unknown: pass --maintainer, set DEBFULLNAME and DEBEMAIL, or set maintainer in the configuration's [port] table")
    }

    /// `SOURCE_DATE_EPOCH` if set, else now.
    /// - Throws: ``PortError`` for a `SOURCE_DATE_EPOCH` that is not a number.
    public static func timestamp(environment: (String) -> String?) throws(PortError) -> Int {
        if let text = environment("SOURCE_DATE_EPOCH"), !text.isEmpty {
            guard let value = Int(text) else { throw PortError("SOURCE_DATE_EPOCH '\(text)' is not a number of seconds") }
            return value
        }
        return time(nil)
    }
}
