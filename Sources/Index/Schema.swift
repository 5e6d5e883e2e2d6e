import SQLite

/// One schema step: SQL, then optionally a Swift backfill for what SQL alone cannot compute.
struct Migration: Sendable {
    let sql: String
    let backfill: (@Sendable (Database) throws -> Void)?

    init(_ sql: String, backfill: (@Sendable (Database) throws -> Void)? = nil) {
        self.sql = sql
        self.backfill = backfill
    }
}

/// The index schema as an ordered list of migrations. `PRAGMA user_version` holds how many have run.
///
/// Append new migrations; never edit one that has shipped.
enum Schema {
    static let migrations: [Migration] = [
        // 1: the foundation schema.
        Migration("""
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE roots(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, scanned_at INTEGER NOT NULL);
        CREATE TABLE repositories(
            id INTEGER PRIMARY KEY, root TEXT NOT NULL UNIQUE, identity TEXT NOT NULL);
        CREATE TABLE files(
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            area TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            sha256 TEXT,
            repository_id INTEGER REFERENCES repositories(id) ON DELETE SET NULL,
            area_path TEXT NOT NULL,
            indexed_at INTEGER NOT NULL);
        CREATE INDEX files_kind ON files(kind, area);
        CREATE TABLE failures(
            path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, reason TEXT NOT NULL,
            failed_at INTEGER NOT NULL);
        CREATE TABLE warnings(
            file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, message TEXT NOT NULL);
        CREATE INDEX warnings_file ON warnings(file_id);

        CREATE TABLE binaries(
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE CASCADE,
            package TEXT NOT NULL, version TEXT NOT NULL, architecture TEXT NOT NULL,
            source TEXT NOT NULL, source_version TEXT NOT NULL,
            section TEXT, priority TEXT, installed_size INTEGER, maintainer TEXT, description TEXT,
            control TEXT NOT NULL, control_compression TEXT NOT NULL, data_compression TEXT NOT NULL);
        CREATE INDEX binaries_package ON binaries(package, version);
        CREATE INDEX binaries_source ON binaries(source, source_version);
        CREATE TABLE binary_files(
            id INTEGER PRIMARY KEY,
            binary_id INTEGER NOT NULL REFERENCES binaries(id) ON DELETE CASCADE,
            path TEXT NOT NULL, type TEXT NOT NULL, mode INTEGER NOT NULL, size INTEGER NOT NULL,
            owner TEXT NOT NULL, grp TEXT NOT NULL, link_target TEXT, md5 TEXT, conffile INTEGER NOT NULL);
        CREATE INDEX binary_files_binary ON binary_files(binary_id);
        CREATE TABLE binary_scripts(
            binary_id INTEGER NOT NULL REFERENCES binaries(id) ON DELETE CASCADE,
            name TEXT NOT NULL, content TEXT NOT NULL);
        CREATE INDEX binary_scripts_binary ON binary_scripts(binary_id);
        CREATE TABLE binary_conffiles(
            binary_id INTEGER NOT NULL REFERENCES binaries(id) ON DELETE CASCADE, line TEXT NOT NULL);
        CREATE INDEX binary_conffiles_binary ON binary_conffiles(binary_id);

        CREATE TABLE sources(
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE CASCADE,
            package TEXT NOT NULL, version TEXT NOT NULL, format TEXT NOT NULL,
            maintainer TEXT, architecture TEXT, binary TEXT,
            dsc TEXT NOT NULL, signed INTEGER NOT NULL, control TEXT, changelog TEXT);
        CREATE INDEX sources_package ON sources(package, version);
        CREATE TABLE source_files(
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            name TEXT NOT NULL, size INTEGER NOT NULL, md5 TEXT, sha1 TEXT, sha256 TEXT);
        CREATE INDEX source_files_source ON source_files(source_id);
        CREATE TABLE source_tree(
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            path TEXT NOT NULL, type TEXT NOT NULL, mode INTEGER NOT NULL, size INTEGER NOT NULL,
            sha256 TEXT, link_target TEXT);
        CREATE INDEX source_tree_source ON source_tree(source_id);
        CREATE TABLE source_series(
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, patch TEXT NOT NULL);
        CREATE INDEX source_series_source ON source_series(source_id);
        CREATE TABLE changelog_entries(
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, package TEXT NOT NULL, version TEXT NOT NULL,
            distributions TEXT NOT NULL, urgency TEXT NOT NULL, metadata TEXT NOT NULL,
            maintainer TEXT NOT NULL, date TEXT NOT NULL, timestamp INTEGER, closes TEXT NOT NULL,
            changes TEXT NOT NULL);
        CREATE INDEX changelog_entries_source ON changelog_entries(source_id);

        CREATE TABLE uploads(
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE CASCADE,
            source TEXT NOT NULL, version TEXT NOT NULL, distribution TEXT NOT NULL, architecture TEXT,
            date TEXT, maintainer TEXT, changed_by TEXT, changes TEXT NOT NULL, text TEXT NOT NULL,
            signed INTEGER NOT NULL);
        CREATE INDEX uploads_source ON uploads(source, version);
        CREATE TABLE upload_files(
            upload_id INTEGER NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
            name TEXT NOT NULL, size INTEGER NOT NULL, md5 TEXT, sha1 TEXT, sha256 TEXT,
            section TEXT, priority TEXT);
        CREATE INDEX upload_files_upload ON upload_files(upload_id);

        CREATE TABLE distributions(
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE CASCADE,
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            name TEXT NOT NULL, snapshot TEXT,
            codename TEXT, repo TEXT, suite TEXT, rollback INTEGER,
            origin TEXT, label TEXT, date TEXT, architectures TEXT, components TEXT,
            release TEXT NOT NULL);
        CREATE INDEX distributions_name ON distributions(name, snapshot);
        CREATE TABLE dist_sources(
            distribution_id INTEGER NOT NULL REFERENCES distributions(id) ON DELETE CASCADE,
            package TEXT NOT NULL, version TEXT NOT NULL, component TEXT NOT NULL, dsc_path TEXT NOT NULL);
        CREATE INDEX dist_sources_package ON dist_sources(package);
        CREATE INDEX dist_sources_distribution ON dist_sources(distribution_id);
        CREATE TABLE dist_binaries(
            distribution_id INTEGER NOT NULL REFERENCES distributions(id) ON DELETE CASCADE,
            package TEXT NOT NULL, version TEXT NOT NULL, architecture TEXT NOT NULL, component TEXT NOT NULL,
            source TEXT NOT NULL, source_version TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,
            sha256 TEXT);
        CREATE INDEX dist_binaries_package ON dist_binaries(package);
        CREATE INDEX dist_binaries_source ON dist_binaries(source);
        CREATE INDEX dist_binaries_distribution ON dist_binaries(distribution_id);

        -- Full text: one row per binary (rowid = 4*id), source (4*id+1) and upload (4*id+2).
        CREATE VIRTUAL TABLE text_fts USING fts5(
            name, version UNINDEXED, description, changelog, control,
            tokenize = 'unicode61 remove_diacritics 2');
        CREATE TRIGGER binaries_fts_delete AFTER DELETE ON binaries BEGIN
            DELETE FROM text_fts WHERE rowid = old.id * 4;
        END;
        CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources BEGIN
            DELETE FROM text_fts WHERE rowid = old.id * 4 + 1;
        END;
        CREATE TRIGGER uploads_fts_delete AFTER DELETE ON uploads BEGIN
            DELETE FROM text_fts WHERE rowid = old.id * 4 + 2;
        END;

        -- Substring search over paths: trigram indexes over the file lists (external content).
        CREATE VIRTUAL TABLE binary_path_fts USING fts5(
            path, content = 'binary_files', content_rowid = 'id', tokenize = 'trigram');
        CREATE TRIGGER binary_files_fts_insert AFTER INSERT ON binary_files BEGIN
            INSERT INTO binary_path_fts(rowid, path) VALUES (new.id, new.path);
        END;
        CREATE TRIGGER binary_files_fts_delete AFTER DELETE ON binary_files BEGIN
            INSERT INTO binary_path_fts(binary_path_fts, rowid, path) VALUES ('delete', old.id, old.path);
        END;
        CREATE VIRTUAL TABLE source_path_fts USING fts5(
            path, content = 'source_tree', content_rowid = 'id', tokenize = 'trigram');
        CREATE TRIGGER source_tree_fts_insert AFTER INSERT ON source_tree BEGIN
            INSERT INTO source_path_fts(rowid, path) VALUES (new.id, new.path);
        END;
        CREATE TRIGGER source_tree_fts_delete AFTER DELETE ON source_tree BEGIN
            INSERT INTO source_path_fts(source_path_fts, rowid, path) VALUES ('delete', old.id, old.path);
        END;
        """),
        // 2: every control field as a JSON object (lowercase names) for structured queries (`search --where`).
        Migration("""
            ALTER TABLE binaries ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
            ALTER TABLE sources ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
            """, backfill: FieldsJSON.backfill),
        // 3: what debdiff needs to compare binary packages without opening them: every control.tar member
        // as stored, the data.tar names and hard-link targets as stored (NULL when they are the usual
        // `./path`, `./dir/` and the cleaned target), and whether each MD5 was computed from the data.
        // Rows written before this migration lack them (`binaries.listing` = 0); their files are marked
        // changed so that the next `index` run reads them again.
        Migration("""
            CREATE TABLE binary_members(
                binary_id INTEGER NOT NULL REFERENCES binaries(id) ON DELETE CASCADE,
                position INTEGER NOT NULL, name TEXT NOT NULL, executable INTEGER NOT NULL, content BLOB NOT NULL);
            CREATE INDEX binary_members_binary ON binary_members(binary_id);
            ALTER TABLE binary_files ADD COLUMN tar_name TEXT;
            ALTER TABLE binary_files ADD COLUMN tar_target TEXT;
            ALTER TABLE binary_files ADD COLUMN md5_from_data INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE binaries ADD COLUMN listing INTEGER NOT NULL DEFAULT 0;
            UPDATE files SET mtime_ns = -1 WHERE id IN (SELECT file_id FROM binaries);
            """),
        // 4: every control field also as a row (owner = binary id * 2, source id * 2 + 1), kept in step with
        // the `fields` JSON by triggers, so `search --where` finds `Priority (required)` through an index
        // instead of parsing every package's JSON.
        Migration("""
            CREATE TABLE field_values(
                owner INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(owner, name)) WITHOUT ROWID;
            CREATE INDEX field_values_lookup ON field_values(name, value);
            INSERT OR REPLACE INTO field_values SELECT b.id * 2, j.key, j.value FROM binaries b, json_each(b.fields) j
                WHERE j.type = 'text';
            INSERT OR REPLACE INTO field_values SELECT s.id * 2 + 1, j.key, j.value FROM sources s, json_each(s.fields) j
                WHERE j.type = 'text';
            CREATE TRIGGER binaries_fields_insert AFTER INSERT ON binaries BEGIN
                INSERT OR REPLACE INTO field_values SELECT new.id * 2, key, value FROM json_each(new.fields) WHERE type = 'text';
            END;
            CREATE TRIGGER binaries_fields_update AFTER UPDATE OF fields ON binaries BEGIN
                DELETE FROM field_values WHERE owner = old.id * 2;
                INSERT OR REPLACE INTO field_values SELECT new.id * 2, key, value FROM json_each(new.fields) WHERE type = 'text';
            END;
            CREATE TRIGGER binaries_fields_delete AFTER DELETE ON binaries BEGIN
                DELETE FROM field_values WHERE owner = old.id * 2;
            END;
            CREATE TRIGGER sources_fields_insert AFTER INSERT ON sources BEGIN
                INSERT OR REPLACE INTO field_values SELECT new.id * 2 + 1, key, value FROM json_each(new.fields) WHERE type = 'text';
            END;
            CREATE TRIGGER sources_fields_update AFTER UPDATE OF fields ON sources BEGIN
                DELETE FROM field_values WHERE owner = old.id * 2 + 1;
                INSERT OR REPLACE INTO field_values SELECT new.id * 2 + 1, key, value FROM json_each(new.fields) WHERE type = 'text';
            END;
            CREATE TRIGGER sources_fields_delete AFTER DELETE ON sources BEGIN
                DELETE FROM field_values WHERE owner = old.id * 2 + 1;
            END;
            """),
        // 5: a package's claims checked against its data. `binary_files.md5` is now always the MD5 of the
        // data (it was md5sums' claim for listed files); every md5sums line the data contradicts is a finding.
        // Every binary's file loses its recorded digest, so the next `index` run reads it again.
        Migration("""
            CREATE TABLE findings(
                file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                kind TEXT NOT NULL, path TEXT NOT NULL, claimed TEXT, actual TEXT);
            CREATE INDEX findings_file ON findings(file_id);
            UPDATE files SET sha256 = NULL WHERE id IN (SELECT file_id FROM binaries);
            """),
        // 6: the distributions a reprepro tree is configured to hold (`conf/distributions`), exported or not:
        // mini-buildd configures every suite and rollback up front, reprepro writes `dists/<d>` only once a
        // package reaches it. `suite`/`repo`/`rollback` are the mini-buildd name's parts (NULL for other names).
        // `distributions.signed_by`: the fingerprint whose signature `index --keyring` verified (NULL: unchecked).
        // `binaries.changelog`/`news`: the newest entries of the package's changelog.Debian.gz / NEWS.Debian.gz
        // (searchable with `search --text`); `binary_files.sha256` the data's SHA-256 of every regular file, and
        // digest indexes for `search --hash`. The binaries' files are read again by the next run to fill them.
        Migration("""
            CREATE TABLE configured_distributions(
                file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
                position INTEGER NOT NULL, codename TEXT NOT NULL, suite TEXT, repo TEXT, rollback INTEGER,
                label TEXT, origin TEXT, description TEXT, components TEXT NOT NULL, udeb_components TEXT NOT NULL,
                architectures TEXT NOT NULL, has_sources INTEGER NOT NULL, not_automatic INTEGER NOT NULL,
                but_automatic_upgrades INTEGER NOT NULL);
            CREATE INDEX configured_distributions_repository ON configured_distributions(repository_id, codename);
            ALTER TABLE distributions ADD COLUMN signed_by TEXT;
            ALTER TABLE binaries ADD COLUMN changelog TEXT;
            ALTER TABLE binaries ADD COLUMN news TEXT;
            ALTER TABLE binary_files ADD COLUMN sha256 TEXT;
            CREATE INDEX binary_files_md5 ON binary_files(md5) WHERE md5 IS NOT NULL;
            CREATE INDEX binary_files_sha256 ON binary_files(sha256) WHERE sha256 IS NOT NULL;
            CREATE INDEX source_tree_sha256 ON source_tree(sha256) WHERE sha256 IS NOT NULL;
            UPDATE files SET sha256 = NULL WHERE id IN (SELECT file_id FROM binaries);
            """),
        // 7: the Contents-<arch> files of indexed distributions (which package ships which path), at archive
        // scale (bookworm main amd64 + all: 7.4 M lines). A path is stored as its directory (`/usr/bin/`) and
        // base name (`ls`), each string once, each with its own trigram index (detail=none, columnsize=0: a
        // prefilter only, hits are checked exactly), so the index is a few hundred MB where a trigram index
        // over the full paths would be 2 GB. `contents` is WITHOUT ROWID keyed by list, directory, name,
        // package: dropping one changed file's entries is a range delete, a directory's entries are a range
        // per list, and the index on `name_id` (which holds the key) covers the name look-ups. Directories,
        // names and packages no longer referenced are left in place (few, and shared with the file's next
        // version).
        Migration("""
            CREATE TABLE contents_lists(
                id INTEGER PRIMARY KEY,
                file_id INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE CASCADE,
                distribution TEXT NOT NULL, component TEXT NOT NULL, architecture TEXT NOT NULL,
                udeb INTEGER NOT NULL, entries INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE contents_dirs(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
            CREATE TABLE contents_names(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
            CREATE TABLE contents_packages(id INTEGER PRIMARY KEY, qualified TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
            CREATE TABLE contents(
                list_id INTEGER NOT NULL REFERENCES contents_lists(id) ON DELETE CASCADE,
                dir_id INTEGER NOT NULL, name_id INTEGER NOT NULL, package_id INTEGER NOT NULL,
                PRIMARY KEY(list_id, dir_id, name_id, package_id)) WITHOUT ROWID;
            CREATE INDEX contents_by_name ON contents(name_id);
            CREATE VIRTUAL TABLE contents_dir_fts USING fts5(
                path, content = 'contents_dirs', content_rowid = 'id', tokenize = 'trigram case_sensitive 1',
                detail = 'none', columnsize = 0);
            CREATE TRIGGER contents_dirs_fts_insert AFTER INSERT ON contents_dirs BEGIN
                INSERT INTO contents_dir_fts(rowid, path) VALUES (new.id, new.path);
            END;
            CREATE VIRTUAL TABLE contents_name_fts USING fts5(
                name, content = 'contents_names', content_rowid = 'id', tokenize = 'trigram case_sensitive 1',
                detail = 'none', columnsize = 0);
            CREATE TRIGGER contents_names_fts_insert AFTER INSERT ON contents_names BEGIN
                INSERT INTO contents_name_fts(rowid, name) VALUES (new.id, new.name);
            END;
            """),
        // 8: index-only packages (a distribution's stanzas whose pool file is not indexed: apt's lists, a partial
        // mirror) are searchable. `dist_binaries` and `dist_sources` get a stable `id` (an implicit rowid may
        // change on VACUUM), which keys their stanza fields in `field_values` (owner = -2^50 + id * 2 for a
        // binary, -2^50 + id * 2 + 1 for a source: negative, so never a file's, and growing with the id, so the
        // rows are appended in key order and the table's pages fill; -(id * 2) made it 1.6 times larger on
        // bookworm main) and a binary's name and description in
        // `dist_text_fts` (rowid = id). A sibling of `text_fts`, not rows in it: bm25 weighs a term by the
        // documents of its own table, and a Packages stanza for every pool file would change the ranks of the
        // files' hits. No JSON copy of the fields is kept: the rows are written directly. Every Release is
        // marked changed, so the next `index` run reads its stanzas again.
        Migration("""
            CREATE TABLE dist_sources_8(
                id INTEGER PRIMARY KEY,
                distribution_id INTEGER NOT NULL REFERENCES distributions(id) ON DELETE CASCADE,
                package TEXT NOT NULL, version TEXT NOT NULL, component TEXT NOT NULL, dsc_path TEXT NOT NULL);
            INSERT INTO dist_sources_8(distribution_id, package, version, component, dsc_path)
                SELECT distribution_id, package, version, component, dsc_path FROM dist_sources;
            DROP TABLE dist_sources;
            ALTER TABLE dist_sources_8 RENAME TO dist_sources;
            CREATE INDEX dist_sources_package ON dist_sources(package, version);
            CREATE INDEX dist_sources_distribution ON dist_sources(distribution_id);
            CREATE TABLE dist_binaries_8(
                id INTEGER PRIMARY KEY,
                distribution_id INTEGER NOT NULL REFERENCES distributions(id) ON DELETE CASCADE,
                package TEXT NOT NULL, version TEXT NOT NULL, architecture TEXT NOT NULL, component TEXT NOT NULL,
                source TEXT NOT NULL, source_version TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,
                sha256 TEXT);
            INSERT INTO dist_binaries_8(distribution_id, package, version, architecture, component, source, source_version,
                    path, size, sha256)
                SELECT distribution_id, package, version, architecture, component, source, source_version, path, size, sha256
                FROM dist_binaries;
            DROP TABLE dist_binaries;
            ALTER TABLE dist_binaries_8 RENAME TO dist_binaries;
            CREATE INDEX dist_binaries_package ON dist_binaries(package, version);
            CREATE INDEX dist_binaries_source ON dist_binaries(source);
            CREATE INDEX dist_binaries_distribution ON dist_binaries(distribution_id);
            CREATE VIRTUAL TABLE dist_text_fts USING fts5(
                name, description, tokenize = 'unicode61 remove_diacritics 2');
            CREATE TRIGGER dist_binaries_delete AFTER DELETE ON dist_binaries BEGIN
                DELETE FROM field_values WHERE owner = -1125899906842624 + old.id * 2;
                DELETE FROM dist_text_fts WHERE rowid = old.id;
            END;
            CREATE TRIGGER dist_sources_delete AFTER DELETE ON dist_sources BEGIN
                DELETE FROM field_values WHERE owner = -1125899906842624 + old.id * 2 + 1;
            END;
            UPDATE files SET sha256 = NULL WHERE kind = 'release';
            """),
        // 9: the Contents directories' and names' trigram rows are written by the writer in one statement per
        // Contents file, for the rows that file added (ids above the largest before it), instead of by a trigger
        // per row: the triggers interleaved FTS5's tokenizing with the B-tree inserts, one row at a time, and
        // cost a third of the names' time on bookworm (2.9 M new names in Contents-all). Directories and names
        // are never deleted, so no delete trigger goes with them.
        Migration("""
            DROP TRIGGER IF EXISTS contents_dirs_fts_insert;
            DROP TRIGGER IF EXISTS contents_names_fts_insert;
            """),
        // 10: a name search over index-only packages (`*hello*`) without a GLOB on every stanza's names (63 k binary
        // and 34 k source stanzas on bookworm main, 25 ms of a 40 ms call): trigram indexes over a binary's package
        // and source names and a source's name (external content: the names are not stored twice; detail=none,
        // columnsize=0: a prefilter only, the hits are checked with GLOB). Filled from the rows there are; the
        // writer adds a distribution's rows in one statement after writing them (a trigger per row cost 2.7 s of
        // CPU on bookworm main), triggers delete them; `dist_binaries`/`dist_sources` rows are never updated.
        Migration("""
            CREATE VIRTUAL TABLE dist_binary_names_fts USING fts5(
                package, source, content = 'dist_binaries', content_rowid = 'id', tokenize = 'trigram case_sensitive 1',
                detail = 'none', columnsize = 0);
            INSERT INTO dist_binary_names_fts(dist_binary_names_fts) VALUES ('rebuild');
            CREATE TRIGGER dist_binaries_names_delete AFTER DELETE ON dist_binaries BEGIN
                INSERT INTO dist_binary_names_fts(dist_binary_names_fts, rowid, package, source)
                    VALUES ('delete', old.id, old.package, old.source);
            END;
            CREATE VIRTUAL TABLE dist_source_names_fts USING fts5(
                package, content = 'dist_sources', content_rowid = 'id', tokenize = 'trigram case_sensitive 1',
                detail = 'none', columnsize = 0);
            INSERT INTO dist_source_names_fts(dist_source_names_fts) VALUES ('rebuild');
            CREATE TRIGGER dist_sources_names_delete AFTER DELETE ON dist_sources BEGIN
                INSERT INTO dist_source_names_fts(dist_source_names_fts, rowid, package) VALUES ('delete', old.id, old.package);
            END;
            """),
        // 11: a pool file checked against the stanzas that list it. `dist_sources` keeps the .dsc's size and SHA-256 as
        // its Sources stanza lists them (NULL: no line for it); `pool_mismatches` holds every (pool file,
        // distribution, component) whose indexed file differs in SHA-256 or size from the stanza's claim: the file's
        // rows are what is on disk, this table says that the archive's metadata disagrees. It is derived: every
        // `index` run computes it again after its writes (`IndexStore.recordPoolMismatches`), so either side may
        // change first; the cascades drop a row whose file or distribution goes. Every Release is marked changed,
        // so the next run reads the .dsc claims.
        Migration("""
            ALTER TABLE dist_sources ADD COLUMN dsc_size INTEGER;
            ALTER TABLE dist_sources ADD COLUMN dsc_sha256 TEXT;
            CREATE TABLE pool_mismatches(
                file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                distribution_id INTEGER NOT NULL REFERENCES distributions(id) ON DELETE CASCADE,
                component TEXT NOT NULL, expected_size INTEGER, expected_sha256 TEXT);
            CREATE INDEX pool_mismatches_file ON pool_mismatches(file_id);
            CREATE INDEX pool_mismatches_distribution ON pool_mismatches(distribution_id);
            UPDATE files SET sha256 = NULL WHERE kind = 'release';
            """),
        // 12: each control field's distinct values, in value order, joined by NUL bytes into chunks of at most 1 MiB,
        // so that a `--where` glob holding a literal finds the values that contain it with one `memmem` over the
        // chunks instead of reading every `field_values` row of the field (`Depends`: 42 k distinct values in 56 k
        // rows, 6 MB, on bookworm main). Derived, like `pool_mismatches`: an index run that wrote anything marks it
        // stale (meta `field_text_stale`, in the writes' transaction) and rebuilds it at its end
        // (`IndexStore.recordFieldText`); while it is stale a search scans. A value that a later run removed may
        // stay in it until then: every value it yields is looked up in `field_values`, so a stale extra is no hit.
        // `rows` counts the field's `field_values` rows whose value is in the chunk (a search weighs looking its values up
        // against scanning those rows; it comes before the chunk's text, so reading it reads no overflow page).
        // A field with a value holding a NUL byte has no chunks (a search scans it). A migration that changes
        // `field_values` must mark it stale again.
        Migration("""
            CREATE TABLE field_text(
                name TEXT NOT NULL, chunk INTEGER NOT NULL, rows INTEGER NOT NULL, text BLOB NOT NULL, PRIMARY KEY(name, chunk));
            INSERT OR REPLACE INTO meta(key, value) VALUES ('field_text_stale', '1');
            """),
    ]

    static var version: Int { migrations.count }

    /// The `field_values` owner of a distribution's stanzas (migration 8): -2^50 + id * 2 for a `dist_binaries`
    /// row, + 1 for a `dist_sources` row. Written as this literal in the SQL that needs it.
    static let stanzaOwnerBase: Int64 = -(1 << 50)
}
