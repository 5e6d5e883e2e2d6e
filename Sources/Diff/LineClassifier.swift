/// Interns the lines of two texts into dense equivalence-class numbers, as GNU diff's
/// `find_and_hash_each_line` does: equal lines share a class across both files.
struct LineClassifier {
    var oldClasses: [Int]
    var newClasses: [Int]
    var classCount: Int
    /// Exact identity classes when they differ from the comparison classes (white space modes).
    var oldIdentity: [Int]?
    var newIdentity: [Int]?

    init(old: TextLines, new: TextLines, mode: WhitespaceMode) {
        // An incomplete last line only equals the other file's incomplete last line (GNU puts it in
        // a bucket of its own), hence the flag.
        var exact = LineHashTable(buffers: [old.bytes, new.bytes], capacity: old.count + new.count)
        func classify(_ text: TextLines, _ buffer: Int) -> [Int] {
            (0..<text.count).map { index in
                let content = text.content(index)
                return exact.intern(buffer: buffer, content.startIndex..<content.endIndex, flag: text.isComplete(index))
            }
        }
        let oldExact = classify(old, 0)
        let newExact = classify(new, 1)
        guard mode != .exact else {
            oldClasses = oldExact
            newClasses = newExact
            classCount = exact.count
            return
        }
        // Under -b/-w the incomplete line may equal a complete one: compare normalized content only.
        func normalize(_ text: TextLines) -> (bytes: [UInt8], bounds: [Int]) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.bytes.count)
            var bounds = [0]
            bounds.reserveCapacity(text.count + 1)
            for index in 0..<text.count {
                bytes.append(contentsOf: mode.normalized(text.content(index)))
                bounds.append(bytes.count)
            }
            return (bytes, bounds)
        }
        let oldLoose = normalize(old), newLoose = normalize(new)
        var loose = LineHashTable(buffers: [oldLoose.bytes, newLoose.bytes], capacity: old.count + new.count)
        oldClasses = (0..<old.count).map { loose.intern(buffer: 0, oldLoose.bounds[$0]..<oldLoose.bounds[$0 + 1], flag: true) }
        newClasses = (0..<new.count).map { loose.intern(buffer: 1, newLoose.bounds[$0]..<newLoose.bounds[$0 + 1], flag: true) }
        classCount = loose.count
        oldIdentity = oldExact
        newIdentity = newExact
    }
}
