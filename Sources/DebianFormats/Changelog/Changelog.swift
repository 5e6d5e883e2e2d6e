/// A parsed debian/changelog, tolerant like dpkg-parsechangelog: what dpkg only warns about becomes a
/// ``ChangelogWarning`` and parsing goes on.
///
/// Differences from dpkg, on purpose: text before the first header is dropped with a warning (dpkg makes an
/// entry without header of it); an invalid version is kept as written with a warning (dpkg reports
/// `unknown`). Like dpkg, parsing stops at Emacs `Local variables:`, a `vim:` modeline, or the first line in
/// one of the ancient changelog formats (the rest is old history dpkg leaves unparsed).
public struct Changelog: Sendable, Hashable {
    /// The entries, newest first.
    public var entries: [ChangelogEntry]
    /// What dpkg-parsechangelog would warn about, in file order.
    public var warnings: [ChangelogWarning]

    /// Creates a changelog from entries.
    public init(entries: [ChangelogEntry], warnings: [ChangelogWarning] = []) {
        self.entries = entries
        self.warnings = warnings
    }

    /// The entries newer than `version`, as `dpkg-genchanges -v<version>` (and `dpkg-parsechangelog
    /// --since`) select them: everything above the entry whose version is written exactly `version`. If no
    /// entry has that version, the newest entry older than it takes its place; if none is older, all entries
    /// are returned. dpkg's quirks are kept: `version` equal to the newest entry's gives that entry alone
    /// (dpkg stops reading there and then ignores the range), and a `version` newer than every entry gives
    /// all entries.
    public func entries(since version: String) -> ArraySlice<ChangelogEntry> {
        if let exact = entries.firstIndex(where: { $0.version == version }) {
            return entries[..<max(exact, 1)]
        }
        let target = try? DebianVersion(version)
        let older = entries.firstIndex { entry in
            guard let target, let v = try? DebianVersion(entry.version) else { return false }
            return v < target
        }
        guard let older, older > 0 else { return entries[...] }
        return entries[..<older]
    }
}
