import DebworkTestSupport
import Diff
import Testing

/// WordDiff against the real wdiff on generated pairs of word texts.
@Suite(.enabled(if: Oracle.available, "needs diff, patch, wdiff and diffstat"))
struct WordDiffPropertyTests {
    /// Texts of words from a tiny vocabulary with assorted white space, like control files.
    static let vocabulary = ["Depends:", "libc6", "(>=", "2.36)", ",", "foo", "bar", "1.0-1", "é", "x"]

    static func wordText(_ generator: inout SplitMix64, words: Int, vocabulary: [String] = vocabulary) -> [UInt8] {
        let spaces = [" ", " ", " ", "  ", "\n", "\n ", "\t", " \n", "\n\n"]
        var text = ""
        if Int.random(in: 0..<6, using: &generator) == 0 { text += spaces.randomElement(using: &generator) ?? " " }
        for index in 0..<words {
            if index > 0 { text += spaces.randomElement(using: &generator) ?? " " }
            text += vocabulary.randomElement(using: &generator) ?? "x"
        }
        if Int.random(in: 0..<3, using: &generator) != 0 { text += Int.random(in: 0..<4, using: &generator) == 0 ? " \n" : "\n" }
        return Array(text.utf8)
    }

    static func mutatedPair(_ generator: inout SplitMix64, vocabulary: [String] = vocabulary) -> ([UInt8], [UInt8]) {
        let old = wordText(&generator, words: Int.random(in: 0...25, using: &generator), vocabulary: vocabulary)
        if Int.random(in: 0..<4, using: &generator) == 0 {
            return (old, wordText(&generator, words: Int.random(in: 0...25, using: &generator), vocabulary: vocabulary))
        }
        // Edit the old text at a few word boundaries so most words stay in common.
        var new = old
        for _ in 0..<Int.random(in: 0...4, using: &generator) {
            let spaces = new.indices.filter { new[$0] == 0x20 || new[$0] == 0x0A }
            guard let at = spaces.randomElement(using: &generator) else { break }
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: new.insert(contentsOf: Array(" new".utf8), at: at)
            case 1:
                let end = new[(at + 1)...].firstIndex { $0 == 0x20 || $0 == 0x0A } ?? new.count
                new.removeSubrange(at..<end)
            default: new.insert(contentsOf: Array("\nchanged".utf8), at: at)
            }
        }
        return (old, new)
    }

    @Test(arguments: [false, true])
    func matchesWdiff(avoidWraps: Bool) throws {
        let oracle = try Oracle()
        var generator = SplitMix64(seed: avoidWraps ? 11 : 10)
        var mismatches = 0
        var differing = 0
        for index in 0..<60 {
            let (old, new) = Self.mutatedPair(&generator)
            let expected = try oracle.wdiff(old, new, arguments: avoidWraps ? ["-n"] : [])
            let ours = WordDiff(old: old, new: new, avoidWraps: avoidWraps)
            if ours.hasDifferences { differing += 1 }
            if ours.output != expected {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record("pair \(index)\nold:\n\(visible(old))|\nnew:\n\(visible(new))|\nexpected:\n\(visible(expected))|\nours:\n\(visible(ours.output))|")
                }
            }
        }
        #expect(mismatches == 0)
        #expect(differing > 30)
    }

    /// wdiff's printer (`-p`), less (`-l`) and terminal (`-t`, TERM fixed to terminals whose strings are
    /// known: xterm's `us`/`ue`/`so`/`se`, and `dumb`, which has none, so the markers stay) modes, with and
    /// without `-n`, on pairs whose words include underscores (never underlined).
    @Test(arguments: [
        ("-p", WordDiffStyle.printer, "xterm"), ("-l", WordDiffStyle.less, "xterm"),
        ("-t", WordDiffStyle.terminal(underline: (Array("\u{1B}[4m".utf8), Array("\u{1B}[24m".utf8)),
                                      standout: (Array("\u{1B}[7m".utf8), Array("\u{1B}[27m".utf8))), "xterm"),
        ("-t", WordDiffStyle.terminal(underline: (nil, nil), standout: (nil, nil)), "dumb"),
    ])
    func stylesMatchWdiff(_ option: String, _ style: WordDiffStyle, _ term: String) throws {
        let oracle = try Oracle()
        let vocabulary = Self.vocabulary + ["_", "a_b", "__x"]
        for avoidWraps in [false, true] {
            var generator = SplitMix64(seed: avoidWraps ? 21 : 20)
            var mismatches = 0, differing = 0
            for index in 0..<40 {
                let (old, new) = Self.mutatedPair(&generator, vocabulary: vocabulary)
                let expected = try oracle.wdiff(old, new, arguments: (avoidWraps ? ["-n"] : []) + [option],
                                                environment: ["TERM": term, "PATH": "/usr/bin:/bin"])
                let ours = WordDiff(old: old, new: new, avoidWraps: avoidWraps, style: style)
                if ours.hasDifferences { differing += 1 }
                if ours.output != expected {
                    mismatches += 1
                    if mismatches <= 2 {
                        Issue.record("\(option) -n:\(avoidWraps) pair \(index)\nold:\n\(visible(old))|\nnew:\n\(visible(new))|\nexpected:\n\(visible(expected))|\nours:\n\(visible(ours.output))|")
                    }
                }
            }
            #expect(mismatches == 0, "\(option) TERM=\(term) -n:\(avoidWraps)")
            #expect(differing > 20)
        }
    }

    @Test func sortedControlFieldsLikeDebdiff() throws {
        let oracle = try Oracle()
        let old = Array("Installed-Size: 6021\nPackage: libssl3\nVersion: 3.0.17-1~deb12u2\n".utf8)
        let new = Array("Installed-Size: 6042\nPackage: libssl3\nVersion: 3.0.22-1~deb12u2\n".utf8)
        let ours = WordDiff(old: old, new: new, avoidWraps: true)
        #expect(ours.output == (try oracle.wdiff(old, new, arguments: ["-n"])))
        #expect(ours.text == "Installed-Size: [-6021-] {+6042+}\nPackage: libssl3\nVersion: [-3.0.17-1~deb12u2-] {+3.0.22-1~deb12u2+}\n")
    }
}
