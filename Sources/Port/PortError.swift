import SystemCalls

/// Why a port could not be written. Its description is the message a user reads: it names the file
/// (when there is one) and quotes the bad value.
///
/// An error of a lower layer (a distribution name, an artifact, a patch) is kept as a value in
/// ``underlying`` and only rendered when the message is read.
public struct PortError: LayeredError {
    /// The file the problem is about, if any.
    public var file: String?
    public var context: String
    public var underlying: (any Error & Sendable)?

    public init(file: String? = nil, _ reason: String) {
        self.file = file
        context = reason
        underlying = nil
    }

    /// An error of a lower layer: `[<file>: ]<context>: <underlying>`, or `[<file>: ]<underlying>` without
    /// a context.
    public init(file: String? = nil, _ context: String = "", underlying: any Error & Sendable) {
        self.file = file
        self.context = context
        self.underlying = underlying
    }

    public var description: String { file.map { "\($0): \(reason)" } ?? reason }
}
