import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// A libsolv call that failed, with the C function and libsolv's own message (`pool_errstr`) or errno's.
public struct SolvError: Error, Sendable, CustomStringConvertible {
    /// The C function that failed, e.g. `repo_add_debpackages`.
    public var function: String
    /// What the function was given (a repository name, an architecture).
    public var subject: String
    /// libsolv's or the C library's message.
    public var message: String

    public init(function: String, subject: String, message: String) {
        self.function = function
        self.subject = subject
        self.message = message
    }

    static func errno(function: String, subject: String) -> SolvError {
        SolvError(function: function, subject: subject, message: Errno.currentText)
    }

    public var description: String {
        "libsolv: \(function) failed for '\(subject)': \(message)"
    }
}
