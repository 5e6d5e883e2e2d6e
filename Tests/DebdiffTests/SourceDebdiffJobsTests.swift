import Debdiff
import DebworkTestSupport
import Foundation
import Testing

/// The changed files are diffed on `jobs` threads; the report must not depend on how many.
@Suite(.serialized) struct SourceDebdiffJobsTests {
    static func run(_ old: String, _ new: String, jobs: Int, _ configure: (inout DebdiffOptions) -> Void = { _ in }) throws -> DebdiffReport {
        var options = DebdiffOptions()
        configure(&options)
        var debdiff = SourceDebdiff(options: options)
        debdiff.jobs = jobs
        debdiff.showModes = true
        return try debdiff.run(old: old, new: new)
    }

    static func expectSameForAnyJobs(_ old: String, _ new: String, _ configure: (inout DebdiffOptions) -> Void = { _ in }) throws {
        let serial = try run(old, new, jobs: 1, configure)
        for jobs in [2, 3, 8] {
            let parallel = try run(old, new, jobs: jobs, configure)
            #expect(String(decoding: parallel.text, as: UTF8.self) == String(decoding: serial.text, as: UTF8.self), "jobs \(jobs)")
            #expect(parallel.json.serialized() == serial.json.serialized(), "jobs \(jobs)")
            #expect(parallel.exitStatus == serial.exitStatus, "jobs \(jobs)")
        }
    }

    @Test(arguments: SourceDebdiffTests.pairs.indices)
    func fixturePairsGiveTheSameReportForAnyJobs(_ index: Int) throws {
        let (a, b) = SourceDebdiffTests.pairs[index]
        try Self.expectSameForAnyJobs(SourceDebdiffTests.dsc(a), SourceDebdiffTests.dsc(b)) { $0.diffstat = true }
        try Self.expectSameForAnyJobs(SourceDebdiffTests.dsc(a), SourceDebdiffTests.dsc(b)) {
            $0.ignoreSpace = true
            $0.excludes = ["*.patch"]
        }
    }

    /// Two native packages with a few hundred files: most text files edited, some added, removed,
    /// binary, emptied, turned into a directory, made executable or relinked.
    @Test func manyChangedFilesGiveTheSameReportForAnyJobs() throws {
        let work = try TemporaryDirectory("debdiff-jobs")
        var random = SplitMix64(seed: 20_250_601)
        let words = ["alpha", "beta", "gamma", "delta", "return 0;", "}", "{", "", "  x += 1;", "\tif (y) {"]
        func text(lines: Int) -> [String] {
            (0..<lines).map { _ in (0..<Int.random(in: 1...4, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ") }
        }
        func edited(_ lines: [String]) -> [String] {
            var lines = lines
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let at = Int.random(in: 0...lines.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where at < lines.count: lines.remove(at: at)
                case 1 where at < lines.count: lines[at] = "changed " + lines[at]
                default: lines.insert(contentsOf: text(lines: Int.random(in: 1...3, using: &random)), at: at)
                }
            }
            return lines
        }
        var old: [String: String] = [:], new: [String: String] = [:]
        for index in 0..<300 {
            let path = "src/d\(index % 7)/sub\(index % 3)/file\(index).c"
            let lines = text(lines: Int.random(in: 0...(index % 50 == 0 ? 3000 : 120), using: &random))
            let body = lines.joined(separator: "\n") + (index % 11 == 0 ? "" : "\n")
            switch index % 10 {
            case 0: old[path] = body                       // removed
            case 1: new[path] = body                       // added
            case 2: old[path] = body; new[path] = body     // unchanged
            case 3: old[path] = body; new[path] = ""       // emptied
            default: old[path] = body; new[path] = edited(lines).joined(separator: "\n") + (index % 13 == 0 ? "" : "\n")
            }
        }
        for (version, files) in [("1.0", old), ("1.1", new)] {
            let tree = "dwmany-\(version)"
            try work.write("\(tree)/debian/changelog", """
                dwmany (\(version)) unstable; urgency=medium

                  * Version \(version).

                 -- Debwork Fixtures <fixtures@debwork.invalid>  Mon, 06 Jan 2025 10:00:00 +0000

                """)
            try work.write("\(tree)/debian/control", """
                Source: dwmany
                Maintainer: Debwork Fixtures <fixtures@debwork.invalid>

                Package: dwmany
                Architecture: all
                Description: many files
                 A test package.

                """)
            try work.write("\(tree)/debian/source/format", "3.0 (native)\n")
            for (path, body) in files { try work.write("\(tree)/\(path)", body) }
            try work.write("\(tree)/data.bin", [0, 1, 2, version == "1.0" ? 3 : 4])
            if version == "1.0" {
                try work.write("\(tree)/becomes-dir", "a file\n")
                try work.write("\(tree)/tool.sh", "#!/bin/sh\n")
            } else {
                try work.write("\(tree)/becomes-dir/inside", "now a directory\n")
                try work.write("\(tree)/tool.sh", "#!/bin/sh\nexit 0\n")
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: work.appending("\(tree)/tool.sh"))
            }
            try work.write("\(tree)/mode-only.sh", "#!/bin/sh\necho same bytes\n")
            if version == "1.1" {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: work.appending("\(tree)/mode-only.sh"))
            }
            try FileManager.default.createSymbolicLink(atPath: work.appending("\(tree)/link"),
                                                       withDestinationPath: version == "1.0" ? "src/d1" : "src/d2")
            let build = try runCommand("dpkg-source", ["-b", tree], directory: work.path)
            try #require(build.status == 0, "dpkg-source -b: \(build.stderr)")
        }
        let a = work.appending("dwmany_1.0.dsc"), b = work.appending("dwmany_1.1.dsc")
        try Self.expectSameForAnyJobs(a, b) { $0.diffstat = true }
        try Self.expectSameForAnyJobs(a, b) { $0.ignoreSpace = true }

        let report = try Self.run(a, b, jobs: 4)
        let text = String(decoding: report.text, as: UTF8.self)
        #expect(text.contains("Binary files dwmany-1.0/data.bin and dwmany-1.1/data.bin differ\n"))
        #expect(text.contains("File dwmany-1.0/becomes-dir is a regular file while file dwmany-1.1/becomes-dir is a directory\n"))
        #expect(text.contains("old mode 100644\nnew mode 100755\n"))
        #expect(text.contains("old symlink src/d1\nnew symlink src/d2\n"))
        #expect(text.components(separatedBy: "\ndiff -Nru ").count > 200)
        // Every regular file in the JSON has its checksum, a file whose mode alone changed too.
        let json = report.json.serialized()
        #expect(json.range(of: #""type": "regular",\s*"mode": "[0-7]+",\s*"size": [0-9]+,\s*"sha256": null"#,
                           options: .regularExpression) == nil)
        let sum = try runCommand("sha256sum", [work.appending("dwmany-1.1/mode-only.sh")]).stdout.prefix(64)
        #expect(json.contains("\"sha256\": \"\(sum)\""))
        // Without the git-style extras the text is devscripts'.
        var plain = SourceDebdiff(options: DebdiffOptions())
        plain.jobs = 4
        let expected = try SourceDebdiffTests.devscripts([a, b])
        // devscripts leaves its temporary directories in the lines diff prints itself (binary, file type).
        let leaked = expected.stdout.replacingOccurrences(of: "/tmp/[^/ ]+/", with: "", options: .regularExpression)
        #expect(String(decoding: try plain.run(old: a, new: b).text, as: UTF8.self) == leaked)
    }
}
