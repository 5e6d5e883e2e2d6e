extension String {
    /// The number of characters, counted on the bytes when the text is ASCII (package names, most paths):
    /// `count` walks grapheme clusters, which showed in the profile of long listings.
    public var columnWidth: Int {
        let ascii = utf8.withContiguousStorageIfAvailable { !$0.contains { $0 >= 0x80 } } ?? utf8.allSatisfy { $0 < 0x80 }
        return ascii ? utf8.count : count
    }

    /// The text padded with spaces to `width` characters (unchanged when it is as wide already).
    public func padding(toWidth width: Int) -> String {
        let length = columnWidth
        return length >= width ? self : self + String(repeating: " ", count: width - length)
    }
}
