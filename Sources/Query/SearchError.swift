import SystemCalls

/// Why a search could not run; the description is the `E:` line a user reads.
///
/// An error of a lower layer (the query parser, the index) is kept as a value in ``underlying`` and only
/// rendered when the message is read.
public struct SearchError: LayeredError {
    public var context: String
    public var underlying: (any Error & Sendable)?

    public init(_ description: String) {
        context = description
        underlying = nil
    }

    /// An error of a lower layer: `<context>: <underlying>`, or `<underlying>` without a context.
    public init(_ context: String = "", underlying: any Error & Sendable) {
        self.context = context
        self.underlying = underlying
    }

    public var description: String { reason }

    static func tooLong(_ what: String, _ text: String) -> SearchError {
        SearchError("\(what) is too long (\(text.utf8.count) bytes; at most \(GlobPattern.maximumLength))")
    }

    static func nothingToSearch(_ text: String) -> SearchError {
        SearchError("nothing to search for in '\(text)': give at least one word with a letter or digit")
    }

    static func unknownDistribution(_ name: String) -> SearchError {
        SearchError("no distribution '\(name)' in the index (see 'debwork status')")
    }

    static func invalidWhere(_ query: String, _ error: any Error) -> SearchError {
        SearchError("--where '\(query)'", underlying: error)
    }
}
