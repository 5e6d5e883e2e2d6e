import Diff
import Testing

/// Our output against GNU diff's, byte for byte, on generated pairs.
@Suite(.enabled(if: Oracle.available, "needs diff, patch, wdiff and diffstat"))
struct UnifiedDiffPropertyTests {
    @Test func matchesGNUDiffOnRandomPairs() throws {
        let oracle = try Oracle()
        var factory = TextPairFactory(seed: 1)
        var mismatches = 0
        var nonEmpty = 0
        for index in 0..<300 {
            let (old, new) = factory.pair(maxLines: index < 200 ? 12 : 60)
            let expected = try oracle.diff(old, new)
            if !expected.isEmpty { nonEmpty += 1 }
            let ours = UnifiedDiff(old: old, new: new).render(oldLabel: "a", newLabel: "b")
            if ours != expected {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record("pair \(index)\nold:\n\(visible(old))\nnew:\n\(visible(new))\nexpected:\n\(visible(expected))\nours:\n\(visible(ours))")
                }
            }
        }
        #expect(mismatches == 0)
        #expect(nonEmpty > 250, "the generator should mostly produce differing pairs")
    }

    @Test func patchRoundTrip() throws {
        let oracle = try Oracle()
        var factory = TextPairFactory(seed: 2)
        for index in 0..<100 {
            let (old, new) = factory.pair(maxLines: 30)
            let ours = UnifiedDiff(old: old, new: new).render(oldLabel: "a", newLabel: "b")
            if ours.isEmpty {
                #expect(old == new, "pair \(index): no diff for different texts")
                continue
            }
            let patched = try oracle.patch(old, with: ours)
            #expect(patched == new, "pair \(index)")
        }
    }

    @Test(arguments: [
        (["-u", "-b"], WhitespaceMode.ignoreSpaceChange, 3),
        (["-u", "-w"], WhitespaceMode.ignoreAllSpace, 3),
        (["-U0"], WhitespaceMode.exact, 0),
        (["-U1"], WhitespaceMode.exact, 1),
        (["-U5", "-w"], WhitespaceMode.ignoreAllSpace, 5),
    ])
    func matchesGNUDiffWithOptions(arguments: [String], mode: WhitespaceMode, context: Int) throws {
        let oracle = try Oracle()
        var factory = TextPairFactory(seed: 3 + UInt64(context) * 7 + (mode == .exact ? 0 : 1))
        let options = UnifiedDiffOptions(context: context, whitespace: mode)
        var mismatches = 0
        for index in 0..<120 {
            let (old, new) = factory.pair(maxLines: 20)
            let expected = try oracle.diff(old, new, arguments: arguments)
            let ours = UnifiedDiff(old: old, new: new, options: options).render(oldLabel: "a", newLabel: "b")
            if ours != expected {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record("\(arguments) pair \(index)\nold:\n\(visible(old))\nnew:\n\(visible(new))\nexpected:\n\(visible(expected))\nours:\n\(visible(ours))")
                }
            }
        }
        #expect(mismatches == 0)
    }
}
