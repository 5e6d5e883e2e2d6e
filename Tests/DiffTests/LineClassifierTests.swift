import DebworkTestSupport
@testable import Diff
import Testing

/// Setting the identical ends aside before hashing gives the edit script of classing every line.
@Suite struct LineClassifierTests {
    /// The script computed the plain way: every line interned (a dictionary on its bytes), the ends
    /// found on exact identity (content and completeness), then the search.
    static func reference(_ old: TextLines, _ new: TextLines, mode: WhitespaceMode, horizon: Int) -> [DiffChange] {
        var exactIDs: [[UInt8]: Int] = [:], looseIDs: [[UInt8]: Int] = [:]
        func intern(_ key: [UInt8], _ ids: inout [[UInt8]: Int]) -> Int {
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
        func exact(_ text: TextLines) -> [Int] { (0..<text.count).map { intern(Array(text.line($0)), &exactIDs) } }
        func loose(_ text: TextLines) -> [Int] {
            (0..<text.count).map { index in
                let key = mode == .exact ? Array(text.line(index)) : mode.normalized(text.content(index))
                return intern(key, &looseIDs)
            }
        }
        let oldExact = exact(old), newExact = exact(new)
        let oldLoose = loose(old), newLoose = loose(new)
        return MyersDiff.changes(
            oldClasses: oldLoose, newClasses: newLoose, classCount: looseIDs.count,
            oldIdentity: oldExact, newIdentity: newExact, horizon: horizon)
    }

    @Test(arguments: [WhitespaceMode.exact, .ignoreSpaceChange, .ignoreAllSpace])
    func setAsideEndsGiveTheSameScript(_ mode: WhitespaceMode) {
        var factory = TextPairFactory(seed: 41)
        var mismatches = 0
        for index in 0..<400 {
            let (old, new) = factory.pair(maxLines: index < 300 ? 20 : 300)
            let a = TextLines(old), b = TextLines(new)
            for horizon in [0, 1, 3, 7] {
                let ours = UnifiedDiff(old: a, new: b, options: UnifiedDiffOptions(context: horizon, whitespace: mode)).changes
                if ours != Self.reference(a, b, mode: mode, horizon: horizon) { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func identicalLinesAreTheSameBytesNewlineIncluded() {
        let a = TextLines(Array("x\nab\nab".utf8)), b = TextLines(Array("x\nab\nab\n".utf8))
        #expect(LineClassifier.identical(a, 0, b, 0))
        #expect(LineClassifier.identical(a, 1, b, 1))
        #expect(!LineClassifier.identical(a, 2, b, 2)) // incomplete against complete
        #expect(LineClassifier.identical(a, 2, TextLines(Array("ab".utf8)), 0))
        #expect(!LineClassifier.identical(a, 0, b, 1))
    }
}
