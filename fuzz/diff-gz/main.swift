// libFuzzer target: `Port.DiffGzFile`, the .diff.gz text `port` rewrites (parse, write back, replace the
// created debian/changelog).
//
// A diff that parses must be written back byte for byte (the port keeps every other file's patch as it
// was): a violation traps.
@testable import Port

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz check failed: \(message())") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let diff = try? DiffGzFile.parse(text, file: "fuzz") else { return 0 }
    if text.hasSuffix("\n") {
        check(diff.patches.map(\.text).joined() == text, "the parsed diff is not written back as it was")
    }
    for patch in diff.patches.prefix(8) {
        _ = patch.path
        if patch.creates { _ = patch.createdText }
        if let replaced = try? diff.replacingCreatedFile(patch.path, with: "dwfuzz (1.0) unstable; urgency=low\n", file: "fuzz") {
            check((try? DiffGzFile.parse(replaced, file: "fuzz")) != nil, "a rewritten diff does not parse:\n\(replaced)")
        }
    }
    return 0
}
