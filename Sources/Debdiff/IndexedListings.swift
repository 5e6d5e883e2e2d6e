import Artifacts
import Digest
import Index
import LibArchive

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
            guard let binary = try store.indexedBinary(path: canonical, size: status.size), let recorded = binary.sha256,
                  (try? FileDigest.compute(path: canonical, algorithms: [.sha256]))?[.sha256] == recorded else { return nil }
            let listing = try store.listing(of: binary.id)
            let entries = listing.entries.map { entry in
                PackageListing.Entry(
                    storedPath: entry.tarName ?? "./" + entry.path + (entry.type == .directory ? "/" : ""),
                    type: entry.type, permissions: UInt32(truncatingIfNeeded: entry.mode) & 0o7777,
                    owner: entry.owner, group: entry.group, size: entry.size,
                    linkTarget: entry.tarTarget ?? entry.linkTarget, md5: entry.md5)
            }
            let members = listing.controlMembers.map {
                PackageListing.ControlMember(name: $0.name, isExecutable: $0.isExecutable, bytes: $0.bytes)
            }
            // The data.tar root `./` is not stored; debdiff's listing drops it anyway.
            return PackageListing(file: path, entries: entries, controlMembers: members)
        } catch {
            throw DebdiffError(store.path, underlying: error)
        }
    }
}
