extension Substring {
    /// The text without the characters of `set` at either end (Foundation's `trimmingCharacters(in:)`
    /// without Foundation: its start-up cost is kept out of the query calls).
    public func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
