/// dpkg's regular expressions for changelogs (`Dpkg::Changelog::Debian`, `Dpkg::Changelog::Entry::Debian`),
/// transcribed into Swift's standard-library regexes. dpkg reads changelogs as bytes, so `\w`, `\s`, `\d`
/// are ASCII-only here and matching is per Unicode scalar rather than per grapheme.
///
/// These only run on the rare lines that can match them (see ``ChangelogSyntax`` for the hot ones).
/// `Regex` is not `Sendable`, so each parse makes its own set instead of sharing static ones.
struct ChangelogPatterns {
    /// The alternatives of dpkg's `$ancient_delimiter_re` (anchored at the start of the line only): a line
    /// matching one of them starts the old-format part of the file, which dpkg keeps unparsed.
    let ancientDelimiters: [Regex<Substring>] = [
        // Ancient GNU style changelog entry with expanded date.
        #/\w+\s+\w+\s+\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}\s+[\w\s]*\d{4}\s+.*\s+[<(].*[)>]/#,
        // Old GNU style changelog entry with expanded date.
        #/\w+\s+\w+\s+\d{1,2},?\s*\d{4}\s+.*\s+[<(].*[)>]/#,
        // Ancient changelog header without key=value options.
        #/\w[\-+0-9a-z.]* \([^() \t]+\);?/#,
        // Ancient changelog header.
        #/[\w.+\-]+[\- ]\S+ Debian \S+/#,
        #/Changes from version .* to .*:/#,
        #/Changes for [\w.+\-]+-[\w.+\-]+:?\s*$/#,
        #/Old Changelog:\s*$/#,
        #/(?:\d+:)?\w[\w.+~\-]*:?\s*$/#,
    ].map { $0.ignoresCase().asciiOnlyCharacterClasses().matchingSemantics(.unicodeScalar) }

    /// `^(?:;;\s*)?Local variables:` (case-insensitive): Emacs variables end the parsed part.
    let emacsVariables = #/(?:;;\s*)?Local variables:/#
        .ignoresCase().asciiOnlyCharacterClasses().matchingSemantics(.unicodeScalar)

    /// `^\$\w+:.*\$`: an RCS keyword line, skipped.
    let rcsKeyword = #/\$\w+:.*\$/#.asciiOnlyCharacterClasses().matchingSemantics(.unicodeScalar)

    /// `^/\*.*\*/`: a C comment line, skipped.
    let cComment = #/\/\*.*\*\//#.matchingSemantics(.unicodeScalar)

    func isAncientDelimiter(_ line: Substring) -> Bool {
        ancientDelimiters.contains { line.prefixMatch(of: $0) != nil }
    }
}
