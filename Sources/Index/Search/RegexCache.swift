import DebianFormats
import PCRE2

/// `regexp`'s compiled patterns, keyed by pattern text. Kept small: emptied when it reaches
/// ``capacity`` (a query uses a handful of patterns). Not thread-safe: one per connection.
final class RegexCache {
    static let capacity = 32

    /// A compiled pattern and how messages name it (escaped once, when compiled).
    private struct Entry {
        var regex: RegularExpression
        var phrase: String
    }

    private var compiled: [String: Entry] = [:]
    /// The last pattern asked for: a query asks for one pattern row after row (no hashing of it).
    private var last: (pattern: String, entry: Entry)?

    /// Whether `pattern` (PCRE2 syntax, ``RegularExpression``) matches anywhere in `text`.
    /// - Throws: ``QueryError/invalidRegularExpression(pattern:reason:)`` if `pattern` does not compile,
    ///   ``QueryError/runawayRegularExpression(phrase:)`` if one match needs more than PCRE2's step or memory
    ///   limits (a pattern that backtracks catastrophically, such as `(a+)+$` on a long value: stopped within
    ///   milliseconds).
    func matches(_ pattern: String, _ text: String) throws(QueryError) -> Bool {
        var text = text
        return try text.withUTF8 { bytes in
            Result { () throws(QueryError) -> Bool in try matches(pattern, UnsafeRawBufferPointer(bytes)) }
        }.get()
    }

    /// Whether `pattern` matches anywhere in `bytes` (which need not be valid UTF-8: an invalid sequence matches
    /// nothing).
    func matches(_ pattern: String, _ bytes: UnsafeRawBufferPointer) throws(QueryError) -> Bool {
        let entry = try self.entry(pattern)
        do {
            return try entry.regex.matches(bytes)
        } catch {
            throw error.kind == .limit ? .runawayRegularExpression(phrase: entry.phrase)
                : .invalidRegularExpression(pattern: pattern, reason: error.message)
        }
    }

    private func entry(_ pattern: String) throws(QueryError) -> Entry {
        if let last, last.pattern == pattern { return last.entry }
        let entry: Entry
        if let cached = compiled[pattern] {
            entry = cached
        } else {
            do {
                entry = Entry(regex: try RegularExpression(pattern),
                              phrase: "the regular expression '\(Printable.escaped(pattern))'")
            } catch {
                throw .invalidRegularExpression(pattern: pattern, reason: error.message)
            }
            if compiled.count >= Self.capacity { compiled.removeAll(keepingCapacity: true) }
            compiled[pattern] = entry
        }
        last = (pattern, entry)
        return entry
    }
}
