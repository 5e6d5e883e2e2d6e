/// The one shape of a feature's error that may wrap an error of a lower layer: debwork's own words
/// (``context``) and the lower layer's error kept as a value (``underlying``), turned into text only when the
/// message is read (at the edge, `runReportingErrors`).
public protocol LayeredError: Error, Sendable, CustomStringConvertible {
    /// What debwork says is wrong, without the underlying error's text (empty when that says it all).
    var context: String { get }
    /// The error of a lower layer this one wraps, kept as a value.
    var underlying: (any Error & Sendable)? { get }
    /// What is wrong, without the file the error names: `<context>: <underlying>`, or whichever of the two
    /// there is.
    var reason: String { get }
}

extension LayeredError {
    public var reason: String {
        guard let underlying else { return context }
        return context.isEmpty ? "\(underlying)" : "\(context): \(underlying)"
    }
}
