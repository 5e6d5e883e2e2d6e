// libFuzzer target: `Artifacts.UnifiedDiff` (the 1.0 `.diff.gz` parser and strict applier).
//
// The input is `DIFF NUL OLD NUL NEW`. DIFF is parsed and each file patch applied to OLD. Then a diff of OLD
// and NEW made by `Diff.UnifiedDiff` (what `diff -u` writes) is parsed and applied to OLD, and must give NEW:
// a violation traps.
@testable import Artifacts
import Diff

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz check failed: \(message())") }
}

func isPlainText(_ bytes: ArraySlice<UInt8>) -> Bool {
    // Valid UTF-8: the parser reads text.
    String(validating: bytes, as: UTF8.self) != nil
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
    while parts.count < 3 { parts.append([]) }
    let old = Array(parts[1])
    if let diff = try? UnifiedDiff.parse(String(decoding: parts[0], as: UTF8.self), file: "fuzz") {
        for patch in diff.files.prefix(8) {
            _ = try? UnifiedDiff.apply(patch, to: old, file: "fuzz")
        }
    }

    let new = Array(parts[2])
    guard isPlainText(parts[1]), isPlainText(parts[2]),
          case .text(let made) = Diff.UnifiedDiff.compare(old: old, new: new) else { return 0 }
    let text = String(decoding: made.render(oldLabel: "a/file", newLabel: "b/file"), as: UTF8.self)
    do {
        let diff = try UnifiedDiff.parse(text, file: "fuzz")
        check(diff.files.count == 1, "a diff of one file parses as \(diff.files.count)")
        let patched = try UnifiedDiff.apply(diff.files[0], to: old, file: "fuzz")
        check(patched == new, "applying the diff does not give the new text:\n\(text)")
    } catch {
        check(false, "a diff made by Diff.UnifiedDiff does not parse or apply: \(error)\n\(text)")
    }
    return 0
}
