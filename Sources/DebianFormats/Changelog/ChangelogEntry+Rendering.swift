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

    /// Lays `text` out as debchange does (its `format CHANGELOG`): after `firstPrefix` a `^<<<` field of
    /// `fieldWidth` (68) characters, then repeated (`~~`) after `prefix` until the text is used up. Perl's
    /// chopping rules, exactly: a line ends after the last space or `-` that fits (`$:` is " \n-"), a word longer
    /// than the field is cut at the field's width, a carriage return ends a line, the white space at a break is
    /// dropped, other control characters print as spaces and trailing spaces are trimmed. Width is counted in
    /// characters, as Perl does for the decoded text.
    public static func wrap(_ text: String, firstPrefix: String, prefix: String, fieldWidth: Int = 68) -> [String] {
        let characters = Array(text)
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n" || c == "\u{0B}" || c == "\u{0C}" }
        var lines: [String] = []
        var start = 0
        repeat {
            var size = 0
            var chop: Int?
            var s = start
            while s < characters.count {
                let c = characters[s]
                if isSpace(c) {
                    if c == "\r" || c == "\r\n" {
                        chop = s
                        break
                    }
                    chop = s
                    if size == fieldWidth { break }
                } else {
                    // A `-` right after the field's last character still ends this line (Perl tests the width
                    // after the split character).
                    if c == "-" { chop = s + 1 }
                    if size == fieldWidth { break }
                }
                s += 1
                size += 1
            }
            let end = s == characters.count ? s : chop ?? s
            var line = lines.isEmpty ? firstPrefix : prefix
            for c in characters[start..<end] {
                line.append(c.unicodeScalars.first.map { $0.value < 0x20 } == true ? " " : c)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
            start = end
            while start < characters.count, isSpace(characters[start]) { start += 1 }
        } while start < characters.count
        return lines
    }
}
