import DebworkTestSupport
/// Random text pairs built for diffing: lines from a tiny alphabet so that matches are frequent, then
/// random insertions, deletions and replacements, sometimes without a final newline.
struct TextPairFactory {
    var generator: SplitMix64
    var alphabet: [String] = ["a", "b", "c", "d", "", "a", "x y", "x  y", " x y ", "\tz", "e\r"]

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func lines(count: Int) -> [String] {
        (0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
    }

    mutating func mutate(_ lines: [String]) -> [String] {
        var result = lines
        let edits = Int.random(in: 0...6, using: &generator)
        for _ in 0..<edits {
            let kind = Int.random(in: 0..<3, using: &generator)
            let position = Int.random(in: 0...result.count, using: &generator)
            let length = Int.random(in: 1...4, using: &generator)
            switch kind {
            case 0:
                result.insert(contentsOf: self.lines(count: length), at: position)
            case 1:
                let end = min(result.count, position + length)
                if position < end { result.removeSubrange(position..<end) }
            default:
                let end = min(result.count, position + length)
                if position < end { result.replaceSubrange(position..<end, with: self.lines(count: length)) }
            }
        }
        return result
    }

    mutating func text(_ lines: [String]) -> [UInt8] {
        var text = lines.joined(separator: "\n")
        if !lines.isEmpty && Int.random(in: 0..<5, using: &generator) != 0 { text += "\n" }
        return Array(text.utf8)
    }

    /// An old and a new text, both mutated from a common base.
    mutating func pair(maxLines: Int) -> (old: [UInt8], new: [UInt8]) {
        let base = lines(count: Int.random(in: 0...maxLines, using: &generator))
        let old = mutate(base)
        let new = mutate(base)
        return (text(old), text(new))
    }
}
