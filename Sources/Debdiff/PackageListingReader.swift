import Artifacts
import Digest
import LibArchive

/// Reads a .deb into a ``PackageListing`` with libarchive, streaming: data members are hashed chunk by
/// chunk or skipped, never buffered; only the (small) control members are kept whole.
struct PackageListingReader: Sendable {
    /// Compute the MD5 of every regular file's data (for `--contents` and `-J`).
    var hashContents = false
    var limits: ArchiveReader.Limits = .default

    /// Reads the package at `path`.
    /// - Throws: ``DebdiffError`` naming the file and what is wrong with it.
    func read(path: String) throws(DebdiffError) -> PackageListing {
        do {
            return try readUnchecked(path: path)
        } catch let error as DebdiffError {
            throw error
        } catch {
            throw Self.unreadable(path, error)
        }
    }

    private func readUnchecked(path: String) throws -> PackageListing {
        let outer = try ArchiveReader(path: path, formats: .ar, limits: limits)
        var entries: [PackageListing.Entry]?
        var members: [PackageListing.ControlMember]?
        var index = 0
        while let member = try outer.nextEntry() {
            defer { index += 1 }
            if index == 0 {
                guard member.path == "debian-binary" else {
                    throw DebdiffError("\(path): first ar member is '\(member.path)', not 'debian-binary': not a Debian binary package")
                }
                // As dpkg-deb (which devscripts' debdiff runs): only format 2.x.
                let version = String(decoding: try outer.readAll(maximumSize: 64), as: UTF8.self)
                guard version.hasPrefix("2.") else {
                    throw DebdiffError("\(path): unsupported package format version '\(version.split(separator: "\n").first ?? "")'")
                }
            } else if member.path.hasPrefix("control.tar") {
                members = try DebReader.controlMembers(outer.nested(member: member.path, formats: .tar, limits: limits)).map(\.member)
            } else if member.path.hasPrefix("data.tar") {
                guard members != nil else {
                    throw DebdiffError("\(path): premature member '\(member.path)' before 'control.tar' (dpkg-deb gives up here)")
                }
                entries = try readData(outer.nested(member: member.path, formats: .tar, limits: limits), file: path)
            } else {
                try outer.skipData()
            }
        }
        guard index > 0 else { throw DebdiffError("\(path): empty archive: not a Debian binary package") }
        guard let members else { throw DebdiffError("\(path): no control.tar member") }
        // The control file as the index reads it: valid UTF-8, no NUL, names and versions by policy's grammar.
        guard let control = members.first(where: { $0.name == "control" }) else {
            throw DebdiffError("\(path): control.tar has no 'control' member")
        }
        try DebReader.checkControl(control.bytes, file: path)
        guard let entries else { throw DebdiffError("\(path): no data.tar member") }
        return PackageListing(file: path, entries: entries, controlMembers: members)
    }

    /// Lists `data.tar`, with the index's member-path checks (absolute, `..`, through a symlink, hard links
    /// out): debdiff and index refuse the same packages.
    private func readData(_ reader: ArchiveReader, file: String) throws -> [PackageListing.Entry] {
        var entries: [PackageListing.Entry] = []
        var checker = MemberPathChecker(archive: file)
        while let entry = try reader.nextEntry() {
            _ = try checker.check(entry.path, type: entry.type, linkTarget: entry.linkTarget)
            var md5: String?
            if hashContents && entry.type == .regular {
                md5 = try reader.digestData(.md5)
            } else {
                try reader.skipData()
            }
            let owner = entry.owner.isEmpty ? String(entry.uid) : entry.owner
            let group = entry.group.isEmpty ? String(entry.gid) : entry.group
            entries.append(PackageListing.Entry(
                storedPath: entry.path, type: entry.type, permissions: entry.permissions, owner: owner, group: group,
                size: entry.size, linkTarget: entry.linkTarget, md5: md5))
        }
        return entries
    }

    /// The error for a package libarchive could not read, naming the file once.
    static func unreadable(_ path: String, _ error: any Error) -> DebdiffError {
        // libarchive names the archive itself (`<path>: …`); other errors get the path in front.
        DebdiffError((error as? any FileNamingError)?.namedFile == path ? "" : path, underlying: error)
    }

    /// Copies the data of the regular files named in `paths` (root-relative) into a new spool file at
    /// `spool`, streaming: memory never holds a whole file. Returns where each file's bytes lie.
    func spoolFiles(path: String, paths: Set<String>, spool: String) throws(DebdiffError) -> [String: (offset: Int64, size: Int64)] {
        do {
            let writer = try SpoolFile(path: spool)
            let outer = try ArchiveReader(path: path, formats: .ar, limits: limits)
            var result: [String: (offset: Int64, size: Int64)] = [:]
            while let member = try outer.nextEntry() {
                guard member.path.hasPrefix("data.tar") else {
                    try outer.skipData()
                    continue
                }
                let reader = try outer.nested(member: member.path, formats: .tar, limits: limits)
                while let entry = try reader.nextEntry() {
                    let key = PackageListing.Entry(
                        storedPath: entry.path, type: entry.type, permissions: 0, owner: "", group: "", size: 0).path
                    if entry.type == .regular && paths.contains(key) {
                        let offset = writer.size
                        try reader.readData { chunk in try writer.append(chunk) }
                        result[key] = (offset, writer.size - offset)
                    } else {
                        try reader.skipData()
                    }
                }
            }
            return result
        } catch let error as DebdiffError {
            throw error
        } catch {
            throw Self.unreadable(path, error)
        }
    }
}
