import DebworkTestSupport
import Foundation
@testable import Index
import SQLite
import Testing

/// A Contents file's new names get their ids by extension, then name: the names a glob of a name's end asks for
/// (`*.desktop`) are neighbours in `contents_names` and `contents_by_name`.
@Suite struct ContentsNameOrderTests {
    static func key(_ name: String) -> Int64 {
        Array(name.utf8).withUnsafeBytes { ContentsNameGroup.key($0) }
    }

    @Test func theGroupIsTheExtensionsFirstEightBytes() {
        // No extension: a leading dot, no dot, a trailing dot.
        #expect(Self.key("ls") == 0 && Self.key(".bashrc") == 0 && Self.key("odd.") == 0)
        #expect(Self.key("a.desktop") == Self.key("zz.desktop"))
        #expect(Self.key("ls.1.gz") == Self.key("x.gz") && Self.key("ls.1.gz") != Self.key("ls.1"))
        // Only the first 8 bytes count: both are in one group, ordered by name inside it.
        #expect(Self.key("a.shader_test") == Self.key("b.shader_tx"))
        #expect(Self.key("a.h") != Self.key("a.hh") && Self.key("a.h") != 0)
        // Bytes above 0x7f are a group like any other.
        #expect(Self.key("a.é") != 0 && Self.key("a.é") != Self.key("a.e"))
    }

    @Test func aContentsFilesNamesAreNumberedByExtensionThenName() throws {
        let scratch = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: scratch.appending("repo/pool"), withIntermediateDirectories: true)
        try scratch.write("repo/dists/dw/Release", "Codename: dw\nComponents: main\nArchitectures: amd64\n")
        let names = ["ls", "zz.desktop", "lsblk", "a.desktop", "ls.1.gz", "m.conf", "lsblk.8.gz", "b.desktop", ".hidden", "a.conf"]
        try scratch.write("repo/dists/dw/main/Contents-amd64",
                          names.enumerated().map { "usr/share/d\($0.offset % 3)/\($0.element) misc/p\($0.offset)\n" }.joined())
        let store = try IndexStore(path: scratch.appending("index.sqlite"))
        let summary = try Indexer(options: .init(jobs: 2)).run(paths: [scratch.appending("repo")], store: store)
        #expect(summary.failed == 0)
        let ordered = try store.db.query("SELECT name FROM contents_names ORDER BY id") { $0.string(0) }
        #expect(ordered.count == names.count)
        // Each extension's names are one run of ids, in name order inside it.
        var groups: [Int64] = []
        for name in ordered {
            let group = Self.key(name)
            if groups.last != group {
                #expect(!groups.contains(group), "\(name): its extension's names are split: \(ordered)")
                groups.append(group)
            }
        }
        for group in Set(groups) {
            let members = ordered.filter { Self.key($0) == group }
            #expect(members == members.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "\(members)")
        }
        #expect(ordered.filter { Self.key($0) == 0 } == [".hidden", "ls", "lsblk"])
    }
}
