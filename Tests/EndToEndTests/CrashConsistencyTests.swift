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
            func ask(_ sql: String) throws -> String {
                try runCommand("sqlite3", [index, sql]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            // On a loaded machine the kill may land before the schema's transaction commits: a file without tables,
            // as consistent as an index (the next run creates them). The schema is one transaction: all or none.
            let tables = try ask("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('files', 'binaries', 'binary_files')")
            #expect(tables == "3" || tables == "0", "after kill: \(tables) of the 3 tables")
            let results = try (tables == "3" ? checks : [checks[0]]).map(ask)
            #expect(results == (tables == "3" ? ["ok", "0", "0", "0"] : ["ok"]), "after kill: \(results)")
        }
        let resumed = try debwork(["index", "-J", corpus], index: index)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let count = try runCommand("sqlite3", [index, "SELECT count(*) FROM binaries"]).stdout
        #expect(Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) == 60 * Fixtures.files(in: "packages", suffix: ".deb").count)
    }
}

/// `index` killed (SIGKILL) at 20 seeded random points: after every kill the index passes SQLite's and
/// FTS5's integrity checks and holds no half package, and a run to the end then yields exactly the index
/// a clean run writes (a canonical dump of the content tables without ids and timestamps).
@Suite struct RepeatedKillTests {
    static let seed: UInt64 = 0x2026_1130_0000_0014
    static let kills = 20

    @Test func twentyKillsThenConvergesToACleanRun() throws {
        let scratch = try TemporaryDirectory("crash-kills")
        let corpus = scratch.appending("corpus")
        // Every kind of file the indexer reads: packages (.deb, .udeb, .dsc of every format), uploads
        // (.changes) and a repository tree, the packages several times so a run takes a while.
        try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
        let copies = (0..<12).map { ("packages", "packages\($0)") } + [("uploads", "uploads"), ("repo", "repo")]
        for (folder, name) in copies {
            let copied = try runCommand("cp", ["-a", Fixtures.path(folder), corpus + "/" + name])
            try #require(copied.status == 0, "cp: \(copied.stderr)")
        }
        let baseTime = 1_736_121_600
        try Self.setModificationTimes(corpus, baseTime)

        let clean = scratch.appending("clean.sqlite")
        let started = Date()
        let cleanRun = try debwork(["index", "-j", "2", corpus], index: clean)
        let duration = Date().timeIntervalSince(started)
        try #require(cleanRun.status == 0, "clean run: \(cleanRun.stderr)")
        let expected = try Self.dump(clean)
        #expect((expected["binaries"]?.count ?? 0) >= 12 * 10 && (expected["dist_binaries"]?.count ?? 0) > 0
                && (expected["uploads"]?.count ?? 0) > 0, "the clean index is too small to prove anything")

        var rng = SplitMix64(seed: Self.seed)
        let crashed = scratch.appending("crashed.sqlite")
        var killedMidway = 0
        for round in 0..<Self.kills {
            // Every file is read again, so every run has the whole corpus to do: the index identifies files
            // by content, so new modification times are not enough; the recorded digests are forgotten.
            try Self.setModificationTimes(corpus, baseTime + 1 + round)
            if FileManager.default.fileExists(atPath: crashed) {
                _ = try runCommand("sqlite3", [crashed, "UPDATE files SET sha256 = NULL"])
            }
            let delay = 0.05 + Double(rng.next() % 1_000_000) / 1_000_000 * max(duration, 0.2)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Fixtures.debworkBinary)
            process.arguments = ["index", "--index", crashed, "-j", "2", corpus]
            process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                                   "XDG_CACHE_HOME": scratch.appending("cache"), "HOME": scratch.path,
                                   "TMPDIR": scratch.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(delay * 1_000_000))
            if process.isRunning { killedMidway += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard FileManager.default.fileExists(atPath: crashed) else { continue }
            let problems = try Self.consistencyProblems(crashed)
            #expect(problems.isEmpty, "round \(round), killed after \(String(format: "%.2f", delay)) s: \(problems)")
        }
        #expect(killedMidway >= Self.kills / 2, "only \(killedMidway) of \(Self.kills) runs were still running when killed")

        try Self.setModificationTimes(corpus, baseTime)
        let resumed = try debwork(["index", "-j", "2", corpus], index: crashed)
        #expect(resumed.status == 0, "run after the kills: \(resumed.stderr)")
        #expect(try Self.consistencyProblems(crashed).isEmpty)
        let actual = try Self.dump(crashed)
        for table in expected.keys.sorted() where actual[table] != expected[table] {
            let want = expected[table] ?? []
            let got = actual[table] ?? []
            let firstDifference = zip(want, got).first { $0 != $1 }.map { "clean: \($0.0.prefix(200))\n  after kills: \($0.1.prefix(200))" }
                ?? "clean has \(want.count) rows, after kills \(got.count)"
            Issue.record("table \(table) differs after \(Self.kills) kills and a resumed run:\n  \(firstDifference)")
        }
        #expect(Set(actual.keys) == Set(expected.keys))
    }

    static func setModificationTimes(_ directory: String, _ seconds: Int) throws {
        let result = try runCommand("find", [directory, "-type", "f", "-exec", "touch", "-h", "-d", "@\(seconds)", "{}", "+"])
        try #require(result.status == 0, "touch: \(result.stderr)")
    }

    /// SQLite's and FTS5's integrity checks, and no package half written.
    static func consistencyProblems(_ index: String) throws -> [String] {
        let checks: [(String, String)] = [
            ("PRAGMA integrity_check", "ok"),
            ("INSERT INTO text_fts(text_fts) VALUES('integrity-check'); SELECT 'ok'", "ok"),
            ("INSERT INTO binary_path_fts(binary_path_fts) VALUES('integrity-check'); SELECT 'ok'", "ok"),
            ("INSERT INTO source_path_fts(source_path_fts) VALUES('integrity-check'); SELECT 'ok'", "ok"),
            ("SELECT count(*) FROM files f WHERE f.kind IN ('deb', 'udeb') AND NOT EXISTS (SELECT 1 FROM binaries b WHERE b.file_id = f.id)", "0"),
            ("SELECT count(*) FROM files f WHERE f.kind = 'dsc' AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.file_id = f.id)", "0"),
            ("SELECT count(*) FROM files f WHERE f.kind = 'changes' AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.file_id = f.id)", "0"),
            ("SELECT count(*) FROM binaries b WHERE NOT EXISTS (SELECT 1 FROM binary_files WHERE binary_id = b.id)", "0"),
            ("SELECT count(*) FROM binary_files WHERE binary_id NOT IN (SELECT id FROM binaries)", "0"),
            ("SELECT count(*) FROM source_tree WHERE source_id NOT IN (SELECT id FROM sources)", "0"),
            ("SELECT count(*) FROM dist_binaries WHERE distribution_id NOT IN (SELECT id FROM distributions)", "0"),
        ]
        var problems: [String] = []
        for (sql, want) in checks {
            let result = try runCommand("sqlite3", [index, sql])
            let got = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if got != want { problems.append("\(sql.prefix(90)): \(got.prefix(200)) \(result.stderr.prefix(200))") }
        }
        return problems
    }

    /// Every content table as sorted lines of quoted values: ids become the path of the file they belong
    /// to, timestamps (`*_at`) are left out, and so are `meta` and the FTS5 shadow tables (the FTS content
    /// is compared through `text_fts` itself and checked by `integrity-check`).
    static func dump(_ index: String) throws -> [String: [String]] {
        let tables = try runCommand("sqlite3", [index, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name != 'meta' ORDER BY name"])
            .stdout.split(separator: "\n").map(String.init) + ["text_fts"]
        let owner: [String: String] = [
            "file_id": "(SELECT path FROM files WHERE id = t.file_id)",
            "binary_id": "(SELECT f.path FROM binaries b JOIN files f ON f.id = b.file_id WHERE b.id = t.binary_id)",
            "source_id": "(SELECT f.path FROM sources s JOIN files f ON f.id = s.file_id WHERE s.id = t.source_id)",
            "upload_id": "(SELECT f.path FROM uploads u JOIN files f ON f.id = u.file_id WHERE u.id = t.upload_id)",
            "distribution_id": "(SELECT f.path FROM distributions d JOIN files f ON f.id = d.file_id WHERE d.id = t.distribution_id)",
            "repository_id": "(SELECT root FROM repositories WHERE id = t.repository_id)",
            "list_id": "(SELECT f.path FROM contents_lists l JOIN files f ON f.id = l.file_id WHERE l.id = t.list_id)",
            "dir_id": "(SELECT path FROM contents_dirs WHERE id = t.dir_id)",
            "name_id": "(SELECT name FROM contents_names WHERE id = t.name_id)",
            "package_id": "(SELECT qualified FROM contents_packages WHERE id = t.package_id)",
        ]
        var dump: [String: [String]] = [:]
        for table in tables {
            let columns = try runCommand("sqlite3", [index, "SELECT name FROM pragma_table_info('\(table)')"])
                .stdout.split(separator: "\n").map(String.init)
            var expressions: [String] = []
            for column in columns where column != "id" && !column.hasSuffix("_at") {
                if column.hasSuffix("_id") {
                    let expression = try #require(owner[column], "\(table).\(column): unknown reference; teach RepeatedKillTests.dump")
                    expressions.append("quote(\(expression))")
                } else if table == "field_values" && column == "owner" {
                    expressions.append("quote(CASE t.owner % 2 WHEN 0 THEN (SELECT f.path FROM binaries b JOIN files f ON f.id = b.file_id WHERE b.id = t.owner / 2) ELSE (SELECT f.path FROM sources s JOIN files f ON f.id = s.file_id WHERE s.id = t.owner / 2) END)")
                } else {
                    expressions.append("quote(t.\"\(column)\")")
                }
            }
            let sql = "SELECT \(expressions.joined(separator: " || '|' || ")) AS line FROM \"\(table)\" t ORDER BY line"
            let result = try runCommand("sqlite3", [index, sql])
            try #require(result.status == 0, "\(table): \(result.stderr)")
            dump[table] = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return dump
    }
}
