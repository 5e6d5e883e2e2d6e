extension ChangelogEntry {
    /// The entry as a changelog block, ready to be put on top of a debian/changelog:
    ///
    /// ```
    /// <source> (<version>) <distributions>; urgency=<urgency>[, key=value…]
    ///
    ///   * <item, wrapped like dch: lines under 80 columns, continuation lines indented 4>
    ///
    ///  -- <maintainer>  <date>
    /// ```
    ///
    /// The header is rebuilt from the fields (``urgency`` overrides an `urgency` key in ``metadata``). The
    /// body is ``changes`` when it is not empty, otherwise the wrapped ``items``. The block ends with a line
    /// feed and no blank line: join blocks with `"\n"`.
    public func render() -> String {
        var options = metadata.map { option in
            Deb822Text.equalIgnoringASCIICase(option.key, "urgency") ? "\(option.key)=\(urgency)" : "\(option.key)=\(option.value)"
        }
        if !urgency.isEmpty, !metadata.contains(where: { Deb822Text.equalIgnoringASCIICase($0.key, "urgency") }) {
            options.insert("urgency=\(urgency)", at: 0)
        }
        let headerLine = "\(source) (\(version)) \(distributions.joined(separator: " ")); "
            + options.joined(separator: ", ")
        let body = changes.isEmpty
            ? items.flatMap { Self.wrap($0, firstPrefix: "  * ", prefix: "    ") }.joined(separator: "\n")
            : changes
        return headerLine + "\n\n" + body + "\n\n -- \(maintainer)  \(date)\n"
    }

    /// Wraps `text` greedily at word boundaries like Perl's `Text::Wrap` with `$columns = width` (which dch
    /// uses): no line reaches `width` characters unless a single word is longer.
    public static func wrap(_ text: String, firstPrefix: String, prefix: String, width: Int = 80) -> [String] {
        var lines: [String] = []
        var line = firstPrefix
        var lineHasWord = false
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if lineHasWord, line.count + 1 + word.count > width - 1 {
                lines.append(line)
                line = prefix
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }
}
