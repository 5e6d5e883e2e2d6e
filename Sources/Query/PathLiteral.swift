/// Which of a pattern's literal runs narrows a path search best through the trigram indexes.
///
/// Every run is required, so any one gives a correct superset; the cost is the rows that one run admits.
/// A path's rare part is its end: `/usr/lib/` or `/usr/bin/` lie in hundreds of thousands of an archive's
/// paths, `/libz.so.` or `grep` in a few hundred. So the last run long enough for a trigram wins over a longer
/// directory prefix (`/usr/lib/*/libz.so.*` took 2 s on bookworm's Contents through `/usr/lib/`, the first of
/// two runs of nine characters).
enum PathLiteral {
    /// The shortest run the trigram indexes can use.
    static let trigramLength = 3

    /// The run to narrow with: the last of at least ``trigramLength`` characters (not counting leading
    /// slashes, which stored paths may lack), else the longest; nil when there is no run.
    static func rarest(_ runs: [String]) -> String? {
        runs.last { $0.drop { $0 == "/" }.count >= trigramLength } ?? runs.max { $0.count < $1.count }
    }
}
