// libFuzzer target: quilt patches and .diff.gz text as the source-unpacking engine reads them (`PatchFile`,
// `PatchApplier` in Artifacts: index, debdiff and port share them).
//
// The input is `PATCH NUL OLD NUL NEW`. PATCH is parsed and each file section applied to OLD. Then a diff of
// OLD and NEW made by `Diff.UnifiedDiff` is parsed and applied to OLD, and must give NEW: a violation traps.
@testable import Artifacts
import Diff

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz check failed: \(message())") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
    while parts.count < 3 { parts.append([]) }
    let old = Array(parts[1])
    if let patch = try? PatchFile(Array(parts[0]), name: "fuzz") {
        for section in patch.sections.prefix(8) {
            _ = section.path(strip: 1)
            _ = section.createsFile
            _ = try? PatchApplier.apply(section, to: old, patchName: "fuzz", path: "file")
        }
    }

    let new = Array(parts[2])
    guard case .text(let made) = Diff.UnifiedDiff.compare(old: old, new: new) else { return 0 }
    let text = made.render(oldLabel: "a/file", newLabel: "b/file")
    do {
        let patch = try PatchFile(text, name: "fuzz")
        check(patch.sections.count == 1, "a diff of one file parses as \(patch.sections.count) sections")
        let patched = try PatchApplier.apply(patch.sections[0], to: old, patchName: "fuzz", path: "file")
        check(patched == new, "applying the diff does not give the new text:\n\(String(decoding: text, as: UTF8.self))")
    } catch {
        check(false, "a diff made by Diff.UnifiedDiff does not parse or apply: \(error)\n\(String(decoding: text, as: UTF8.self))")
    }
    return 0
}
