import DebworkTestSupport
import Foundation
@testable import Index
import SQLite
import Testing

/// Indexing the fixtures: counts, incremental runs, removal, failures, consistency and FTS.
@Suite struct IndexerTests {
    /// A private copy of the good fixtures (packages, uploads, repo) so tests may change files.
    final class Workspace {
        let directory: TemporaryDirectory
        let store: IndexStore
        var root: String { directory.appending("tree") }

        init() throws {
            directory = try TemporaryDirectory()
            for folder in ["packages", "uploads", "repo"] {
                let result = try runCommand("cp", ["-a", Fixtures.path(folder), directory.appending("tree/") + folder])
                if result.status != 0 {
                    try FileManager.default.createDirectory(atPath: directory.appending("tree"), withIntermediateDirectories: true)
                    _ = try runCommand("cp", ["-a", Fixtures.path(folder), directory.appending("tree/") + folder])
                }
            }
            store = try IndexStore(path: directory.appending("index.sqlite"))
        }

        func index(_ paths: [String]? = nil) throws -> IndexSummary {
            try Indexer(options: .init(jobs: 2)).run(paths: paths ?? [root], store: store)
        }

        func count(_ sql: String) throws -> Int64 {
            try store.db.scalar(sql)?.int ?? -1
        }
    }

    @Test func indexesEveryFixtureAndNothingFails() throws {
        let workspace = try Workspace()
        let summary = try workspace.index()
        #expect(summary.failed == 0, "failures: \(summary.failures)")
        #expect(summary.new > 40)
        #expect(try workspace.count("SELECT count(*) FROM files WHERE area = 'repositories' AND kind = 'release'") >= 9)
        #expect(try workspace.count("SELECT count(*) FROM files WHERE area = 'events' AND kind = 'changes'") == 3)
        #expect(try workspace.count("SELECT count(*) FROM files WHERE area = 'builds'") > 15)
        #expect(try workspace.count("SELECT count(*) FROM binaries") == (try workspace.count("SELECT count(*) FROM files WHERE kind IN ('deb','udeb','ddeb')")))
        #expect(try workspace.count("SELECT count(*) FROM sources") == (try workspace.count("SELECT count(*) FROM files WHERE kind = 'dsc'")))
        #expect(try workspace.count("SELECT count(*) FROM dist_sources WHERE package = 'dwhello'") >= 5)
        #expect(try workspace.count("SELECT count(*) FROM distributions WHERE snapshot IS NOT NULL") >= 1)
        #expect(try workspace.count("SELECT count(*) FROM changelog_entries WHERE package = 'dwhello' AND version = '1.0-1'") >= 3)
    }

    @Test func secondRunSkipsEverything() throws {
        let workspace = try Workspace()
        let first = try workspace.index()
        let second = try workspace.index()
        #expect(second.new == 0 && second.updated == 0 && second.removed == 0)
        #expect(second.unchanged == first.new)
    }

    @Test func changedAndRemovedFilesAreNoticed() throws {
        let workspace = try Workspace()
        _ = try workspace.index()
        let deb = workspace.root + "/packages/dwnative_0.3_all.deb"
        let dsc = workspace.root + "/packages/dwnative_0.4.dsc"
        let touched = workspace.root + "/packages/dwhello_1.0-1.dsc"
        // Content changed, size and modification time kept (`cp -p` of another file of the same size).
        let attributes = try FileManager.default.attributesOfItem(atPath: dsc)
        var text = try String(contentsOfFile: dsc, encoding: .utf8)
        let maintainer = try #require(text.range(of: "Maintainer: "))
        text.replaceSubrange(maintainer.upperBound..<text.index(after: maintainer.upperBound), with: "X")
        try text.write(toFile: dsc, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: dsc)
        // Content kept, modification time changed (`touch`): nothing to read again.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: touched)
        try FileManager.default.removeItem(atPath: deb)
        let summary = try workspace.index()
        #expect(summary.updated == 1)
        #expect(summary.removed == 1)
        #expect(try workspace.count("SELECT count(*) FROM sources WHERE maintainer LIKE 'X%'") == 1)
        #expect(try workspace.count("SELECT count(*) FROM binaries WHERE package = 'dwnative' AND version = '0.3'") == 0)
        #expect(try workspace.count("SELECT count(*) FROM binary_files WHERE binary_id NOT IN (SELECT id FROM binaries)") == 0)
    }

    @Test func aFileThatGoesBadLosesItsRowsAndNothingElse() throws {
        let workspace = try Workspace()
        _ = try workspace.index()
        let before = try workspace.count("SELECT count(*) FROM binaries")
        let deb = workspace.root + "/packages/dwhello_1.0-1_amd64.deb"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: deb))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: deb))
        let summary = try workspace.index()
        #expect(summary.failed == 1)
        #expect(summary.failures.first?.path == deb)
        #expect(try workspace.count("SELECT count(*) FROM binaries") == before - 1)
        #expect(try workspace.count("SELECT count(*) FROM failures") == 1)
        #expect(try workspace.count("PRAGMA foreign_key_check") == -1, "no dangling rows")
        // Mended, it comes back and the failure is forgotten.
        try bytes.write(to: URL(fileURLWithPath: deb))
        let mended = try workspace.index()
        #expect(mended.failed == 0 && mended.new == 1)
        #expect(try workspace.count("SELECT count(*) FROM failures") == 0)
    }

    @Test func fullTextAndPathSearchWork() throws {
        let workspace = try Workspace()
        _ = try workspace.index()
        #expect(try workspace.count("SELECT count(*) FROM text_fts WHERE text_fts MATCH 'dwhello'") > 0)
        let owners = try workspace.store.db.query("""
            SELECT DISTINCT b.package FROM binary_path_fts f JOIN binary_files bf ON bf.id = f.rowid
            JOIN binaries b ON b.id = bf.binary_id WHERE binary_path_fts MATCH '"bin/dwh"' ORDER BY 1
            """) { $0.string(0) }
        #expect(owners == ["dwhello"])
        #expect(try workspace.count("SELECT count(*) FROM source_path_fts WHERE source_path_fts MATCH '\"patches/\"'") > 0)
        // Deleting rows keeps the external-content FTS tables in step (no stale rowids).
        try workspace.store.db.execute("DELETE FROM files")
        #expect(try workspace.count("SELECT count(*) FROM binary_path_fts WHERE binary_path_fts MATCH '\"bin/dwh\"'") == 0)
        #expect(try workspace.count("SELECT count(*) FROM text_fts WHERE text_fts MATCH 'dwhello'") == 0)
        try workspace.store.db.execute("INSERT INTO binary_path_fts(binary_path_fts) VALUES ('integrity-check')")
    }

    @Test func notAnIndexIsAClearError() throws {
        let scratch = try TemporaryDirectory()
        let path = try scratch.write("index.sqlite", String(repeating: "this is not sqlite\n", count: 100))
        #expect {
            _ = try IndexStore(path: path)
        } throws: { error in
            String(describing: error) == "\(path): not an SQLite database (is --index pointing at the right file?)"
        }
    }

    @Test func schemaIsVersionedAndNewerIsRefused() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.appending("index.sqlite")
        do {
            let store = try IndexStore(path: path)
            #expect(store.schemaVersion == Schema.version)
            try store.db.execute("PRAGMA user_version = 99")
        }
        #expect(throws: IndexError.self) { _ = try IndexStore(path: path) }
    }

    @Test func migrationTwoBackfillsControlFieldsAsJSON() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.appending("index.sqlite")
        do {
            // A version-1 index with one binary, as debwork 0.1 wrote it.
            let db = try Database(path: path)
            try db.execute(Schema.migrations[0].sql)
            try db.execute("PRAGMA user_version = 1")
            try db.run("INSERT INTO files(path, kind, area, size, mtime_ns, area_path, indexed_at) VALUES ('/x.deb', 'deb', 'builds', 1, 1, 'x.deb', 0)")
            try db.run("""
                INSERT INTO binaries(file_id, package, version, architecture, source, source_version, control,
                    control_compression, data_compression)
                VALUES (1, 'x', '1.0', 'all', 'x', '1.0', 'Package: x\nVersion: 1.0\nDepends: libc6 (>= 2.36)\n', 'xz', 'xz')
                """)
        }
        let store = try IndexStore(path: path)
        #expect(store.schemaVersion == Schema.version)
        let depends = try store.db.scalar("SELECT json_extract(fields, '$.depends') FROM binaries")?.string
        #expect(depends == "libc6 (>= 2.36)")
    }

    /// Migration 3 (debdiff's listing): an index written before it is upgraded, its binary packages are
    /// read again by the next run, and afterwards every regular file has an MD5 and every package its
    /// control members.
    @Test func migrationThreeRereadsBinaryPackages() throws {
        let workspace = try Workspace()
        _ = try workspace.index()
        let debs = try workspace.count("SELECT count(*) FROM binaries")
        #expect(debs > 10)
        #expect(try workspace.count("SELECT count(*) FROM binaries WHERE listing = 1") == debs)
        #expect(try workspace.count("SELECT count(*) FROM binary_files WHERE type = 'regular' AND md5 IS NULL") == 0)
        #expect(try workspace.count("SELECT count(*) FROM binary_files WHERE md5_from_data = 1") > 0) // conffiles
        #expect(try workspace.count("SELECT count(DISTINCT binary_id) FROM binary_members WHERE name = 'control'") == debs)
        // Back to what a version-2 index holds.
        try workspace.store.db.execute("""
            DROP TRIGGER dist_binaries_names_delete; DROP TRIGGER dist_sources_names_delete;
            DROP TABLE dist_binary_names_fts; DROP TABLE dist_source_names_fts;
            DROP TRIGGER dist_binaries_delete; DROP TRIGGER dist_sources_delete; DROP TABLE dist_text_fts;
            DROP TABLE binary_members;
            ALTER TABLE binary_files DROP COLUMN tar_name;
            ALTER TABLE binary_files DROP COLUMN tar_target;
            ALTER TABLE binary_files DROP COLUMN md5_from_data;
            ALTER TABLE binaries DROP COLUMN listing;
            DROP TABLE field_values;
            DROP TRIGGER binaries_fields_insert; DROP TRIGGER binaries_fields_update; DROP TRIGGER binaries_fields_delete;
            DROP TRIGGER sources_fields_insert; DROP TRIGGER sources_fields_update; DROP TRIGGER sources_fields_delete;
            DROP TABLE findings;
            DROP TABLE configured_distributions;
            ALTER TABLE distributions DROP COLUMN signed_by;
            ALTER TABLE binaries DROP COLUMN changelog;
            ALTER TABLE binaries DROP COLUMN news;
            DROP INDEX binary_files_md5; DROP INDEX binary_files_sha256; DROP INDEX source_tree_sha256;
            ALTER TABLE binary_files DROP COLUMN sha256;
            DROP TABLE contents; DROP TABLE contents_lists; DROP TABLE contents_dirs; DROP TABLE contents_names;
            DROP TABLE contents_packages; DROP TABLE contents_dir_fts; DROP TABLE contents_name_fts;
            DROP TABLE pool_mismatches; DROP TABLE field_text;
            ALTER TABLE dist_sources DROP COLUMN dsc_size; ALTER TABLE dist_sources DROP COLUMN dsc_sha256;
            PRAGMA user_version = 2;
            """)
        let upgraded = try IndexStore(path: workspace.store.path)
        #expect(upgraded.schemaVersion == Schema.version)
        #expect(try upgraded.db.scalar("SELECT count(*) FROM binaries WHERE listing = 0")?.int == debs)
        let summary = try Indexer(options: .init(jobs: 2)).run(paths: [workspace.root], store: upgraded)
        // Migration 8 has every Release read again too (the stanzas' fields).
        let releases = try workspace.count("SELECT count(*) FROM files WHERE kind = 'release'")
        #expect(Int64(summary.updated) == debs + releases)
        #expect(try upgraded.db.scalar("SELECT count(*) FROM binaries WHERE listing = 1")?.int == debs)
    }

    /// Migration 4: `field_values` holds exactly the `fields` JSON of every package, also after rows are
    /// replaced (triggers), and is filled for an index written before it.
    @Test func fieldValuesFollowTheFieldsJSON() throws {
        let workspace = try Workspace()
        _ = try workspace.index()
        let expected = "SELECT count(*) FROM binaries b, json_each(b.fields) j WHERE j.type = 'text'"
        let fromSources = "SELECT count(*) FROM sources s, json_each(s.fields) j WHERE j.type = 'text'"
        let total = try workspace.count(expected) + workspace.count(fromSources)
        #expect(total > 100)
        // Owners below 0 are the distributions' stanzas (migration 8).
        #expect(try workspace.count("SELECT count(*) FROM field_values WHERE owner >= 0") == total)
        #expect(try workspace.count("SELECT count(*) FROM field_values WHERE name = 'package' AND owner >= 0 AND owner % 2 = 0")
                == workspace.count("SELECT count(*) FROM binaries"))
        // Rows written again (an updated file) and removed files keep the table in step.
        try workspace.store.db.execute("UPDATE files SET sha256 = NULL")
        _ = try workspace.index()
        #expect(try workspace.count("SELECT count(*) FROM field_values WHERE owner >= 0") == total)
        try workspace.store.db.execute("DELETE FROM files")
        #expect(try workspace.count("SELECT count(*) FROM field_values") == 0)
        // An index at version 3 gets the rows from the JSON.
        _ = try workspace.index()
        try workspace.store.db.execute("""
            DROP TRIGGER dist_binaries_names_delete; DROP TRIGGER dist_sources_names_delete;
            DROP TABLE dist_binary_names_fts; DROP TABLE dist_source_names_fts;
            DROP TRIGGER dist_binaries_delete; DROP TRIGGER dist_sources_delete; DROP TABLE dist_text_fts;
            DROP TABLE field_values;
            DROP TRIGGER binaries_fields_insert; DROP TRIGGER binaries_fields_update; DROP TRIGGER binaries_fields_delete;
            DROP TRIGGER sources_fields_insert; DROP TRIGGER sources_fields_update; DROP TRIGGER sources_fields_delete;
            DROP TABLE findings;
            DROP TABLE configured_distributions;
            ALTER TABLE distributions DROP COLUMN signed_by;
            ALTER TABLE binaries DROP COLUMN changelog;
            ALTER TABLE binaries DROP COLUMN news;
            DROP INDEX binary_files_md5; DROP INDEX binary_files_sha256; DROP INDEX source_tree_sha256;
            ALTER TABLE binary_files DROP COLUMN sha256;
            DROP TABLE contents; DROP TABLE contents_lists; DROP TABLE contents_dirs; DROP TABLE contents_names;
            DROP TABLE contents_packages; DROP TABLE contents_dir_fts; DROP TABLE contents_name_fts;
            DROP TABLE pool_mismatches; DROP TABLE field_text;
            ALTER TABLE dist_sources DROP COLUMN dsc_size; ALTER TABLE dist_sources DROP COLUMN dsc_sha256;
            PRAGMA user_version = 3;
            """)
        let upgraded = try IndexStore(path: workspace.store.path)
        #expect(try upgraded.db.scalar("SELECT count(*) FROM field_values WHERE owner >= 0")?.int == total)
    }

    /// Migration 10: the names' trigram indexes hold the stanzas the writer adds, are filled for an index written
    /// before it, and follow the stanzas when a distribution's rows go.
    @Test func stanzaNameTrigramsFollowTheStanzas() throws {
        let workspace = try Workspace()
        _ = try workspace.index()
        // What the trigram query below selects (detail=none: both trigrams anywhere in the row's names).
        let binaries = try workspace.count("""
            SELECT count(*) FROM dist_binaries
            WHERE instr(package || ' ' || source, 'hel') > 0 AND instr(package || ' ' || source, 'llo') > 0
            """)
        let sources = try workspace.count("SELECT count(*) FROM dist_sources WHERE instr(package, 'hel') > 0 AND instr(package, 'llo') > 0")
        #expect(binaries > 0 && sources > 0)
        func check(_ store: IndexStore, _ binaryCount: Int64, _ sourceCount: Int64) throws {
            for table in ["dist_binary_names_fts", "dist_source_names_fts"] {
                try store.db.execute("INSERT INTO \(table)(\(table), rank) VALUES ('integrity-check', 1)")
            }
            #expect(try store.db.scalar("""
                SELECT count(*) FROM dist_binary_names_fts WHERE dist_binary_names_fts MATCH '"hel" AND "llo"'
                """)?.int == binaryCount)
            #expect(try store.db.scalar("""
                SELECT count(*) FROM dist_source_names_fts WHERE dist_source_names_fts MATCH '"hel" AND "llo"'
                """)?.int == sourceCount)
        }
        try check(workspace.store, binaries, sources)
        try workspace.store.db.execute("""
            DROP TRIGGER dist_binaries_names_delete; DROP TRIGGER dist_sources_names_delete;
            DROP TABLE dist_binary_names_fts; DROP TABLE dist_source_names_fts;
            DROP TABLE pool_mismatches; DROP TABLE field_text;
            ALTER TABLE dist_sources DROP COLUMN dsc_size; ALTER TABLE dist_sources DROP COLUMN dsc_sha256;
            PRAGMA user_version = 9;
            """)
        let upgraded = try IndexStore(path: workspace.store.path)
        try check(upgraded, binaries, sources)
        try upgraded.db.execute("DELETE FROM files WHERE kind = 'release'")
        try check(upgraded, 0, 0)
    }

    @Test func statusReportsRepositoriesInMiniBuilddShape() throws {
        let workspace = try Workspace()
        _ = try workspace.index()
        let status = try workspace.store.status(version: "test", identity: "debwork")
        let repository = try #require(status.repositories["test"])
        #expect(repository.codenames == ["bookworm", "bullseye"])
        #expect(repository.layout.members.map(\.key).contains("unstable"))
        let indexed = try #require(status.index.repositories.first)
        #expect(indexed.distributions.contains { $0.name == "bookworm-test-unstable" && !$0.snapshots.isEmpty })
    }
}
