/// Which of a pattern's literal runs narrows a path search best through the trigram indexes.
///
/// Every run is required, so any one gives a correct superset; the cost is the rows that one run admits.
/// A run ending with `/` names directories, and common ones hold most of an archive's paths (`/usr/lib/`,
/// `/usr/bin/`: `/usr/lib/*/libz.so.*` took 2 s on bookworm's Contents through `/usr/lib/`, the first of two
/// runs of nine characters); a run inside a name (`/libz.so.`, `grep`) admits a few hundred. So runs that do
/// not end with `/` go first, then the longer, then the later (a path's end is its rare part). Counting each
/// run's candidates first was tried and dropped: the count of a common directory's entries costs what the
/// search through it costs (`/usr/lib/`: 48 ms to count 3,000 on bookworm, its 110,000 directories first).
enum PathLiteral {
    /// The shortest run the trigram indexes can use.
    static let trigramLength = 3

    /// The run to narrow with, among those of at least ``trigramLength`` characters (not counting leading
    /// slashes, which stored paths may lack): not ending with `/` first, then the longest, then the last; else
    /// the longest run; nil when there is no run.
    static func rarest(_ runs: [String]) -> String? {
        let usable = runs.filter { $0.drop { $0 == "/" }.count >= trigramLength }
        guard !usable.isEmpty else { return runs.max { $0.count < $1.count } }
        func rank(_ run: String) -> (Int, Int) { (run.hasSuffix("/") ? 0 : 1, run.count) }
        return usable.reversed().max { rank($0) < rank($1) }
    }
}
