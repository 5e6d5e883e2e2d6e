import DebworkTestSupport
import Diff
import Testing

struct MyersDiffTests {
    /// Applies an edit script to `old`, taking inserted elements from `new`.
    static func apply<T>(_ changes: [DiffChange], to old: [T], from new: [T]) -> [T] {
        var result: [T] = []
        var i = 0
        for change in changes {
            result += old[i..<change.oldStart]
            result += new[change.newStart..<change.newEnd]
            i = change.oldEnd
        }
        return result + old[i...]
    }

    /// Length of the longest common subsequence, by dynamic programming.
    static func lcsLength(_ a: [Character], _ b: [Character]) -> Int {
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [0]
            for (j, y) in b.enumerated() {
                current.append(x == y ? previous[j] + 1 : max(previous[j + 1], current[j]))
            }
            previous = current
        }
        return previous[b.count]
    }

    @Test func genericElementsAndMatchedPairs() {
        let old = Array("abcabba"), new = Array("cbabac")
        let changes = MyersDiff.changes(from: old, to: new)
        #expect(Self.apply(changes, to: old, from: new) == new)
        let pairs = MyersDiff.matchedPairs(for: changes, oldCount: old.count, newCount: new.count)
        #expect(pairs.allSatisfy { old[$0.old] == new[$0.new] })
        #expect(pairs.count == old.count - changes.reduce(0) { $0 + $1.deletedCount })
    }

    @Test func minimalScriptsAreShortestOnRandomInput() {
        var generator = SplitMix64(seed: 5)
        for _ in 0..<200 {
            let old = (0..<Int.random(in: 0...30, using: &generator)).map { _ in "abcd".randomElement(using: &generator) ?? "a" }
            let new = (0..<Int.random(in: 0...30, using: &generator)).map { _ in "abcd".randomElement(using: &generator) ?? "a" }
            let changes = MyersDiff.changes(from: old, to: new, minimal: true)
            #expect(Self.apply(changes, to: old, from: new) == new)
            let kept = MyersDiff.matchedPairs(for: changes, oldCount: old.count, newCount: new.count).count
            #expect(kept == Self.lcsLength(old, new))
        }
    }

    @Test func emptyInputs() {
        #expect(MyersDiff.changes(from: [Int](), to: []).isEmpty)
        #expect(MyersDiff.changes(from: [1, 2], to: []) == [DiffChange(oldStart: 0, newStart: 0, deletedCount: 2, insertedCount: 0)])
        #expect(MyersDiff.changes(from: [], to: [1]) == [DiffChange(oldStart: 0, newStart: 0, deletedCount: 0, insertedCount: 1)])
    }

    /// The speed check, asserting only correctness: 100,000 lines with scattered changes.
    @Test func hundredThousandLines() {
        var generator = SplitMix64(seed: 42)
        let old = (0..<100_000).map { "line \($0 % 5000) \(UInt8.random(in: 0...3, using: &generator))\n" }
        var new = old
        for _ in 0..<300 {
            let at = Int.random(in: 0..<new.count, using: &generator)
            if Bool.random(using: &generator) { new[at] = "changed\n" } else { new.insert("inserted\n", at: at) }
        }
        let oldText = TextLines(Array(old.joined().utf8))
        let newText = TextLines(Array(new.joined().utf8))
        let diff = UnifiedDiff(old: oldText, new: newText)
        let rebuilt = Self.apply(diff.changes, to: (0..<oldText.count).map { Array(oldText.line($0)) },
                                 from: (0..<newText.count).map { Array(newText.line($0)) })
        #expect(rebuilt.joined().elementsEqual(newText.bytes))
        #expect(diff.insertions >= 300)
    }
}
