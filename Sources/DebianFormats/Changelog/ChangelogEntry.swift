/// One block of a debian/changelog (deb-changelog(5)):
///
/// ```
/// hello (2.10-3) unstable; urgency=medium
///
///   * Fix the thing. Closes: #123456
///
///  -- Jane Doe <jane@example.org>  Tue, 25 Nov 2026 16:25:01 +0000
/// ```
public struct ChangelogEntry: Sendable, Hashable {
    /// The source package name.
    public var source: String
    /// The version as written in the header (see ``Changelog`` for invalid ones).
    public var version: String
    /// The target distributions (usually one).
    public var distributions: [String]
    /// The value of `urgency=` as written (e.g. `medium`), `""` if missing.
    public var urgency: String
    /// Every `key=value` option of the header in order, urgency included.
    public var metadata: [ChangelogMetadata]
    /// The header line as written (trailing white space removed).
    public var header: String
    /// The change lines between header and trailer, as dpkg-parsechangelog shows them in `Changes`: leading and
    /// trailing blank lines dropped, trailing white space removed from each line, blank lines inside kept as
    /// empty lines, lines joined with `\n`. See ``dpkgChanges`` for the whole `Changes` field.
    public var changes: String
    /// Each `* …` item with its continuation lines joined by single spaces, without the `* `.
    public var items: [String]
    /// Bug numbers from `Closes: #N, #M` statements (dpkg's `find_closes`), sorted, unique.
    public var closes: [Int]
    /// `Name <email>` from the trailer, `""` if the entry has none.
    public var maintainer: String
    /// The trailer's date as written (`Tue, 25 Nov 2026 16:25:01 +0000`), `""` if none.
    public var date: String
    /// Seconds since the Unix epoch of ``date`` (`nil` where dpkg cannot parse the date either).
    public var timestamp: Int?
    /// 1-based line of the header (0 for entries built in code).
    public var line: Int

    /// Creates an entry. For a new block, pass `items` and leave `changes` empty: ``render()`` then wraps the
    /// items like dch does.
    public init(
        source: String, version: String, distributions: [String], urgency: String = "medium",
        metadata: [ChangelogMetadata]? = nil, header: String = "", changes: String = "", items: [String] = [],
        closes: [Int] = [], maintainer: String, date: String, timestamp: Int? = nil, line: Int = 0
    ) {
        self.source = source
        self.version = version
        self.distributions = distributions
        self.urgency = urgency
        self.metadata = metadata ?? (urgency.isEmpty ? [] : [ChangelogMetadata(key: "urgency", value: urgency)])
        self.header = header
        self.changes = changes
        self.items = items
        self.closes = closes
        self.maintainer = maintainer
        self.date = date
        self.timestamp = timestamp
        self.line = line
    }

    /// The urgency as dpkg reports it: the first word of ``urgency``, lowercased (`""` if missing; dpkg then
    /// prints `unknown`).
    public var normalizedUrgency: String {
        let word = urgency.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        return Deb822Text.lowercased(word)
    }

    /// The `Changes` field dpkg-parsechangelog and dpkg-genchanges write for this entry, decoded (without the
    /// one-space indentation and with ` .` lines back to empty lines): `"\n" + header + "\n\n" + changes`.
    public var dpkgChanges: String {
        changes.isEmpty ? "\n" + header : "\n" + header + "\n\n" + changes
    }
}
