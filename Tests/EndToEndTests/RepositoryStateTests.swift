import DebworkTestSupport
import Foundation
import Testing

/// `migrate`, `remove` and the snapshot calls on a reprepro tree in mini-buildd's layout (the fixture
/// repository, rebuilt with its reprepro database). The oracle is reprepro itself: after every call,
/// `lsbycomponent` says exactly what the plan (`--dry-run -J`) predicted, for every branch of mini-buildd's
/// algorithm; refusals carry mini-buildd's texts.
@Suite(.serialized) struct RepositoryStateTests {
    final class Repository {
        let scratch: TemporaryDirectory
        let root: String
        let index: String

        init() throws {
            scratch = try TemporaryDirectory()
            root = scratch.appending("repo")
            let built = try runCommand("bash", [Fixtures.path("make-fixtures.sh"), "repo", root])
            #expect(built.status == 0, "\(built.stderr)")
            index = scratch.appending("index.sqlite")
            let indexed = try debwork(["index", root], index: index)
            #expect(indexed.status == 0, "\(indexed.stderr)")
        }

        func run(_ arguments: [String], program: String? = nil) throws -> CommandResult {
            try runCommand(program ?? Fixtures.debworkBinary, arguments,
                           environment: ["DEBWORK_INDEX": index, "DEBWORK_CONFIG": "/dev/null", "XDG_CACHE_HOME": "/nonexistent"])
        }

        /// reprepro's own answer: distribution → version of `source`.
        func reprepro(_ source: String) throws -> [String: String] {
            let listed = try runCommand("reprepro", ["-b", root, "--type", "dsc", "lsbycomponent", source])
            #expect(listed.status == 0, "\(listed.stderr)")
            var versions: [String: String] = [:]
            for line in listed.stdout.split(separator: "\n") {
                let fields = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                if fields.count == 5 { versions[fields[2]] = fields[1] }
            }
            return versions
        }

        /// Plans the call (`--dry-run -J`), runs it, and checks reprepro ends where the plan said.
        @discardableResult
        func change(_ arguments: [String], source: String) throws -> [String: Any] {
            let planned = try run(["-J"] + arguments.prefix(1) + ["--dry-run"] + arguments.dropFirst())
            #expect(planned.status == 0, "\(arguments): \(planned.stderr)")
            let plan = try #require(try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])
            #expect(try reprepro(source) == plan["before"] as? [String: String], "\(arguments): before")
            let done = try run(["--auto-confirm"] + arguments)
            #expect(done.status == 0, "\(arguments): \(done.stderr)")
            #expect(try reprepro(source) == plan["after"] as? [String: String], "\(arguments): \(done.stdout)")
            // The index followed.
            let ls = try run(["-J", "ls", source])
            let listed = try JSONSerialization.jsonObject(with: Data(ls.stdout.utf8)) as? [String: [String: [String: Any]]]
            var indexed: [String: String] = [:]
            for (distribution, entry) in listed?["test"] ?? [:] {
                if let version = entry["version"] as? String { indexed[distribution] = version }
                for (rollback, value) in entry["rollbacks"] as? [String: [String: Any]] ?? [:] {
                    if let version = value["version"] as? String { indexed[rollback] = version }
                }
            }
            #expect(indexed == (plan["after"] as? [String: String] ?? [:]), "index after \(arguments)")
            return plan
        }

        func refused(_ arguments: [String], _ message: String) throws {
            let before = try reprepro("dwhello")
            let result = try run(["--auto-confirm"] + arguments)
            #expect(result.status == 1)
            #expect(result.stderr == "E: \(message)\n", "\(arguments)")
            #expect(try reprepro("dwhello") == before)
        }
    }

    @Test func migrateAndRemoveFollowMiniBuilddsAlgorithm() throws {
        let repo = try Repository()
        let U = "bookworm-test-unstable", T = "bookworm-test-testing", S = "bookworm-test-stable"
        // Refusals, with mini-buildd's texts; nothing changes.
        try repo.refused(["migrate", "dwhello", S], "You can't migrate from '\(S)'")
        try repo.refused(["migrate", "nosuch", U], "No such source: Source 'nosuch_any' not found in '\(U)' distribution")
        try repo.refused(["migrate", "-V", "9.9", "dwhello", U], "No such source: Source 'dwhello_9.9' not found in '\(U)' distribution")
        try repo.refused(["remove", "dwhello", "\(S)-rollback0"], "No such source: Source 'dwhello_any' not found in '\(S)-rollback0' distribution")
        try repo.refused(["remove", "dwhello", "\(U)-rollback5"], "no distribution '\(U)-rollback5' in the index (see 'debwork status')")
        try repo.refused(["migrate", "dwhello", "\(U)-rollback0"],
                         "Package 'dwhello' exists in '\(U)': Remove first to restore rollback: Source 'dwhello_any' found in '\(U)' distribution")
        try repo.refused(["migrate", "dwhello", "nosuch-test-unstable"], "no distribution 'nosuch-test-unstable' in the index (see 'debwork status')")
        // Not confirmed: mini-buildd's message, nothing changes.
        let unconfirmed = try repo.run(["--script-mode", "migrate", "dwhello", U])
        #expect(unconfirmed.status == 1 && unconfirmed.stderr == "E: API call 'migrate' needs to be confirmed: migrate\n")

        // --full: unstable -> testing -> stable; stable's version shifts into its rollback first.
        let full = try repo.change(["migrate", "--full", "dwhello", U], source: "dwhello")
        #expect(full["after"] as? [String: String] == [U: "1.1-1", "\(U)-rollback0": "1.0-2", "\(U)-rollback1": "1.0-1",
                                                       T: "1.1-1", S: "1.1-1", "\(S)-rollback0": "1.0-2"])
        try repo.refused(["migrate", "dwhello", U], "Version '1.1-1' already migrated to '\(T)'")
        // remove with full rollbacks: 1.1-1 goes to rollback0, 1.0-2 to rollback1, 1.0-1 drops out.
        let removed = try repo.change(["remove", "dwhello", U], source: "dwhello")
        #expect((removed["after"] as? [String: String])?[U] == nil)
        #expect((removed["after"] as? [String: String])?["\(U)-rollback0"] == "1.1-1")
        #expect((removed["after"] as? [String: String])?["\(U)-rollback1"] == "1.0-2")
        // restore from rollback0.
        let restored = try repo.change(["migrate", "dwhello", "\(U)-rollback0"], source: "dwhello")
        #expect((restored["after"] as? [String: String])?[U] == "1.1-1")
        // remove from a rollback: the later rollback closes the gap.
        let gap = try repo.change(["remove", "dwhello", "\(U)-rollback0"], source: "dwhello")
        #expect((gap["after"] as? [String: String])?["\(U)-rollback0"] == "1.0-2")
        #expect((gap["after"] as? [String: String])?["\(U)-rollback1"] == nil)
        // --without-rollback: the rollbacks stay as they are.
        let plain = try repo.change(["remove", "--without-rollback", "dwhello", T], source: "dwhello")
        #expect((plain["after"] as? [String: String])?[T] == nil)
        #expect((plain["steps"] as? [[String: Any]])?.count == 1)
    }

    @Test func snapshotBeforeMakesTheCallReversible() throws {
        let repo = try Repository()
        let U = "bullseye-test-unstable"
        let before = try repo.reprepro("dwold")
        let done = try repo.run(["--auto-confirm", "-J", "remove", "--snapshot-before", "dwold", U])
        #expect(done.status == 0, "\(done.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(done.stdout.utf8)) as? [String: Any])
        let snapshot = try #require(plan["snapshot"] as? String)
        #expect(snapshot.hasPrefix("DEBWORK_"))
        #expect(try repo.reprepro("dwold")[U] == nil)
        let listed = try repo.run(["-J", "snapshot_ls", U])
        #expect(listed.stdout.contains("\"\(snapshot)\""), "\(listed.stdout)")
        // snapshot_diff: the snapshot against the live distribution shows what the call did.
        let diff = try repo.run(["-J", "snapshot_diff", "\(U)/snapshots/\(snapshot)", U])
        #expect(diff.status == 1, "\(diff.stderr)")
        let changes = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        let architectures = try #require(changes["architectures"] as? [[String: Any]])
        #expect(architectures.map { $0["name"] as? String } == ["source", "all"])
        for architecture in architectures {
            let removed = architecture["removed"] as? [[String: Any]]
            #expect(removed?.map { $0["package"] as? String } == ["dwold"])
            #expect(removed?.first?["from"] as? String == before[U])
            #expect((architecture["added"] as? [Any])?.isEmpty == true)
        }
        // The undo the plan names: restoresrc from the snapshot.
        for distribution in plan["changed"] as? [String] ?? [] {
            _ = try runCommand("reprepro", ["-b", repo.root, "removesrc", distribution, "dwold"])
            let restore = try runCommand("reprepro", ["-b", repo.root, "restoresrc", distribution, snapshot, "dwold"])
            #expect(restore.status == 0, "\(restore.stderr)")
        }
        #expect(try repo.reprepro("dwold") == before)
        #expect(try repo.run(["index", repo.root]).status == 0)
        let same = try repo.run(["snapshot_diff", "\(U)@\(snapshot)", U])
        #expect(same.status == 0 && same.stdout.isEmpty, "\(same.stdout)\(same.stderr)")
    }

    @Test func snapshotsAreCreatedListedAndDeletedAsMiniBuilddDoes() throws {
        let repo = try Repository()
        let S = "bookworm-test-stable"
        #expect(try repo.run(["-J", "snapshot_ls", S]).stdout == "[]\n")
        let created = try repo.run(["--auto-confirm", "snapshot_create", S, "MONTHLY_2026-11-01T00:00"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: repo.root + "/dists/\(S)/snapshots/MONTHLY_2026-11-01T00:00/Release"))
        #expect(try repo.run(["snapshot_ls", S]).stdout == "MONTHLY_2026-11-01T00:00\n")
        let again = try repo.run(["--auto-confirm", "snapshot_create", S, "MONTHLY_2026-11-01T00:00"])
        #expect(again.stderr == "E: Reprepro snapshot 'MONTHLY_2026-11-01T00:00' for '\(S)' already exists\n")
        let hostile = try repo.run(["--auto-confirm", "snapshot_create", S, "../../../x"])
        #expect(hostile.status == 1 && hostile.stderr.contains("is not a valid snapshot name"), "\(hostile.stderr)")
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/x"))
        let empty = try repo.run(["--auto-confirm", "snapshot_create", S, ""])
        #expect(empty.stderr == "E: Empty reprepro snapshot name\n")
        // The api form prints mini-buildd's result.
        let link = repo.scratch.appending("debwork-api")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: Fixtures.debworkBinary)
        let deleted = try repo.run(["--auto-confirm", "snapshot_delete", S, "MONTHLY_2026-11-01T00:00"], program: link)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(deleted.stdout == "{}\n")
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/dists/\(S)/snapshots/MONTHLY_2026-11-01T00:00"))
        #expect(try repo.run(["-J", "snapshot_ls", S]).stdout == "[]\n")
        let missing = try repo.run(["--auto-confirm", "snapshot_delete", S, "MONTHLY_2026-11-01T00:00"])
        #expect(missing.stderr == "E: Reprepro snapshot 'MONTHLY_2026-11-01T00:00' for '\(S)' does not exist\n")
        let check = try runCommand("reprepro", ["-b", repo.root, "check"])
        #expect(check.status == 0, "\(check.stderr)")
    }

    /// An exported copy without reprepro's database (the committed fixture tree, a mirror) cannot be changed:
    /// reprepro would list nothing there, and the calls would say "No such source". Each changing call names the
    /// missing database instead; the read-only snapshot_ls still answers from the index.
    @Test func aTreeWithoutRepreprosDatabaseIsRefusedByName() throws {
        let index = try #require(FixtureIndexFile.path)
        let root = Fixtures.path("repo")
        let environment = ["DEBWORK_INDEX": index, "DEBWORK_CONFIG": "/dev/null", "XDG_CACHE_HOME": "/nonexistent"]
        let U = "bookworm-test-unstable"
        for arguments in [["migrate", "dwhello", U], ["remove", "dwhello", U], ["migrate", "dwhello", U, "--dry-run"],
                          ["snapshot_create", U, "NOW"], ["snapshot_delete", U, "WEEKLY_2025-01-06T00:00"]] {
            let result = try runCommand(Fixtures.debworkBinary, ["--auto-confirm"] + arguments, environment: environment)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.hasPrefix("E: \(root): no reprepro database (db/)"), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/db"))
        let listed = try runCommand(Fixtures.debworkBinary, ["snapshot_ls", U], environment: environment)
        #expect(listed.stdout == "WEEKLY_2025-01-06T00:00\n", "\(listed.stderr)")
    }

    /// britney's rule: a migration that would make a package of the target uninstallable is refused with the
    /// reason (libsolv), `--ignore-deps` goes ahead, and dose-debcheck agrees on the result.
    @Test func aMigrationThatBreaksTheTargetIsRefused() throws {
        let repo = try Repository()
        let T = "bookworm-test-testing", U = "bookworm-test-unstable"
        let debs = try TemporaryDirectory()
        let deb = try DebBuilder.build(in: debs, name: "dwdep", control: ["control": """
            Package: dwdep
            Version: 1.0-1
            Architecture: all
            Maintainer: T <t@example.org>
            Depends: dwhello-doc (<< 1.1)
            Description: needs the old documentation

            """])
        let included = try runCommand("reprepro", ["-b", repo.root, "-S", "misc", "-P", "optional", "includedeb", T, deb])
        #expect(included.status == 0, "\(included.stderr)")
        #expect(try repo.run(["index", repo.root]).status == 0)
        let before = try repo.reprepro("dwhello")

        let refused = try repo.run(["--auto-confirm", "migrate", "dwhello", U])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("E: installability check failed: dwdep 1.0-1 [amd64] would become uninstallable in '\(T)'"),
                "\(refused.stderr)")
        #expect(refused.stderr.contains("dwhello-doc"), "\(refused.stderr)")
        #expect(try repo.reprepro("dwhello") == before)
        let planned = try repo.run(["-J", "migrate", "--dry-run", "dwhello", U])
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])
        let checks = try #require(plan["installability"] as? [[String: Any]])
        #expect(checks.contains { ($0["regressions"] as? [[String: Any]])?.first?["package"] as? String == "dwdep" })

        let forced = try repo.run(["--auto-confirm", "migrate", "--ignore-deps", "dwhello", U])
        #expect(forced.status == 0, "\(forced.stderr)")
        // dose-debcheck on the target afterwards: dwdep is broken now (and was not before).
        let packages = repo.root + "/dists/\(T)/main/binary-amd64/Packages"
        let dose = try runCommand("dose-debcheck", ["--deb-native-arch=amd64", "--failures", "--explain", packages])
        #expect(dose.stdout.contains("package: dwdep"), "\(dose.stdout)")
    }

    /// mini-buildd's `--waitforlock 10`: while another reprepro holds the tree's lock (`db/lockfile`), a
    /// migrate waits for it instead of failing, and goes ahead once the lock is gone.
    @Test func aMigrateWaitsForRepreprosLock() throws {
        let repo = try Repository()
        let T = "bookworm-test-testing", U = "bookworm-test-unstable"
        let lock = repo.root + "/db/lockfile"
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.debworkBinary)
        process.arguments = ["--auto-confirm", "migrate", "dwhello", U]
        process.environment = ["DEBWORK_INDEX": repo.index, "DEBWORK_CONFIG": "/dev/null", "XDG_CACHE_HOME": "/nonexistent",
                               "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Until reprepro runs on this tree (and meets the lock), or debwork ends.
        var metTheLock = false
        for _ in 0..<1200 where process.isRunning {
            if Self.repreproIsRunning(on: repo.root) {
                metTheLock = true
                break
            }
            usleep(50_000)
        }
        #expect(metTheLock, "reprepro never ran while the lock was held")
        usleep(500_000)
        #expect(process.isRunning, "debwork gave up instead of waiting for the lock")
        try FileManager.default.removeItem(atPath: lock)
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(try repo.reprepro("dwhello")[T] == "1.1-1")
    }

    /// When the lock stays (reprepro gives up after its ten retries, ~100 s, so a stand-in prints reprepro
    /// 5.3's own lines here), the E: line says the repository is locked and names the lock file.
    @Test func aLockThatStaysIsNamed() throws {
        let repo = try Repository()
        let bin = try TemporaryDirectory()
        let fake = try bin.write("reprepro", """
            #!/bin/sh
            while [ "$1" != --basedir ]; do shift; done
            for try in 1 2; do
                echo "Could not acquire lock: $2/db/lockfile already exists!"
                echo "Waiting 10 seconds before trying again."
            done
            echo "Could not acquire lock: $2/db/lockfile already exists!"
            exit 239

            """)
        #expect(chmod(fake, 0o755) == 0)
        let result = try runCommand(Fixtures.debworkBinary, ["--auto-confirm", "migrate", "dwhello", "bookworm-test-unstable"],
                                    environment: ["DEBWORK_INDEX": repo.index, "DEBWORK_CONFIG": "/dev/null",
                                                  "XDG_CACHE_HOME": "/nonexistent",
                                                  "PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        #expect(result.status == 1)
        #expect(result.stderr == "E: 'reprepro --type dsc lsbycomponent dwhello' gave up: another reprepro run holds the "
                + "repository's lock (\(repo.root)/db/lockfile exists) and kept it through --waitforlock 10 (10 retries, 10 s "
                + "apart); try again when it is done (a lock file left by a crashed run must be removed by hand); nothing was "
                + "changed before it\n")
    }

    /// Whether a reprepro process works on `root` now (its command line in /proc names it).
    static func repreproIsRunning(on root: String) -> Bool {
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.contains { pid in
            guard pid.allSatisfy(\.isNumber), let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
                return false
            }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.first.map { $0.hasSuffix("reprepro") } == true && arguments.contains(root)
        }
    }
}
