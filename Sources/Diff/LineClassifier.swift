/// Interns the lines of two texts into dense equivalence-class numbers, as GNU diff's
/// `find_and_hash_each_line` does: equal lines share a class across both files.
struct LineClassifier {
    /// A line as a hash key; `complete` keeps an incomplete last line apart from the same text with a
    /// newline (GNU puts it in a bucket of its own unless white space is being ignored).
    private struct Key: Hashable {
        var bytes: ArraySlice<UInt8>
        var complete: Bool

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
            hasher.combine(complete)
        }
    }

    private struct NormalizedKey: Hashable {
        var bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    var oldClasses: [Int]
    var newClasses: [Int]
    var classCount: Int
    /// Exact identity classes when they differ from the comparison classes (white space modes).
    var oldIdentity: [Int]?
    var newIdentity: [Int]?

    init(old: TextLines, new: TextLines, mode: WhitespaceMode) {
        var exact: [Key: Int] = [:]
        exact.reserveCapacity(old.count + new.count)
        func classify(_ text: TextLines) -> [Int] {
            var result: [Int] = []
            result.reserveCapacity(text.count)
            for index in 0..<text.count {
                let key = Key(bytes: text.content(index), complete: text.isComplete(index))
                if let id = exact[key] {
                    result.append(id)
                } else {
                    let id = exact.count
                    exact[key] = id
                    result.append(id)
                }
            }
            return result
        }
        let oldExact = classify(old)
        let newExact = classify(new)
        guard mode != .exact else {
            oldClasses = oldExact
            newClasses = newExact
            classCount = exact.count
            return
        }
        var loose: [NormalizedKey: Int] = [:]
        func classifyLoosely(_ text: TextLines) -> [Int] {
            (0..<text.count).map { index in
                let key = NormalizedKey(bytes: mode.normalized(text.content(index)))
                if let id = loose[key] { return id }
                let id = loose.count
                loose[key] = id
                return id
            }
        }
        oldClasses = classifyLoosely(old)
        newClasses = classifyLoosely(new)
        classCount = loose.count
        oldIdentity = oldExact
        newIdentity = newExact
    }
}
