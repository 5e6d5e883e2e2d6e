import ConfigurationFile
import DebworkTestSupport
import Foundation
import Index
import JSONOutput
import Query
import Testing

/// `ls`/`show`/`sources_list`/`dput_conf` on an index of the fixture repository; reprepro is the oracle for `ls`.
@Suite struct LsShowTests {
    /// One index of the fixtures, built once; each test opens its own read-only connection
    /// (a connection is not shared across threads).
    static let indexPath: String? = {
        guard let directory = try? TemporaryDirectory(), let store = try? IndexStore(path: directory.appending("index.sqlite"))
        else { return nil }
        _ = try? Indexer(options: .init(jobs: 2)).run(
            paths: [Fixtures.path("packages"), Fixtures.path("uploads"), Fixtures.path("repo")], store: store)
        directory.keep()
        return store.path
    }()

    func store() throws -> IndexStore { try IndexStore(path: try #require(Self.indexPath), readOnly: true) }

    @Test(arguments: ["dwhello", "dwold", "dwnative", "dwepoch"])
    func lsAgreesWithRepreproLsbycomponent(_ source: String) throws {
        let scratch = try TemporaryDirectory()
        let repo = scratch.appending("repo")
        let build = try runCommand(Fixtures.path("make-fixtures.sh"), ["repo", repo])
        try #require(build.status == 0, "make-fixtures.sh repo: \(build.stderr)")
        let oracle = try runCommand("reprepro", ["-b", repo, "--type", "dsc", "lsbycomponent", source])
        #expect(oracle.status == 0)
        let expected = Self.normalise(oracle.stdout)
        let actual = Self.normalise(LsService.table(try LsService().run(source, store: try store())))
        #expect(actual == expected)
        #expect(!expected.isEmpty)
    }

    static func normalise(_ table: String) -> [String] {
        table.split(separator: "\n").map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "|")
        }.sorted()
    }

    @Test func lsShapeHasRollbacksFirstAndOnlyRollbacksWhereThatIsAll() throws {
        let result = try LsService().run("dwold", store: try store())
        let json = try OrderedJSONEncoder().encode(result)
        #expect(json.contains("\"bullseye-test-stable\": {\n      \"rollbacks\": {\n        \"bullseye-test-stable-rollback0\""))
        let stable = try #require(result.repositories["test"]?["bullseye-test-stable"])
        #expect(stable.current == nil)
        let unstable = try #require(result.repositories["test"]?["bullseye-test-unstable"])
        #expect(unstable.current?.version == "2.0-2")
    }

    @Test func filtersNarrowTheListing() throws {
        let all = try LsService().run("dwhello", store: try store())
        #expect(all.repositories["test"]?.members.count == 3)
        #expect(try LsService(codenames: ["bullseye"]).run("dwhello", store: try store()).isEmpty)
        #expect(try LsService(repositories: ["other"]).run("dwhello", store: try store()).isEmpty)
        let exact = try LsService(version: "1.0-2").run("dwhello", store: try store())
        #expect(LsService.table(exact).split(separator: "\n").count == 3)
        let minimum = try LsService(minimumVersion: "1.0-2").run("dwhello", store: try store())
        #expect(LsService.table(minimum).split(separator: "\n").count == 4)
        let epoch = try LsService(minimumVersion: "1:0").run("dwepoch", store: try store())
        #expect(!epoch.isEmpty)
        #expect(try LsService().run("no-such-source", store: try store()).isEmpty)
    }

    @Test func showKnowsMigrationUploadsAndBinaries() throws {
        let result = try ShowService().run("dwhello", store: try store())
        let distributions = try #require(result.repositories["test"])
        let unstable = try #require(distributions["bookworm-test-unstable"])
        #expect(unstable.uploadable && unstable.migratesTo == "bookworm-test-testing" && !unstable.isMigrated)
        #expect(unstable.dscPath == "test/pool/main/d/dwhello/dwhello_1.1-1.dsc")
        #expect(unstable.changesPath == "dwhello_1.1-1_amd64.changes")
        #expect(unstable.extras.binaries.map(\.package) == ["dwhello", "dwhello-doc"])
        #expect(unstable.extras.changelog?.version == "1.1-1")
        #expect(unstable.extras.files.map(\.name) == ["dwhello_1.1.orig-extra.tar.xz", "dwhello_1.1.orig.tar.xz", "dwhello_1.1-1.debian.tar.xz"], "the .dsc order")
        let testing = try #require(distributions["bookworm-test-testing"])
        #expect(!testing.uploadable && testing.isMigrated, "1.0-2 is in stable too")
        let stable = try #require(distributions["bookworm-test-stable"])
        #expect(stable.migratesTo == nil && !stable.isMigrated)
        #expect(result.elsewhere.builds.contains { $0.path == "dwhello_1.0-1.dsc" })
        #expect(result.elsewhere.events.contains { $0.path == "dwhello_1.0-2_source.changes" })
    }

    @Test func sourcesListLinesFollowMiniBuildd() throws {
        var service = SourcesListService()
        service.codenames = ["bookworm"]
        service.suites = ["unstable"]
        let configuration = Configuration(host: "mbd.example.org")
        let plain = try service.run(store: try store(), configuration: configuration).map(\.text)
        #expect(plain == ["deb [] http://mbd.example.org:8066/repositories/test bookworm-test-unstable main contrib non-free"])
        service.rollbacks = 2
        service.types = ["deb", "deb-src"]
        service.options = "arch=amd64"
        service.mirror = "http://mirror.local/mbd/"
        let more = try service.run(store: try store(), configuration: configuration).map(\.text)
        #expect(more == [
            "deb [arch=amd64] http://mirror.local/mbd/test bookworm-test-unstable main contrib non-free",
            "deb-src [arch=amd64] http://mirror.local/mbd/test bookworm-test-unstable main contrib non-free",
            "deb [arch=amd64] http://mirror.local/mbd/test bookworm-test-unstable-rollback0 main contrib non-free",
            "deb-src [arch=amd64] http://mirror.local/mbd/test bookworm-test-unstable-rollback0 main contrib non-free",
            "deb [arch=amd64] http://mirror.local/mbd/test bookworm-test-unstable-rollback1 main contrib non-free",
            "deb-src [arch=amd64] http://mirror.local/mbd/test bookworm-test-unstable-rollback1 main contrib non-free",
        ])
        var snapshot = SourcesListService()
        snapshot.snapshot = "WEEKLY_2025-01-06T00:00"
        let snapshotLines = try snapshot.run(store: try store(), configuration: configuration).map(\.text)
        #expect(snapshotLines == ["deb [] http://mbd.example.org:8066/repositories/test bookworm-test-unstable/snapshots/WEEKLY_2025-01-06T00:00 main contrib non-free"])
    }

    @Test func dputConfMatchesMiniBuilddText() {
        let configuration = Configuration(identity: "foo", host: "mbd.example.org", ftpPort: 8067)
        #expect(DputConfService().text(configuration) == """
            # Recommended global config
            [DEFAULT]
            # Avoid accidental uploads to default target (like 'ftp-master' for Debian)
            default_host_main = _please_specify_target_explicitly_

            # This instance's native target
            [mini-buildd-foo]
            method   = ftp
            fqdn     = mbd.example.org:8067
            login    = anonymous
            incoming = /incoming


            """)
        #expect(DputConfService(withoutGlobal: true).text(configuration).hasPrefix("# This instance's native target\n"))
    }

    @Test func dputConfIsReadByDput() throws {
        guard Fixtures.hasTool("dput") else { Issue.record("dput is not installed"); return }
        let scratch = try TemporaryDirectory()
        let configuration = Configuration(identity: "foo", host: "127.0.0.1")
        let file = try scratch.write("dput.cf", DputConfService().text(configuration))
        let hosts = try runCommand("dput", ["-c", file, "-H"])
        #expect(hosts.stdout.contains("mini-buildd-foo => 127.0.0.1:8067"), "dput -H: \(hosts.stdout) \(hosts.stderr)")
    }
}
