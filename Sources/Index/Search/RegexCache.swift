import DebianFormats
import SystemCalls

/// `regexp`'s compiled patterns, keyed by pattern text. Kept small: emptied when it reaches
/// ``capacity`` (a query uses a handful of patterns). Not thread-safe: one per connection.
final class RegexCache {
    static let capacity = 32
    private var compiled: [String: Regex<AnyRegexOutput>] = [:]

    /// Whether `pattern` matches anywhere in `text`.
    /// - Throws: ``QueryError/invalidRegularExpression(pattern:reason:)`` if `pattern` does not compile.
    ///
    /// A match that runs for seconds (a pattern that backtracks catastrophically, such as `(a+)+$`, on a long value)
    /// ends the process with an `E:` line naming the pattern (``StallWatchdog``): Swift's `Regex` has no step limit.
    func matches(_ pattern: String, _ text: String) throws(QueryError) -> Bool {
        let regex = try self.regex(pattern)
        do {
            return try StallWatchdog.step { try regex.firstMatch(in: text) != nil }
        } catch {
            throw .invalidRegularExpression(pattern: pattern, reason: "\(error)")
        }
    }

    /// The last pattern asked for and its regex: a query asks for one pattern row after row.
    private var last: (pattern: String, regex: Regex<AnyRegexOutput>)?

    private func regex(_ pattern: String) throws(QueryError) -> Regex<AnyRegexOutput> {
        if let last, last.pattern == pattern { return last.regex }
        StallWatchdog.describe("the regular expression '\(Printable.escaped(pattern))'")
        if let regex = compiled[pattern] {
            last = (pattern, regex)
            return regex
        }
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try StallWatchdog.step { try Regex(pattern) }
        } catch {
            throw .invalidRegularExpression(pattern: pattern, reason: "\(error)")
        }
        last = (pattern, regex)
        if compiled.count >= Self.capacity { compiled.removeAll(keepingCapacity: true) }
        compiled[pattern] = regex
        return regex
    }
}
