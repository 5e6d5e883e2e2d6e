#if canImport(Glibc)
import Glibc
#endif

/// Who ports and when: the changelog trailer's `Name <email>` and date.
public enum Porter {
    /// `DEBFULLNAME <DEBEMAIL>` (dch's variables; `NAME`/`EMAIL` as fallbacks).
    /// - Throws: ``PortError`` naming the variables when none is set.
    public static func identity(environment: (String) -> String?) throws(PortError) -> String {
        func value(_ names: String...) -> String? {
            for name in names { if let v = environment(name), !v.isEmpty { return v } }
            return nil
        }
        guard let name = value("DEBFULLNAME", "NAME"), let email = value("DEBEMAIL", "EMAIL") else {
            throw PortError("the porter's identity is unknown: set DEBFULLNAME and DEBEMAIL")
        }
        return "\(name) <\(email)>"
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
