/// GNU diff's comparison engine: Myers' O((N+M)D) algorithm with the linear-space
/// divide-and-conquer refinement, wrapped in the same steps GNU diffutils 3.8 takes around it, so the
/// edit script equals `diff`'s hunk for hunk:
///
/// 1. identical leading and trailing elements are set aside, keeping `horizon` of them on each side
///    (`find_identical_ends` in io.c; diff uses its context width, 3 for `-u`, 0 for the normal
///    format);
/// 2. elements that match nothing on the other side, and runs of elements that match very many, are
///    discarded before the search (`discard_confusing_lines`);
/// 3. the middle snake search with the "too expensive" cut-off (`diag`, `compareseq`);
/// 4. runs of changes are slid down past identical elements and merged (`shift_boundaries`).
///
/// Everything works on equivalence-class numbers; ``changes(from:to:horizon:minimal:)`` interns any
/// `Hashable` elements first. Memory is O(N+M).
public enum MyersDiff {
    /// The edit script turning `old` into `new`, in order, as GNU diff would compute it for two files
    /// whose lines are `old` and `new`.
    ///
    /// - Parameters:
    ///   - horizon: how many identical leading/trailing elements to keep in the search (diff's context
    ///     width: 3 for `diff -u`, 0 for plain `diff`).
    ///   - minimal: `diff --minimal`: never discard lines and never give up early.
    public static func changes<Element: Hashable>(
        from old: [Element], to new: [Element], horizon: Int = 0, minimal: Bool = false
    ) -> [DiffChange] {
        var ids: [Element: Int] = [:]
        ids.reserveCapacity(old.count + new.count)
        func intern(_ element: Element) -> Int {
            if let id = ids[element] { return id }
            let id = ids.count
            ids[element] = id
            return id
        }
        let oldClasses = old.map(intern)
        let newClasses = new.map(intern)
        return changes(
            oldClasses: oldClasses, newClasses: newClasses, classCount: ids.count,
            horizon: horizon, minimal: minimal)
    }

    /// The edit script over equivalence classes (integers in `0..<classCount`).
    ///
    /// - Parameters:
    ///   - oldIdentity, newIdentity: classes for the exact identity used to set aside the common
    ///     prefix and suffix (GNU compares raw bytes there even under `-b`/`-w`); `nil` means the
    ///     comparison classes. Same counts as the class arrays.
    public static func changes(
        oldClasses: [Int], newClasses: [Int], classCount: Int,
        oldIdentity: [Int]? = nil, newIdentity: [Int]? = nil,
        horizon: Int = 0, minimal: Bool = false
    ) -> [DiffChange] {
        let oldIdent = oldIdentity ?? oldClasses
        let newIdent = newIdentity ?? newClasses
        let n0 = oldClasses.count, n1 = newClasses.count
        let ends = identicalEnds(count0: n0, count1: n1, horizon: horizon) { oldIdent[$0] == newIdent[$1] }
        return changes(
            middle0: Array(oldClasses[ends.prefix..<(n0 - ends.suffix)]),
            middle1: Array(newClasses[ends.prefix..<(n1 - ends.suffix)]),
            classCount: classCount, offset: ends.prefix, minimal: minimal)
    }

    /// `find_identical_ends`: how many leading and trailing elements, identical on both sides, are set
    /// aside before the search (all but `horizon` of them at each end). The trailing run is counted
    /// only among the elements the leading one leaves.
    /// - Parameter identical: whether old element `i` and new element `j` are the same.
    @inline(__always)
    static func identicalEnds(
        count0 n0: Int, count1 n1: Int, horizon: Int, identical: (Int, Int) -> Bool
    ) -> (prefix: Int, suffix: Int) {
        var prefix = 0
        while prefix < n0 && prefix < n1 && identical(prefix, prefix) { prefix += 1 }
        let prefixLines = max(0, prefix - max(0, horizon))
        var suffix = 0
        let suffixLimit = min(n0, n1) - prefixLines
        while suffix < suffixLimit && identical(n0 - 1 - suffix, n1 - 1 - suffix) { suffix += 1 }
        return (prefixLines, max(0, suffix - max(0, horizon)))
    }

    /// Steps 2 to 4 on what ``identicalEnds(count0:count1:horizon:identical:)`` leaves: `middle0` and
    /// `middle1` are the classes of the elements from `offset` on (classes in `0..<classCount`), and the
    /// script's indices are shifted by `offset`.
    static func changes(middle0: [Int], middle1: [Int], classCount: Int, offset: Int, minimal: Bool) -> [DiffChange] {
        var flags = ChangeFlags(count0: middle0.count, count1: middle1.count)
        let kept = discardConfusingLines(middle0, middle1, classCount: classCount, minimal: minimal, flags: &flags)
        kept.undiscarded0.withUnsafeBufferPointer { x in
            kept.undiscarded1.withUnsafeBufferPointer { y in
                SequenceComparer.compare(
                    x, y, minimal: minimal,
                    delete: { flags.set(0, kept.realIndexes0[$0]) },
                    insert: { flags.set(1, kept.realIndexes1[$0]) })
            }
        }
        shiftBoundaries(middle0, middle1, flags: &flags)
        return flags.script(offset: offset)
    }

    /// The pairs of indices `(old, new)` of elements that the edit script leaves in place, in order.
    public static func matchedPairs(
        for changes: [DiffChange], oldCount: Int, newCount: Int
    ) -> [(old: Int, new: Int)] {
        var pairs: [(old: Int, new: Int)] = []
        pairs.reserveCapacity(min(oldCount, newCount))
        var i = 0, j = 0
        for change in changes {
            while i < change.oldStart && j < change.newStart {
                pairs.append((i, j))
                i += 1
                j += 1
            }
            i = change.oldEnd
            j = change.newEnd
        }
        while i < oldCount && j < newCount {
            pairs.append((i, j))
            i += 1
            j += 1
        }
        return pairs
    }
}

/// GNU diff's `changed` vectors for both sides, each with a zero sentinel before the first and after
/// the last element (`shift_boundaries` relies on them).
struct ChangeFlags {
    var side: [[UInt8]]

    init(count0: Int, count1: Int) {
        side = [[UInt8](repeating: 0, count: count0 + 2), [UInt8](repeating: 0, count: count1 + 2)]
    }

    var count0: Int { side[0].count - 2 }
    var count1: Int { side[1].count - 2 }

    mutating func set(_ file: Int, _ index: Int) { side[file][index + 1] = 1 }

    /// Groups the flags into changes (`build_script`), shifting indices by `offset`.
    func script(offset: Int) -> [DiffChange] {
        var result: [DiffChange] = []
        let len0 = count0, len1 = count1
        side[0].withUnsafeBufferPointer { c0 in
            side[1].withUnsafeBufferPointer { c1 in
                var i0 = 0, i1 = 0
                while i0 < len0 || i1 < len1 {
                    if c0[i0 + 1] != 0 || c1[i1 + 1] != 0 {
                        let line0 = i0, line1 = i1
                        while c0[i0 + 1] != 0 { i0 += 1 }
                        while c1[i1 + 1] != 0 { i1 += 1 }
                        result.append(DiffChange(
                            oldStart: line0 + offset, newStart: line1 + offset,
                            deletedCount: i0 - line0, insertedCount: i1 - line1))
                    }
                    i0 += 1
                    i1 += 1
                }
            }
        }
        return result
    }
}
