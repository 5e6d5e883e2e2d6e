/// `regexp`'s compiled patterns, keyed by pattern text. Kept small: emptied when it reaches
/// ``capacity`` (a query uses a handful of patterns). Not thread-safe: one per connection.
final class RegexCache {
    static let capacity = 32
    private var compiled: [String: Regex<AnyRegexOutput>] = [:]

    /// Whether `pattern` matches anywhere in `text`.
    /// - Throws: ``QueryError/invalidRegularExpression(pattern:reason:)`` if `pattern` does not compile.
    func matches(_ pattern: String, _ text: String) throws(QueryError) -> Bool {
        let regex = try self.regex(pattern)
        do {
            return try regex.firstMatch(in: text) != nil
        } catch {
            throw .invalidRegularExpression(pattern: pattern, reason: "\(error)")
        }
    }

    private func regex(_ pattern: String) throws(QueryError) -> Regex<AnyRegexOutput> {
        if let regex = compiled[pattern] { return regex }
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(pattern)
        } catch {
            throw .invalidRegularExpression(pattern: pattern, reason: "\(error)")
        }
        if compiled.count >= Self.capacity { compiled.removeAll(keepingCapacity: true) }
        compiled[pattern] = regex
        return regex
    }
}
