import Artifacts
import JSONOutput
import DebianFormats
import SQLite
import SystemCalls

extension IndexStore {
    /// The size and mtime recorded for an indexed file, if any.
    func recordedState(of path: String) throws -> (size: Int64, mtime: Int64)? {
        try db.query("SELECT size, mtime_ns FROM files WHERE path = ?1", [.text(path)]) { row in
            (row.int(0), row.int(1))
        }.first
    }

    /// All indexed paths with their state and content hash (read once per run, so the unchanged check costs
    /// no query per file).
    func recordedStates() throws -> [String: (size: Int64, mtime: Int64, sha256: String?)] {
        var states: [String: (size: Int64, mtime: Int64, sha256: String?)] = [:]
        for (path, size, mtime, sha256) in try db.query("SELECT path, size, mtime_ns, sha256 FROM files", [], { row in
            (row.string(0), row.int(1), row.int(2), row.optionalString(3))
        }) {
            states[path] = (size, mtime, sha256)
        }
        return states
    }

    /// Records the size and times seen for a file whose content is unchanged (a `touch` changes them).
    func updateState(_ item: WorkItem) throws {
        try db.run("UPDATE files SET size = ?2, mtime_ns = ?3 WHERE path = ?1 AND (size != ?2 OR mtime_ns != ?3)",
                   [.text(item.path), .integer(item.size), .integer(item.mtimeNanoseconds)])
        try db.run("DELETE FROM failures WHERE path = ?1", [.text(item.path)])
    }

    /// Replaces everything known about `item.path` with `artifact`. Must run inside a transaction so a
    /// file's rows appear all at once or not at all.
    /// - Returns: the file's warnings (the artifact's, and those found while a Contents file is streamed in).
    @discardableResult
    func write(_ item: WorkItem, _ artifact: ParsedArtifact, sha256: String?, now: Int64,
               limits: ArchiveReaderLimits = .default) throws -> [String] {
        try db.run("DELETE FROM files WHERE path = ?1", [.text(item.path)])
        try db.run("DELETE FROM failures WHERE path = ?1", [.text(item.path)])
        var repositoryID: SQLValue = .null
        if let root = item.repositoryRoot {
            let id = try db.scalar("""
                INSERT INTO repositories(root, identity) VALUES (?1, ?2)
                ON CONFLICT(root) DO UPDATE SET identity = excluded.identity RETURNING id
                """, [.text(root), .text(item.repositoryIdentity ?? FileSystem.baseName(root))])
            repositoryID = id ?? .null
        }
        try db.run("""
            INSERT INTO files(path, kind, area, size, mtime_ns, sha256, repository_id, area_path, indexed_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """, [.text(item.path), .text(item.kind.rawValue), .text(item.area.rawValue), .integer(item.size),
                  .integer(item.mtimeNanoseconds), SQLValue(sha256), repositoryID, .text(item.areaPath), .integer(now)])
        let fileID = db.lastInsertRowID
        for warning in artifact.warnings {
            try db.run("INSERT INTO warnings(file_id, message) VALUES (?1, ?2)", [.integer(fileID), .text(warning)])
        }
        switch artifact {
        case .binary(let package): try writeBinary(package, fileID: fileID)
        case .source(let package): try writeSource(package, fileID: fileID)
        case .upload(let upload): try writeUpload(upload, fileID: fileID)
        case .distribution(let distribution):
            guard case .integer(let repository) = repositoryID else {
                throw IndexError(path: item.path, reason: "a distribution outside a repository tree")
            }
            try writeDistribution(distribution, fileID: fileID, repositoryID: repository)
        case .configuration(let configuration):
            guard case .integer(let repository) = repositoryID else {
                throw IndexError(path: item.path, reason: "a reprepro configuration outside a repository tree")
            }
            try writeConfiguration(configuration, fileID: fileID, repositoryID: repository)
        case .contents(let list):
            let warnings = try writeContents(list, fileID: fileID, limits: limits)
            for warning in warnings {
                try db.run("INSERT INTO warnings(file_id, message) VALUES (?1, ?2)", [.integer(fileID), .text(warning)])
            }
            return artifact.warnings + warnings
        }
        return artifact.warnings
    }

    /// Records that `item` could not be read, dropping whatever was known about it before unless `keepRows`
    /// (the file is there but cannot be read by this user: that says nothing about its content).
    func recordFailure(_ item: WorkItem, reason: String, now: Int64, keepRows: Bool = false) throws {
        if !keepRows { try db.run("DELETE FROM files WHERE path = ?1", [.text(item.path)]) }
        try db.run("""
            INSERT OR REPLACE INTO failures(path, size, mtime_ns, reason, failed_at) VALUES (?1, ?2, ?3, ?4, ?5)
            """, [.text(item.path), .integer(item.size), .integer(item.mtimeNanoseconds), .text(reason), .integer(now)])
    }

    /// Removes indexed files below `root` that the scan did not see, except below `unreadable` directories
    /// (they exist; their content is unknown, not gone). Returns how many were removed.
    func removeMissing(under root: String, seen: Set<String>, unreadable: [String] = []) throws -> Int {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        let paths = try db.query("SELECT path FROM files WHERE substr(path, 1, ?2) = ?1",
                                 [.text(prefix), .integer(Int64(prefix.utf8.count))]) { $0.string(0) }
        let kept = unreadable.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        var removed = 0
        for path in paths where !seen.contains(path) && !kept.contains(where: { path.hasPrefix($0) }) {
            try db.run("DELETE FROM files WHERE path = ?1", [.text(path)])
            removed += 1
        }
        let stillThere = seen.filter { $0.hasPrefix(prefix) }
        for failure in try db.query("SELECT path FROM failures WHERE substr(path, 1, ?2) = ?1",
                                    [.text(prefix), .integer(Int64(prefix.utf8.count))], { $0.string(0) })
            where !stillThere.contains(failure) && !kept.contains(where: { failure.hasPrefix($0) }) {
            try db.run("DELETE FROM failures WHERE path = ?1", [.text(failure)])
        }
        try db.run("DELETE FROM repositories WHERE id NOT IN (SELECT repository_id FROM files WHERE repository_id IS NOT NULL)")
        return removed
    }

    /// How many files the index holds.
    func fileCount() throws -> Int {
        Int(try db.scalar("SELECT count(*) FROM files")?.int ?? 0)
    }

    /// Merges each full-text index into one segment (FTS5 `optimize`), dropping deleted rows' tombstones.
    func optimizeFullText() throws {
        for table in ["text_fts", "binary_path_fts", "source_path_fts", "dist_text_fts", "dist_binary_names_fts",
                      "dist_source_names_fts"] {
            try db.run("INSERT INTO \(table)(\(table)) VALUES ('optimize')", [])
        }
    }

    /// The `--changelog-bytes` the indexed binaries were read with (the default when none was recorded).
    func changelogBytes() throws -> Int {
        let value = try db.scalar("SELECT value FROM meta WHERE key = 'changelog_bytes'")?.string
        return value.flatMap { Int($0) } ?? DebReader.changelogLimit
    }

    func recordChangelogBytes(_ bytes: Int) throws {
        try db.run("INSERT OR REPLACE INTO meta(key, value) VALUES ('changelog_bytes', ?1)", [.text(String(bytes))])
    }

    func touchRoot(_ root: String, now: Int64) throws {
        try db.run("INSERT INTO roots(path, scanned_at) VALUES (?1, ?2) ON CONFLICT(path) DO UPDATE SET scanned_at = excluded.scanned_at",
                   [.text(root), .integer(now)])
        try db.run("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_update', ?1)", [.text(String(now))])
    }

    private func writeBinary(_ package: BinaryPackage, fileID: Int64) throws {
        let control = package.control
        let source = package.source
        try db.run("""
            INSERT INTO binaries(file_id, package, version, architecture, source, source_version, section, priority,
                installed_size, maintainer, description, control, control_compression, data_compression, fields, listing)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 1)
            """, [.integer(fileID), .text(package.package), .text(package.version), .text(package.architecture),
                  .text(source.name), .text(source.version), SQLValue(control["Section"]), SQLValue(control["Priority"]),
                  SQLValue(control["Installed-Size"].flatMap { Int64($0) }), SQLValue(control["Maintainer"]),
                  SQLValue(control["Description"]), .text(package.controlText), .text(package.controlCompression),
                  .text(package.dataCompression), .text(FieldsJSON.encode(control))])
        let id = db.lastInsertRowID
        let insertFile = try db.prepare("""
            INSERT INTO binary_files(binary_id, path, type, mode, size, owner, grp, link_target, md5, conffile,
                tar_name, tar_target, md5_from_data, sha256)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            """)
        for file in package.files {
            let usualName = "./" + file.path + (file.type == .directory ? "/" : "")
            try insertFile.run([.integer(id), .text(file.path), .text(file.type.rawValue), .integer(Int64(file.mode)),
                                .integer(file.size), .text(file.owner), .text(file.group), SQLValue(file.linkTarget),
                                SQLValue(file.md5), SQLValue(file.isConffile),
                                file.tarName == usualName ? .null : .text(file.tarName),
                                file.tarLinkTarget == file.linkTarget ? .null : SQLValue(file.tarLinkTarget),
                                SQLValue(file.md5FromData), SQLValue(file.sha256)])
        }
        let insertMember = try db.prepare(
            "INSERT INTO binary_members(binary_id, position, name, executable, content) VALUES (?1, ?2, ?3, ?4, ?5)")
        for (position, member) in package.controlMembers.enumerated() {
            try insertMember.run([.integer(id), .integer(Int64(position)), .text(member.name),
                                  SQLValue(member.isExecutable), .blob(member.bytes)])
        }
        for (name, content) in package.scripts.sorted(by: { $0.key < $1.key }) {
            try db.run("INSERT INTO binary_scripts(binary_id, name, content) VALUES (?1, ?2, ?3)",
                       [.integer(id), .text(name), .text(content)])
        }
        for finding in package.findings {
            try db.run("INSERT INTO findings(file_id, kind, path, claimed, actual) VALUES (?1, ?2, ?3, ?4, ?5)",
                       [.integer(fileID), .text(finding.kind.rawValue), .text(finding.path), SQLValue(finding.claimed),
                        SQLValue(finding.actual)])
        }
        for line in package.conffiles {
            try db.run("INSERT INTO binary_conffiles(binary_id, line) VALUES (?1, ?2)", [.integer(id), .text(line)])
        }
        if package.changelog != nil || package.news != nil {
            try db.run("UPDATE binaries SET changelog = ?2, news = ?3 WHERE id = ?1",
                       [.integer(id), SQLValue(package.changelog), SQLValue(package.news)])
        }
        let changelogText = [package.changelog, package.news].compactMap { $0 }.joined(separator: "\n")
        try db.run("INSERT INTO text_fts(rowid, name, version, description, changelog, control) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                   [.integer(id * 4), .text(package.package), .text(package.version),
                    .text(control["Description"] ?? ""), .text(changelogText), .text(package.controlText)])
    }

    private func writeSource(_ package: SourcePackage, fileID: Int64) throws {
        let dsc = package.dsc
        try db.run("""
            INSERT INTO sources(file_id, package, version, format, maintainer, architecture, binary, dsc, signed, control,
                changelog, fields)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """, [.integer(fileID), .text(package.package), .text(package.version), .text(package.format),
                  SQLValue(dsc["Maintainer"]), SQLValue(dsc["Architecture"]), SQLValue(dsc["Binary"]),
                  .text(package.dscText), SQLValue(package.isSigned), SQLValue(package.controlText),
                  SQLValue(package.changelogText), .text(FieldsJSON.encode(dsc))])
        let id = db.lastInsertRowID
        for file in package.files {
            try db.run("INSERT INTO source_files(source_id, name, size, md5, sha1, sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                       [.integer(id), .text(file.name), .integer(file.size), SQLValue(file.md5), SQLValue(file.sha1),
                        SQLValue(file.sha256)])
        }
        let insertTree = try db.prepare("""
            INSERT INTO source_tree(source_id, path, type, mode, size, sha256, link_target) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """)
        for entry in package.tree {
            try insertTree.run([.integer(id), .text(entry.path), .text(entry.type.rawValue), .integer(Int64(entry.mode)),
                                .integer(entry.size), SQLValue(entry.sha256), SQLValue(entry.linkTarget)])
        }
        for (position, patch) in package.series.enumerated() {
            try db.run("INSERT INTO source_series(source_id, position, patch) VALUES (?1, ?2, ?3)",
                       [.integer(id), SQLValue(position), .text(patch)])
        }
        for (position, entry) in (package.changelog?.entries ?? []).enumerated() {
            try db.run("""
                INSERT INTO changelog_entries(source_id, position, package, version, distributions, urgency, metadata,
                    maintainer, date, timestamp, closes, changes)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                """, [.integer(id), SQLValue(position), .text(entry.source), .text(entry.version),
                      .text(entry.distributions.joined(separator: " ")), .text(entry.urgency),
                      .text(entry.metadata.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")),
                      .text(entry.maintainer), .text(entry.date), SQLValue(entry.timestamp.map { Int64($0) }),
                      .text(entry.closes.map(String.init).joined(separator: " ")), .text(entry.changes)])
        }
        try db.run("INSERT INTO text_fts(rowid, name, version, description, changelog, control) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                   [.integer(id * 4 + 1), .text(package.package), .text(package.version),
                    .text(Self.descriptions(inControl: package.controlText ?? "")), .text(package.changelogText ?? ""),
                    .text(package.dscText + "\n" + (package.controlText ?? ""))])
    }

    private func writeUpload(_ upload: Upload, fileID: Int64) throws {
        let fields = upload.fields
        try db.run("""
            INSERT INTO uploads(file_id, source, version, distribution, architecture, date, maintainer, changed_by, changes, text, signed)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """, [.integer(fileID), .text(upload.source), .text(upload.version), .text(upload.distribution),
                  SQLValue(fields["Architecture"]), SQLValue(fields["Date"]), SQLValue(fields["Maintainer"]),
                  SQLValue(fields["Changed-By"]), .text(upload.changesText), .text(upload.text), SQLValue(upload.isSigned)])
        let id = db.lastInsertRowID
        for file in upload.files {
            try db.run("""
                INSERT INTO upload_files(upload_id, name, size, md5, sha1, sha256, section, priority)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """, [.integer(id), .text(file.name), .integer(file.size), SQLValue(file.md5), SQLValue(file.sha1),
                      SQLValue(file.sha256), SQLValue(file.section), SQLValue(file.priority)])
        }
        try db.run("INSERT INTO text_fts(rowid, name, version, description, changelog, control) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                   [.integer(id * 4 + 2), .text(upload.source), .text(upload.version), .text(fields["Description"] ?? ""),
                    .text(upload.changesText), .text(upload.text)])
    }

    private func writeDistribution(_ distribution: RepositoryDistribution, fileID: Int64, repositoryID: Int64) throws {
        let release = distribution.release
        let parsed = try? Distribution(distribution.name)
        try db.run("""
            INSERT INTO distributions(file_id, repository_id, name, snapshot, codename, repo, suite, rollback, origin, label,
                date, architectures, components, release, signed_by)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            """, [.integer(fileID), .integer(repositoryID), .text(distribution.name), SQLValue(distribution.snapshot),
                  SQLValue(parsed?.codename ?? release["Codename"]), SQLValue(parsed?.repository), SQLValue(parsed?.suite),
                  SQLValue(parsed?.rollback.map { Int64($0) }), SQLValue(release["Origin"]), SQLValue(release["Label"]),
                  SQLValue(release["Date"]), SQLValue(release["Architectures"]), SQLValue(release["Components"]),
                  .text(distribution.releaseText), SQLValue(distribution.signedBy)])
        let id = db.lastInsertRowID
        let insertSource = try db.prepare("""
            INSERT INTO dist_sources(distribution_id, package, version, component, dsc_path, dsc_size, dsc_sha256)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """)
        // Every stanza's fields as `field_values` rows (owner = -2^50 + id * 2 binary, + 1 source; Schema 8).
        let insertField = try db.prepare("INSERT OR REPLACE INTO field_values(owner, name, value) VALUES (?1, ?2, ?3)")
        // A large share of the index's stanzas (a whole release's Packages and Sources) rebuilds the (name, value) index
        // in one sort rather than inserting into it in owner order: bookworm main's 1.4 M rows left it 17 % empty pages.
        let stanzas = Int64(distribution.sources.count + distribution.binaries.count)
        let rebuildLookup = try stanzas >= Self.lookupRebuildStanzas && Self.rebuildsIndex(
            adding: stanzas, atLeast: Self.lookupRebuildStanzas, of: db.scalar("""
                SELECT (SELECT count(*) FROM dist_binaries) + (SELECT count(*) FROM dist_sources)
                    + (SELECT count(*) FROM binaries) + (SELECT count(*) FROM sources)
                """)?.int ?? 0)
        if rebuildLookup { try db.execute("DROP INDEX IF EXISTS field_values_lookup") }
        for source in distribution.sources {
            try insertSource.run([.integer(id), .text(source.package), .text(source.version), .text(source.component),
                                  .text(source.dscPath), SQLValue(source.dscSize), SQLValue(source.dscSHA256)])
            let owner = Schema.stanzaOwnerBase + db.lastInsertRowID * 2 + 1
            for (name, value) in source.fields.pairs {
                try insertField.run([.integer(owner), .text(name), .text(value)])
            }
        }
        let insertBinary = try db.prepare("""
            INSERT INTO dist_binaries(distribution_id, package, version, architecture, component, source, source_version,
                path, size, sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        // An index-only binary's name and description are searchable with `--text` (Schema 8).
        let insertText = try db.prepare("INSERT INTO dist_text_fts(rowid, name, description) VALUES (?1, ?2, ?3)")
        for binary in distribution.binaries {
            try insertBinary.run([.integer(id), .text(binary.package), .text(binary.version), .text(binary.architecture),
                                  .text(binary.component), .text(binary.source), .text(binary.sourceVersion),
                                  .text(binary.path), .integer(binary.size), SQLValue(binary.sha256)])
            let memberID = db.lastInsertRowID
            let fields = binary.fields.pairs
            for (name, value) in fields {
                try insertField.run([.integer(Schema.stanzaOwnerBase + memberID * 2), .text(name), .text(value)])
            }
            let description = fields.first { $0.name == "description" }?.value ?? ""
            try insertText.run([.integer(memberID), .text(binary.package), .text(description)])
        }
        if rebuildLookup {
            // SQLite's sorter holds as much as the page cache in memory, on top of it: the cache is cut for the sort.
            try db.execute("PRAGMA cache_size = -\(Self.sortCacheKiB); CREATE INDEX field_values_lookup ON field_values(name, value)")
            try db.execute("PRAGMA cache_size = -\(Self.writerCacheKiB)")
        }
        // The names' trigram indexes (schema 10), in one statement each.
        try db.run("""
            INSERT INTO dist_binary_names_fts(rowid, package, source)
            SELECT id, package, source FROM dist_binaries WHERE distribution_id = ?1
            """, [.integer(id)])
        try db.run("INSERT INTO dist_source_names_fts(rowid, package) SELECT id, package FROM dist_sources WHERE distribution_id = ?1",
                   [.integer(id)])
    }

    /// Stanzas at least this many (and a quarter of the index's) rebuild `field_values_lookup` after they are written.
    static let lookupRebuildStanzas: Int64 = 10_000

    /// The page cache (KiB) while an index is built anew (SQLite's sorter holds as much again).
    static let sortCacheKiB = 2048

    private func writeConfiguration(_ configuration: RepositoryConfiguration, fileID: Int64, repositoryID: Int64) throws {
        let insert = try db.prepare("""
            INSERT INTO configured_distributions(file_id, repository_id, position, codename, suite, repo, rollback,
                label, origin, description, components, udeb_components, architectures, has_sources, not_automatic,
                but_automatic_upgrades) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            """)
        for (position, stanza) in configuration.distributions.enumerated() {
            let parsed = try? Distribution(stanza.codename)
            try insert.run([.integer(fileID), .integer(repositoryID), .integer(Int64(position)), .text(stanza.codename),
                            SQLValue(parsed?.suite), SQLValue(parsed?.repository), SQLValue(parsed?.rollback.map { Int64($0) }),
                            SQLValue(stanza.label), SQLValue(stanza.origin), SQLValue(stanza.description),
                            .text(stanza.components.joined(separator: " ")),
                            .text(stanza.udebComponents.joined(separator: " ")),
                            .text(stanza.architectures.joined(separator: " ")), SQLValue(stanza.hasSources),
                            SQLValue(stanza.notAutomatic), SQLValue(stanza.butAutomaticUpgrades)])
        }
    }

    /// The short descriptions of the binary stanzas in a debian/control text.
    static func descriptions(inControl text: String) -> String {
        text.split(separator: "\n").filter { $0.lowercased().hasPrefix("description:") }
            .map { $0.dropFirst("description:".count).trimmingCharacters(in: " ") }
            .joined(separator: "\n")
    }

    static func jsonArray(_ strings: some Sequence<String>) -> String {
        // Written string by string: a `JSONValue` tree of 622 names first cost `--where … --latest` 1.5 M instructions.
        var text = "["
        for string in strings {
            if text.utf8.count > 1 { text += "," }
            JSONValue.writeString(string, to: &text)
        }
        return text + "]"
    }
}
