/// Sets aside the identical lines at both ends of two texts (``MyersDiff/identicalEnds(count0:count1:horizon:identical:)``,
/// comparing raw bytes as GNU diff does even under `-b`/`-w`), then interns the lines in between into
/// dense equivalence-class numbers, as GNU diff's `find_and_hash_each_line` does: equal lines share a
/// class across both files. Lines set aside are never hashed, which is most of them when a large file
/// changes a little.
struct LineClassifier {
    /// Leading lines set aside (the same count in both texts); the first class is that of line
    /// `prefixLines`.
    var prefixLines: Int
    /// Classes of old lines `prefixLines..<(old.count - suffixLines)`.
    var oldClasses: [Int]
    /// Classes of new lines `prefixLines..<(new.count - suffixLines)`.
    var newClasses: [Int]
    var classCount: Int

    init(old: TextLines, new: TextLines, mode: WhitespaceMode, horizon: Int) {
        let ends = MyersDiff.identicalEnds(count0: old.count, count1: new.count, horizon: horizon) { i, j in
            Self.identical(old, i, new, j)
        }
        prefixLines = ends.prefix
        let oldLines = ends.prefix..<(old.count - ends.suffix)
        let newLines = ends.prefix..<(new.count - ends.suffix)
        guard mode != .exact else {
            // An incomplete last line only equals the other file's incomplete last line (GNU puts it in
            // a bucket of its own), hence the flag.
            var exact = LineHashTable(buffers: [old.bytes, new.bytes], capacity: oldLines.count + newLines.count)
            func classify(_ text: TextLines, _ buffer: Int, _ lines: Range<Int>) -> [Int] {
                lines.map { index in
                    let content = text.content(index)
                    return exact.intern(buffer: buffer, content.startIndex..<content.endIndex, flag: text.isComplete(index))
                }
            }
            oldClasses = classify(old, 0, oldLines)
            newClasses = classify(new, 1, newLines)
            classCount = exact.count
            return
        }
        // Under -b/-w the incomplete line may equal a complete one: compare normalized content only.
        func normalize(_ text: TextLines, _ lines: Range<Int>) -> (bytes: [UInt8], bounds: [Int]) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.bounds[lines.upperBound] - text.bounds[lines.lowerBound])
            var bounds = [0]
            bounds.reserveCapacity(lines.count + 1)
            for index in lines {
                bytes.append(contentsOf: mode.normalized(text.content(index)))
                bounds.append(bytes.count)
            }
            return (bytes, bounds)
        }
        let oldLoose = normalize(old, oldLines), newLoose = normalize(new, newLines)
        var loose = LineHashTable(buffers: [oldLoose.bytes, newLoose.bytes], capacity: oldLines.count + newLines.count)
        oldClasses = (0..<oldLines.count).map { loose.intern(buffer: 0, oldLoose.bounds[$0]..<oldLoose.bounds[$0 + 1], flag: true) }
        newClasses = (0..<newLines.count).map { loose.intern(buffer: 1, newLoose.bounds[$0]..<newLoose.bounds[$0 + 1], flag: true) }
        classCount = loose.count
    }

    /// Whether old line `i` and new line `j` are the same bytes, newline included: the same content
    /// and both complete or both the incomplete last line (an incomplete line holds no `\n`, so it
    /// never equals a complete one).
    @inline(__always)
    static func identical(_ old: TextLines, _ i: Int, _ new: TextLines, _ j: Int) -> Bool {
        let start0 = old.bounds[i], count = old.bounds[i + 1] - start0
        let start1 = new.bounds[j]
        guard new.bounds[j + 1] - start1 == count else { return false }
        return old.bytes.withUnsafeBytes { p0 in
            new.bytes.withUnsafeBytes { p1 in
                var k = 0
                while k + 8 <= count {
                    if p0.loadUnaligned(fromByteOffset: start0 + k, as: UInt64.self)
                        != p1.loadUnaligned(fromByteOffset: start1 + k, as: UInt64.self) { return false }
                    k += 8
                }
                while k < count {
                    if p0[start0 + k] != p1[start1 + k] { return false }
                    k += 1
                }
                return true
            }
        }
    }
}
