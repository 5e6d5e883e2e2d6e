import Artifacts
import Digest
import Index
import LibArchive
import SQLite

/// Binary packages read from the index instead of their archives: when a .deb is indexed and has not
/// changed since, its file list, modes, owners, link targets, MD5s and control members come from SQLite and
/// nothing is decompressed.
///
/// "Not changed" is proven by content: the file is hashed (SHA-256, about 1 ms per MB here) and must equal
/// the digest the index recorded. Size and modification time prove nothing (`cp -p` of another file of the
/// same size keeps both). MD5s are those of the data, hashed at index time (never the package's `md5sums`
/// claim). Rows written by an index older than schema 3 have no listing and are read from the archive.
public struct IndexedListings {
    public let store: IndexStore

    public init(store: IndexStore) { self.store = store }

    /// The listing of the package at `path` (reported under that name), or nil when the index does not
    /// hold it as it is on disk.
    /// - Throws: ``DebdiffError`` when the index cannot be read.
    func listing(path: String) throws(DebdiffError) -> PackageListing? {
        guard let canonical = FileSystem.canonical(path), let status = FileSystem.status(canonical), status.isRegular else { return nil }
        do {
            let rows = try store.database.query("""
                SELECT b.id, f.sha256 FROM files f JOIN binaries b ON b.file_id = f.id
                WHERE f.path = ?1 AND f.size = ?2 AND b.listing = 1
                """, [.text(canonical), .integer(status.size)]) { ($0.int(0), $0.optionalString(1)) }
            guard let (id, recorded) = rows.first, let recorded,
                  (try? FileDigest.compute(path: canonical, algorithms: [.sha256]))?[.sha256] == recorded else { return nil }
            let entries = try store.database.query("""
                SELECT path, type, mode, size, owner, grp, link_target, md5, tar_name, tar_target
                FROM binary_files WHERE binary_id = ?1 ORDER BY id
                """, [.integer(id)]) { row -> PackageListing.Entry in
                let type = ArchiveEntry.FileType(rawValue: row.string(1)) ?? .unknown
                let path = row.string(0)
                return PackageListing.Entry(
                    storedPath: row.optionalString(8) ?? "./" + path + (type == .directory ? "/" : ""),
                    type: type, permissions: UInt32(truncatingIfNeeded: row.int(2)) & 0o7777,
                    owner: row.string(4), group: row.string(5), size: row.int(3),
                    linkTarget: row.optionalString(9) ?? row.optionalString(6), md5: row.optionalString(7))
            }
            let members = try store.database.query(
                "SELECT name, executable, content FROM binary_members WHERE binary_id = ?1 ORDER BY position",
                [.integer(id)]) { row -> PackageListing.ControlMember in
                var bytes: [UInt8] = []
                if case .blob(let content) = row[2] { bytes = content }
                return PackageListing.ControlMember(name: row.string(0), isExecutable: row.int(1) != 0, bytes: bytes)
            }
            // The data.tar root `./` is not stored; debdiff's listing drops it anyway.
            return PackageListing(file: path, entries: entries, controlMembers: members)
        } catch {
            throw DebdiffError("\(store.path): \(error)")
        }
    }
}
