import Diff
import Digest
#if canImport(Glibc)
import Glibc
#endif

/// Diffs the file pairs a ``TreeComparison`` walk collected, on several threads: each pair is read
/// from the spools, compared and rendered on its own, and only the rendered bytes are kept.
struct FilePairDiffer: Sendable {
    /// Two files that may differ: their sizes differ, or they have the same size and have still to be
    /// compared. An absent side compares as an empty file.
    struct Pair: Sendable {
        var old: ExtractedTree.Entry?
        var new: ExtractedTree.Entry?
        /// The names printed, `dwhello-1.0/src/main.c`.
        var oldLabel: String
        var newLabel: String
        /// The path inside the trees, for ``TreeComparison/FileDifference/path``.
        var display: String
    }

    /// What a differing pair adds to the report: its text and its statistics.
    struct Rendered: Sendable {
        var bytes: [UInt8]
        var difference: TreeComparison.FileDifference
    }

    let oldSpool: SpoolReader
    let newSpool: SpoolReader
    /// The `diff -Nru …` prefix of each file header.
    let command: String
    let options: UnifiedDiffOptions
    /// Print `name<TAB>time` labels, as GNU diff does without `--label`.
    let timestamps: Bool

    /// Diffs one pair: nil when the files hold the same bytes or compare equal under the options
    /// (`-w`). A pair that differs has its entries' SHA-256 filled in (for the JSON).
    func diff(_ pair: Pair) throws(DebdiffError) -> Rendered? {
        if let old = pair.old, let new = pair.new, old.size == new.size, try sameBytes(old, new) { return nil }
        let oldBytes = try pair.old.map { entry throws(DebdiffError) in try oldSpool.read(offset: entry.offset, count: entry.size) } ?? []
        let newBytes = try pair.new.map { entry throws(DebdiffError) in try newSpool.read(offset: entry.offset, count: entry.size) } ?? []
        var difference = TreeComparison.FileDifference(
            path: pair.display, status: pair.old == nil ? .added : pair.new == nil ? .removed : .changed,
            old: pair.old, new: pair.new, diffstatName: pair.newLabel)
        var bytes: [UInt8]
        switch UnifiedDiff.compare(old: oldBytes, new: newBytes, options: options) {
        case .identical:
            return nil
        case .binaryFilesDiffer:
            bytes = Array(BinaryDetection.message(oldName: pair.oldLabel, newName: pair.newLabel).utf8)
            difference.isBinary = true
        case .text(let diff):
            bytes = Array("\(command) \(pair.oldLabel) \(pair.newLabel)\n".utf8)
            bytes += diff.render(oldLabel: label(pair.oldLabel, pair.old), newLabel: label(pair.newLabel, pair.new))
            difference.insertions = diff.insertions
            difference.deletions = diff.deletions
            difference.hunks = diff.hunks.count
        }
        if difference.old != nil && difference.old?.sha256 == nil { difference.old?.sha256 = try Self.sha256(oldBytes) }
        if difference.new != nil && difference.new?.sha256 == nil { difference.new?.sha256 = try Self.sha256(newBytes) }
        return Rendered(bytes: bytes, difference: difference)
    }

    /// Whether two files of the same size hold the same bytes, read a chunk at a time: most files of
    /// the same size in two versions of a tree are unchanged, and cheaper to compare than to hash.
    private func sameBytes(_ old: ExtractedTree.Entry, _ new: ExtractedTree.Entry) throws(DebdiffError) -> Bool {
        let chunk = 32 * 1024
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * chunk, alignment: 16)
        defer { buffer.deallocate() }
        var done: Int64 = 0
        while done < old.size {
            let count = Int(min(Int64(chunk), old.size - done))
            let a = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
            let b = UnsafeMutableRawBufferPointer(rebasing: buffer[chunk..<(chunk + count)])
            try oldSpool.read(offset: old.offset + done, into: a)
            try newSpool.read(offset: new.offset + done, into: b)
            if memcmp(a.baseAddress!, b.baseAddress!, count) != 0 { return false }
            done += Int64(count)
        }
        return true
    }

    /// The SHA-256 of a file's bytes, as ``ExtractedTree/Entry/sha256`` holds it.
    static func sha256(_ bytes: [UInt8]) throws(DebdiffError) -> String {
        do { return try Hasher.hash(bytes, .sha256) } catch { throw DebdiffError("cannot hash a file", underlying: error) }
    }

    /// `name<TAB>time` as GNU diff prints it; an absent file has the epoch.
    private func label(_ name: String, _ entry: ExtractedTree.Entry?) -> String {
        guard timestamps else { return name }
        return name + "\t" + TreeComparison.timestamp(entry?.mtime ?? 0)
    }

    /// Diffs every pair on up to `workers` threads, each taking the next pair not yet taken (largest
    /// first, so that no long diff starts last while the other threads idle).
    /// - Returns: one result per pair, in the order of `pairs`.
    /// - Throws: the error of the first pair, in the order of `pairs`, whose spool could not be read.
    func diffAll(_ pairs: [Pair], workers: Int) throws(DebdiffError) -> [Rendered?] {
        let order = pairs.indices.sorted { Self.weight(pairs[$0]) > Self.weight(pairs[$1]) }
        return try stealingMap(pairs.count, workers: workers, order: order) { index throws(DebdiffError) in try diff(pairs[index]) }
    }

    private static func weight(_ pair: Pair) -> Int64 { (pair.old?.size ?? 0) + (pair.new?.size ?? 0) }
}
