import SystemCalls

/// An error about the index itself (not about one artifact).
///
/// An error of a lower layer (SQLite, an artifact, a system call) is kept as a value in ``underlying`` and
/// only rendered when the message is read.
public struct IndexError: LayeredError {
    public var path: String
    public var context: String
    public var underlying: (any Error & Sendable)?

    public init(path: String, reason: String) {
        self.path = path
        context = reason
        underlying = nil
    }

    /// An error of a lower layer about the index at `path`: `<path>: <context>: <underlying>`, or
    /// `<path>: <underlying>` without a context.
    public init(path: String, context: String = "", underlying: any Error & Sendable) {
        self.path = path
        self.context = context
        self.underlying = underlying
    }

    public var description: String { "\(path): \(reason)" }
}
