import Diff
import Dispatch
import Synchronization

/// Diffs the file pairs a ``TreeComparison`` walk collected, on several threads: each pair is read
/// from the spools, compared and rendered on its own, and only the rendered bytes are kept.
struct FilePairDiffer: Sendable {
    /// Two files whose contents differ by checksum; an absent side compares as an empty file.
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

    /// Diffs one pair: nil when the files compare equal under the options (`-w`).
    func diff(_ pair: Pair) throws(DebdiffError) -> Rendered? {
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
        return Rendered(bytes: bytes, difference: difference)
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
        let workers = max(1, min(workers, pairs.count))
        if workers == 1 { return try pairs.map { pair throws(DebdiffError) in try diff(pair) } }
        let order = pairs.indices.sorted { Self.weight(pairs[$0]) > Self.weight(pairs[$1]) }
        let next = Atomic<Int>(0)
        let collected = Mutex<[(index: Int, result: Result<Rendered?, DebdiffError>)]>([])
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var local: [(index: Int, result: Result<Rendered?, DebdiffError>)] = []
            while true {
                let taken = next.add(1, ordering: .relaxed).oldValue
                guard taken < order.count else { break }
                let index = order[taken]
                local.append((index, Result { () throws(DebdiffError) in try diff(pairs[index]) }))
            }
            collected.withLock { $0 += local }
        }
        var results = [Result<Rendered?, DebdiffError>?](repeating: nil, count: pairs.count)
        collected.withLock { all in
            for (index, result) in all { results[index] = result }
            all = []
        }
        return try results.map { slot throws(DebdiffError) in try slot!.get() }
    }

    private static func weight(_ pair: Pair) -> Int64 { (pair.old?.size ?? 0) + (pair.new?.size ?? 0) }
}
