import DebianFormats
import DebworkTestSupport
import Foundation
import Testing

/// Compares thousands of real version pairs (fixtures/versions.txt, made by fixtures/make-versions.sh)
/// with dpkg's answers.
///
/// dpkg has no batch mode. One bash loop per core calling `dpkg --compare-versions a lt b` (and `eq` when
/// that fails) did all 11,467 pairs in 18.5 s alone but 58 s while the other tests ran, so the dpkg binary
/// answers every 4th pair (2,867: neighbours after sorting, random and reversed pairs), and dpkg's own Perl
/// implementation (`Dpkg::Version`'s `<=>` from libdpkg-perl; its `version_compare` refuses the versions dpkg only
/// warns about, like `~~`) answers all of them in one process.
/// The binary and Perl answers are also checked against each other.
struct VersionOracleTests {
    static func loadVersions() throws -> [String] {
        let text = try String(contentsOf: URL(fileURLWithPath: Fixtures.path("versions.txt")), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    /// Neighbours after sorting (the near-equal cases), then deterministic random pairs.
    static func pairs(_ sorted: [String]) -> [(String, String)] {
        var result: [(String, String)] = []
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            result.append((a, b))
        }
        var rng = SplitMix64(state: 0xDEB1A7)
        for _ in 0..<7000 {
            let a = sorted.randomElement(using: &rng) ?? ""
            let b = sorted.randomElement(using: &rng) ?? ""
            result.append((a, b))
        }
        // Some neighbours reversed, so "newer first" is exercised too.
        for index in stride(from: 0, to: sorted.count - 1, by: 7) {
            result.append((sorted[index + 1], sorted[index]))
        }
        return result
    }

    @Test func fixtureIsLargeAndParses() throws {
        let texts = try Self.loadVersions()
        #expect(texts.count >= 3000)
        #expect(Set(texts).count == texts.count, "versions.txt holds distinct strings")
        for text in texts { #expect(throws: Never.self) { try DebianVersion(text) } }
    }

    @Test func comparisonsMatchDpkg() throws {
        try #require(Process.find("dpkg") != nil && Process.find("split") != nil)
        let texts = try Self.loadVersions()
        var versions: [DebianVersion] = []
        for text in texts { versions.append(try DebianVersion(text)) }
        let sorted = versions.sorted().map(\.description)
        let pairs = Self.pairs(sorted)
        #expect(pairs.count >= 10_000)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vercmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let subset = pairs.indices.filter { $0 % 4 == 0 }
        try pairs.map { "\($0.0)\t\($0.1)\n" }.joined()
            .write(to: dir.appendingPathComponent("pairs"), atomically: true, encoding: .utf8)
        try subset.map { "\(pairs[$0].0)\t\(pairs[$0].1)\n" }.joined()
            .write(to: dir.appendingPathComponent("subset"), atomically: true, encoding: .utf8)
        let script = #"""
            cd "$1" || exit 2
            cmp() {
                while IFS=$'\t' read -r a b; do
                    if dpkg --compare-versions "$a" lt "$b"; then echo -1
                    elif dpkg --compare-versions "$a" eq "$b"; then echo 0
                    else echo 1; fi
                done
            }
            split -n l/2 -d subset chunk.
            cmp < chunk.00 > out.00 & cmp < chunk.01 > out.01 & wait
            cat out.00 out.01
            """#
        let clock = ContinuousClock()
        var start = clock.now
        let binary = try Process.run("bash", ["-c", script, "vercmp", dir.path])
        let binaryTime = clock.now - start
        start = clock.now
        let perl = try Process.run("perl", ["-MDpkg::Version", "-ne",
                                            #"""
                chomp; my ($a, $b) = split /\t/;
                print((Dpkg::Version->new($a) <=> Dpkg::Version->new($b)) <=> 0, "\n");
                """#,
                                            dir.appendingPathComponent("pairs").path])
        let perlTime = clock.now - start
        print("version oracle: dpkg binary \(subset.count) pairs in \(binaryTime), Dpkg::Version \(pairs.count) pairs in \(perlTime)")
        #expect(binary.status == 0, "\(binary.stderrText)")
        #expect(perl.status == 0, "\(perl.stderrText)")
        let binaryAnswers = binary.stdoutText.split(separator: "\n").compactMap { Int($0) }
        let answers = perl.stdoutText.split(separator: "\n").compactMap { Int($0) }
        try #require(binaryAnswers.count == subset.count)
        try #require(answers.count == pairs.count)
        #expect(subset.count >= 2000)
        for (k, index) in subset.enumerated() where binaryAnswers[k] != answers[index] {
            Issue.record("dpkg and Dpkg::Version disagree on \(pairs[index])")
        }

        var mismatches = 0
        for ((a, b), expected) in zip(pairs, answers) {
            let va = try DebianVersion(a)
            let vb = try DebianVersion(b)
            let got = DebianVersion.compare(va, vb).signum()
            if got != expected {
                mismatches += 1
                if mismatches <= 20 { Issue.record("compare(\(a), \(b)) = \(got), dpkg says \(expected)") }
            }
            if expected == 0 { #expect(va.hashValue == vb.hashValue, "hash of \(a) and \(b)") }
        }
        #expect(mismatches == 0)
    }
}
