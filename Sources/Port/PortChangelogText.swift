import DebianFormats

/// The debian/changelog of a port, and which of its blocks the .changes covers.
enum PortChangelogText {
    /// The new changelog text: `block` on top of `text`; or, when the top block is `UNRELEASED`, that block
    /// rewritten (its items kept, the port's items after them, header and trailer the port's), as dch
    /// edits an unreleased block. `block.changes` is set in that case.
    static func apply(_ block: inout ChangelogEntry, to text: String, changelog: Changelog) -> String {
        guard let top = changelog.entries.first, top.distributions == ["UNRELEASED"] else {
            return block.render() + "\n" + text
        }
        let portItems = block.items.flatMap { ChangelogEntry.wrap($0, firstPrefix: "  * ", prefix: "    ") }
        block.changes = (top.changes.isEmpty ? [] : [top.changes]).joined() + (top.changes.isEmpty ? "" : "\n")
            + portItems.joined(separator: "\n")
        guard changelog.entries.count > 1 else { return block.render() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let rest = lines[(changelog.entries[1].line - 1)...].joined(separator: "\n")
        return block.render() + "\n" + rest
    }

    /// The blocks a port's .changes covers (`-v` semantics): everything newer than the version of the block
    /// after the first block not written by `porter`, and that block's author
    /// (`X-Mini-Buildd-Originally-Changed-By`).
    static func changesEntries(_ changelog: Changelog, porter: String) -> (covered: ArraySlice<ChangelogEntry>, originalAuthor: String) {
        let entries = changelog.entries
        guard let original = entries.firstIndex(where: { $0.maintainer != porter }) else {
            return (entries[...], entries.last?.maintainer ?? porter)
        }
        let covered = original + 1 < entries.count ? changelog.entries(since: entries[original + 1].version) : entries[...]
        return (covered, entries[original].maintainer)
    }
}
