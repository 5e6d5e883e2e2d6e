import DebworkTestSupport
import Foundation
import Testing

/// A killed `index` never leaves half a package: every file row has its package rows and vice versa.
@Suite struct CrashConsistencyTests {
    @Test func killedIndexLeavesAConsistentIndexThatResumes() throws {
        let scratch = try TemporaryDirectory()
        let corpus = scratch.appending("corpus")
        // Many copies of the fixture packages so the run lasts long enough to be killed part-way.
        for copy in 0..<60 {
            let target = "\(corpus)/copy\(copy)"
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            for deb in Fixtures.files(in: "packages", suffix: ".deb") {
                try FileManager.default.copyItem(atPath: deb, toPath: target + "/" + (deb as NSString).lastPathComponent)
            }
        }
        let index = scratch.appending("index.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.debworkBinary)
        process.arguments = ["index", "--index", index, "-j", "2", corpus]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(250_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let checks = [
            "PRAGMA integrity_check",
            "SELECT count(*) FROM files f WHERE f.kind = 'deb' AND NOT EXISTS (SELECT 1 FROM binaries b WHERE b.file_id = f.id)",
            "SELECT count(*) FROM binaries b WHERE NOT EXISTS (SELECT 1 FROM binary_files WHERE binary_id = b.id)",
            "SELECT count(*) FROM binary_files WHERE binary_id NOT IN (SELECT id FROM binaries)",
        ]
        if FileManager.default.fileExists(atPath: index) {
            let results = try checks.map { try runCommand("sqlite3", [index, $0]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(results == ["ok", "0", "0", "0"], "after kill: \(results)")
        }
        let resumed = try debwork(["index", "-J", corpus], index: index)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let count = try runCommand("sqlite3", [index, "SELECT count(*) FROM binaries"]).stdout
        #expect(Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) == 60 * Fixtures.files(in: "packages", suffix: ".deb").count)
    }
}
