import DebianFormats

/// `debvercmp`'s comparison: ``DebianVersion/compare(_:_:)`` with a one-entry cache for the second
/// argument (in `debvercmp(version, ?)` it is the same bound value on every row).
///
/// Versions dpkg refuses to parse (empty, embedded spaces, bad epoch) are compared bytewise with the
/// other operand's text instead, so the SQL function never fails. Not thread-safe: one per connection.
final class DebianVersionComparator {
    private var cachedText: String?
    private var cachedVersion: DebianVersion?

    /// -1, 0 or 1 as `a` is earlier than, equal to or later than `b`.
    func compare(_ a: String, _ b: String) -> Int {
        let right: DebianVersion?
        if cachedText == b {
            right = cachedVersion
        } else {
            right = try? DebianVersion(b)
            cachedText = b
            cachedVersion = right
        }
        if let right, let left = try? DebianVersion(a) {
            return DebianVersion.compare(left, right).signum()
        }
        if a == b { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }
}
