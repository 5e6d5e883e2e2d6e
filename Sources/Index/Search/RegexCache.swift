import DebianFormats
import SystemCalls

/// `regexp`'s compiled patterns, keyed by pattern text. Kept small: emptied when it reaches
/// ``capacity`` (a query uses a handful of patterns). Not thread-safe: one per connection.
final class RegexCache {
    static let capacity = 32

    /// A compiled pattern and how ``StallWatchdog``'s message names it (escaped once, when compiled).
    private struct Entry {
        var regex: Regex<AnyRegexOutput>
        var phrase: String
    }

    private var compiled: [String: Entry] = [:]
    /// The last pattern asked for: a query asks for one pattern row after row (no hashing of it, and the watchdog
    /// told only when the pattern changes).
    private var last: (pattern: String, regex: Regex<AnyRegexOutput>)?

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

    private func regex(_ pattern: String) throws(QueryError) -> Regex<AnyRegexOutput> {
        if let last, last.pattern == pattern { return last.regex }
        let entry: Entry
        if let cached = compiled[pattern] {
            entry = cached
        } else {
            let phrase = "the regular expression '\(Printable.escaped(pattern))'"
            StallWatchdog.describe(phrase)
            do {
                entry = Entry(regex: try StallWatchdog.step { try Regex(pattern) }, phrase: phrase)
            } catch {
                throw .invalidRegularExpression(pattern: pattern, reason: "\(error)")
            }
            if compiled.count >= Self.capacity { compiled.removeAll(keepingCapacity: true) }
            compiled[pattern] = entry
        }
        StallWatchdog.describe(entry.phrase)
        last = (pattern, entry.regex)
        return entry.regex
    }
}
