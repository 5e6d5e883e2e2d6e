extension Changelog {
    /// Parses a debian/changelog (deb-changelog(5)) with the rules of `Dpkg::Changelog::Debian`.
    ///
    /// - Parameters:
    ///   - text: the whole file.
    ///   - file: the name used in warnings and errors.
    /// - Throws: ``ChangelogError`` only when no entry header can be found at all.
    public static func parse(_ text: String, file: String) throws(ChangelogError) -> Changelog {
        var parser = ChangelogParser(file: file)
        for (index, line) in Deb822Text.lines(text).enumerated() {
            if !parser.feed(line, number: index + 1) { break }
        }
        return try parser.finish()
    }
}
