import DebianFormats
import DebworkTestSupport
import Foundation
import Testing

struct RFC2822DateTests {
    static let formatted: [(Int, Int, String)] = [
        (0, 0, "Thu, 01 Jan 1970 00:00:00 +0000"),
        (1_795_623_901, 0, "Wed, 25 Nov 2026 16:25:01 +0000"),
        (1_795_623_901, 60, "Wed, 25 Nov 2026 17:25:01 +0100"),
        (1_795_623_901, -90, "Wed, 25 Nov 2026 14:55:01 -0130"),
        (951_782_400, 0, "Tue, 29 Feb 2000 00:00:00 +0000"),
        (-1, 0, "Wed, 31 Dec 1969 23:59:59 +0000"),
        (-2_208_988_800, 0, "Mon, 01 Jan 1900 00:00:00 +0000"),
        (4_102_444_800, 840, "Fri, 01 Jan 2100 14:00:00 +1400"),
        (1_704_067_199, 0, "Sun, 31 Dec 2023 23:59:59 +0000"),
    ]

    @Test(arguments: formatted)
    func formats(_ timestamp: Int, _ offset: Int, _ expected: String) {
        #expect(RFC2822Date.format(timestamp: timestamp, utcOffsetMinutes: offset) == expected)
        #expect(RFC2822Date.parse(expected) == timestamp)
    }

    /// What dpkg-parsechangelog makes of odd dates (measured: its Timestamp field, or none).
    static let parsed: [(String, Int?)] = [
        ("Mon, 1 jan 2024 00:00:00 +0000", 1_704_067_200),
        ("Mon, 31 Feb 2024 10:00:00 +0000", 1_709_373_600),
        ("Mon, 1 Jan 2024 24:00:00 +0000", nil),
        ("Mon, 1 Jan 2024 23:59:60 +0000", nil),
        ("Mon, 1 Jan 2024 00:00:00 +2400", 1_703_980_800),
        ("Mon, 1 Jan 2024 00:00:00 +0190", 1_704_058_200),
        ("Mon, 1 Jan 1960 00:00:00 -0130", -315_613_800),
        ("1 Jan 2024 00:00:00 +0000", 1_704_067_200),
        ("Mon,1  Jan 2024 1:02:03 -0000", 1_704_070_923),
        ("Mon, 0 Jan 2024 00:00:00 +0000", 1_704_067_200),
        ("Mon, 32 Jan 2024 00:00:00 +0000", nil),
        ("Mon, 1 January 2024 00:00:00 +0000", nil),
        ("Mon, 1 Jan 24 00:00:00 +0000", nil),
    ]

    @Test(arguments: parsed)
    func parsesLikeDpkg(_ text: String, _ expected: Int?) {
        #expect(RFC2822Date.parse(text) == expected)
    }

    /// The formatter agrees with GNU date over a spread of timestamps and offsets.
    @Test func formatMatchesGNUDate() throws {
        try #require(Process.find("date") != nil)
        var rng = SplitMix64(state: 7)
        for _ in 0..<30 {
            let ts = Int.random(in: -2_000_000_000...4_000_000_000, using: &rng)
            let offset = [-600, -90, 0, 60, 330, 840].randomElement(using: &rng) ?? 0
            let zone = "<XYZ>\(offset > 0 ? "-" : "+")\(abs(offset) / 60):\(abs(offset) % 60)"
            let out = try Process.run("date", ["-R", "-d", "@\(ts)"], environment: ["TZ": zone, "LC_ALL": "C"])
            #expect(out.stdoutText.trimmingCharacters(in: .newlines)
                    == RFC2822Date.format(timestamp: ts, utcOffsetMinutes: offset))
        }
    }
}
