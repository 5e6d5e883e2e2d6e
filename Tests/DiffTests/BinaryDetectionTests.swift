import Diff
import Testing

@Suite(.enabled(if: Oracle.available, "needs diff, patch, wdiff and diffstat"))
struct BinaryDetectionTests {
    /// GNU diff looks for NUL only in its first block (4096 bytes here).
    @Test(arguments: [0, 100, 4095, 4096, 5000])
    func nulPositionAgainstGNUDiff(position: Int) throws {
        var old = Array(repeating: UInt8(ascii: "a"), count: 6000)
        old[position] = 0
        let new = Array(repeating: UInt8(ascii: "b"), count: 6000)
        let expected = try Oracle().diff(old, new)
        switch UnifiedDiff.compare(old: old, new: new) {
        case .binaryFilesDiffer:
            #expect(visible(expected) == BinaryDetection.message(oldName: "a", newName: "b"))
            #expect(position < 4096)
        case .text(let diff):
            #expect(diff.render(oldLabel: "a", newLabel: "b") == expected)
            #expect(position >= 4096)
        case .identical:
            Issue.record("different files reported identical")
        }
    }

    @Test func identicalBinaryFilesAreIdentical() {
        let bytes: [UInt8] = [0, 1, 2, 0x0A]
        guard case .identical = UnifiedDiff.compare(old: bytes, new: bytes) else {
            Issue.record("identical binary files reported different")
            return
        }
        #expect(BinaryDetection.isBinary(bytes))
        #expect(!BinaryDetection.isBinary(Array("text\n".utf8)))
    }
}
