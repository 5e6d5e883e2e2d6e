/// Why a search could not run; the description is the `E:` line a user reads.
public struct SearchError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

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
        SearchError("--where '\(query)': \(error)")
    }
}
