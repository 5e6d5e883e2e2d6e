#if canImport(Glibc)
import Glibc
#endif

/// Who ports and when: the changelog trailer's `Name <email>` and date.
public enum Porter {
    /// The porter, first found of: `flag` (`--maintainer`), `DEBFULLNAME <DEBEMAIL>` (dch's variables;
    /// `NAME`/`EMAIL` as fallbacks; both needed), `configured` (the configuration's `port.maintainer`).
    /// - Throws: ``PortError`` for a `flag` that is not `Name <email>`, or naming every source when none is set.
    public static func identity(flag: String? = nil, environment: (String) -> String?,
                                configured: String? = nil) throws(PortError) -> String {
        if let flag {
            guard flag.hasSuffix(">"), let open = flag.lastIndex(of: "<"), open > flag.startIndex,
                  flag[flag.index(after: open)...].contains("@") else {
                throw PortError("--maintainer must be 'Name <email>', not '\(flag)'")
            }
            return flag
        }
        func value(_ names: String...) -> String? {
            for name in names { if let v = environment(name), !v.isEmpty { return v } }
            return nil
        }
        if let name = value("DEBFULLNAME", "NAME"), let email = value("DEBEMAIL", "EMAIL") {
            return "\(name) <\(email)>"
        }
        if let configured { return configured }
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
