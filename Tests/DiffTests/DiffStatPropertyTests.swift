import Diff
import Testing

/// DiffStat against the real diffstat on generated multi-file unified diffs.
@Suite(.enabled(if: Oracle.available, "needs diff, patch, wdiff and diffstat"))
struct DiffStatPropertyTests {
    @Test func matchesDiffstat() throws {
        let oracle = try Oracle()
        var factory = TextPairFactory(seed: 20)
        let names = ["debian/changelog", "debian/control", "src/main.c", "src/lib/util.c", "README", "debian/patches/fix-build.patch", "a-very-long-directory-name/with/a/deeply/nested/file-name.txt"]
        var mismatches = 0
        for index in 0..<60 {
            var diff: [UInt8] = []
            var entries: [DiffStat.Entry] = []
            let fileCount = Int.random(in: 0...4, using: &factory.generator)
            let prefix = ["pkg-1.0/", "", "x/"][index % 3]
            let chosen = names.shuffled(using: &factory.generator).prefix(fileCount)
            for file in chosen {
                let name = prefix + file
                if Int.random(in: 0..<8, using: &factory.generator) == 0 {
                    diff += Array("diff -Nru a/\(name) b/\(name)\nBinary files a/\(name) and b/\(name) differ\n".utf8)
                    entries.append(DiffStat.Entry(name: "b/" + name, insertions: 0, deletions: 0, isBinary: true))
                    continue
                }
                var (old, new) = factory.pair(maxLines: 15)
                if Int.random(in: 0..<5, using: &factory.generator) == 0 {
                    // Large changes exercise the histogram scaling.
                    let size = Int.random(in: 50...400, using: &factory.generator)
                    old = Array(String(repeating: "old\n", count: size).utf8)
                    new = Array(String(repeating: "new\n", count: size / 2).utf8)
                }
                let fileDiff = UnifiedDiff(old: old, new: new)
                let rendered = fileDiff.render(oldLabel: "a/" + name, newLabel: "b/" + name)
                guard !rendered.isEmpty else { continue }
                diff += Array("diff -Nru a/\(name) b/\(name)\n".utf8) + rendered
                entries.append(DiffStat.Entry(name: "b/" + name, insertions: fileDiff.insertions, deletions: fileDiff.deletions))
            }
            let expected = try oracle.diffstat(diff)
            let ours = DiffStat.render(entries)
            if ours != expected {
                mismatches += 1
                if mismatches <= 3 { Issue.record("case \(index)\nexpected:\n\(expected)\nours:\n\(ours)") }
            }
        }
        #expect(mismatches == 0)
    }
}
