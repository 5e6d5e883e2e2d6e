// libFuzzer target: debian/changelog parsing (Changelog.parse), then what callers do with the entries:
// rendering each one, and selecting the entries since a version.
import DebianFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let changelog = try? Changelog.parse(text, file: "fuzz") else { return 0 }
    for entry in changelog.entries.prefix(16) {
        _ = entry.render()
        _ = entry.dpkgChanges
        _ = entry.normalizedUrgency
        _ = changelog.entries(since: entry.version)
    }
    if let last = changelog.entries.last {
        // A version between the entries (or not a version at all).
        _ = changelog.entries(since: last.version + "~")
        _ = changelog.entries(since: String(last.source.reversed()))
    }
    return 0
}
