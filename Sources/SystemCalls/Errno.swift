#if canImport(Glibc)
import Glibc
#endif

/// The C library's text for an `errno` value (`strerror(3)`), the one place debwork turns an `errno`
/// into words.
public enum Errno {
    /// `strerror(code)`: `No such file or directory`, `Permission denied`, …
    public static func text(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The text of the calling thread's current `errno`: read it right after the call that failed, before
    /// anything else can change it.
    public static var currentText: String { text(errno) }
}
