/// `diffstat`'s default report (diffstat 1.65, 80 columns) from per-file line counts.
///
/// ```
///  debian/changelog |    6 ++++++
///  src/main.c       |    3 +--
///  2 files changed, 7 insertions(+), 2 deletions(-)
/// ```
public enum DiffStat {
    /// One file of a diff.
    public struct Entry: Sendable, Hashable {
        /// The file name as diffstat reads it from the diff (the `+++` path up to the tab).
        public var name: String
        /// `+` lines.
        public var insertions: Int
        /// `-` lines.
        public var deletions: Int
        /// A `Binary files … differ` entry (shown as `binary`).
        public var isBinary: Bool

        /// Creates an entry.
        public init(name: String, insertions: Int, deletions: Int, isBinary: Bool = false) {
            self.name = name
            self.insertions = insertions
            self.deletions = deletions
            self.isBinary = isBinary
        }
    }

    /// Renders the report. Entries with the same name are merged; files are sorted by name (bytes);
    /// text entries without changed lines are left out; the directory prefix shared by all names is
    /// stripped; the histogram is scaled so that name, counts and bars fit in `width` columns.
    public static func render(_ entries: [Entry], width: Int = 80) -> String {
        // Merge by name, remembering insertion order (diffstat's list is newest first).
        var order: [[UInt8]] = []
        var merged: [[UInt8]: Entry] = [:]
        for entry in entries {
            let key = Array(entry.name.utf8)
            if var existing = merged[key] {
                existing.insertions += entry.insertions
                existing.deletions += entry.deletions
                existing.isBinary = existing.isBinary || entry.isBinary
                merged[key] = existing
            } else {
                merged[key] = entry
                order.append(key)
            }
        }
        let newestFirst = Array(order.reversed())
        func isShown(_ key: [UInt8]) -> Bool {
            guard let entry = merged[key] else { return false }
            return entry.isBinary || entry.insertions + entry.deletions != 0
        }
        // The shared prefix, exactly as `summarize` computes it against the newest name.
        var prefixLength = -1
        var longest = -1
        if let reference = newestFirst.first {
            for key in newestFirst where isShown(key) {
                let length = key.count
                if length < prefixLength || prefixLength < 0 { prefixLength = length }
                while prefixLength > 0 {
                    if key[prefixLength - 1] != UInt8(ascii: "/") {
                        prefixLength -= 1
                    } else if reference.count < prefixLength
                        || reference[0..<prefixLength] != key[0..<prefixLength] {
                        prefixLength -= 1
                    } else {
                        break
                    }
                }
                longest = max(longest, length)
            }
        }
        prefixLength = max(prefixLength, 0)
        var nameWidth = max(0, longest - prefixLength)
        if nameWidth < 1 { nameWidth = 0 }
        nameWidth += 1

        let shown = order.filter(isShown).sorted { $0.lexicographicallyPrecedes($1) }
        var scale = 0
        var totalInsertions = 0, totalDeletions = 0
        for key in shown {
            guard let entry = merged[key] else { continue }
            scale = max(scale, entry.insertions + entry.deletions)
            totalInsertions += entry.insertions
            totalDeletions += entry.deletions
        }
        let plotWidth = max(10, width - nameWidth - 8)
        scale = max(scale, plotWidth)

        var out: [UInt8] = []
        for key in shown {
            guard let entry = merged[key] else { continue }
            out.append(0x20)
            appendName(key.count >= prefixLength ? Array(key[prefixLength...]) : key, width: nameWidth, to: &out)
            out.append(UInt8(ascii: "|"))
            if entry.isBinary {
                out.append(contentsOf: "binary".utf8)
            } else {
                out.append(contentsOf: padded(entry.insertions + entry.deletions, 5).utf8)
                out.append(0x20)
                var extra = 0
                for (count, mark) in [(entry.insertions, UInt8(ascii: "+")), (entry.deletions, UInt8(ascii: "-"))]
                where count != 0 {
                    // plot_num: scaled bar, carrying the rounding error to the next bar.
                    let product = plotWidth * count
                    let bar = (product + extra) / scale
                    extra = product - bar * scale - extra
                    out.append(contentsOf: repeatElement(mark, count: max(0, bar)))
                }
            }
            out.append(0x0A)
        }
        var summary = " \(shown.count) file\(shown.count != 1 ? "s" : "") changed"
        if totalInsertions != 0 {
            summary += ", \(totalInsertions) insertion\(totalInsertions != 1 ? "s" : "")(+)"
        }
        if totalDeletions != 0 {
            summary += ", \(totalDeletions) deletion\(totalDeletions != 1 ? "s" : "")(-)"
        }
        out.append(contentsOf: summary.utf8)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: " ", count: max(0, width - digits.count)) + digits
    }

    /// `show_unquoted`: control characters escaped, then blanks up to `width` (one column counted
    /// per name byte, as diffstat does).
    private static func appendName(_ name: [UInt8], width: Int, to out: inout [UInt8]) {
        var limit = width
        for byte in name {
            switch byte {
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x5C, 0x22: out.append(byte)
            case 0x7F: out.append(contentsOf: [UInt8(ascii: "^"), UInt8(ascii: "?")])
            case 0..<0x20: out.append(contentsOf: [UInt8(ascii: "^"), byte | 0x40])
            default: out.append(byte)
            }
            limit -= 1
        }
        if limit > 0 { out.append(contentsOf: repeatElement(0x20, count: limit)) }
    }
}
