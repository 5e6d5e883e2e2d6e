import LibArchive
import SQLite

/// An indexed .deb whose data listing and control members the index holds (schema 3 and later).
public struct IndexedBinary: Sendable, Hashable {
    /// The row's key, for ``IndexStore/listing(of:)``.
    public struct ID: Sendable, Hashable {
        let value: Int64
    }

    public var id: ID
    /// The SHA-256 of the whole file when it was indexed; nil when the indexer did not hash it.
    public var sha256: String?
}

/// What the index recorded of a .deb's data and control archives.
public struct IndexedBinaryListing: Sendable, Hashable {
    /// One data.tar member. The tar root `./` is not stored.
    public struct Entry: Sendable, Hashable {
        /// The path without its leading `./` (and without a directory's trailing `/`).
        public var path: String
        /// The member's type; ``ArchiveEntry/FileType/unknown`` for a value this debwork does not know.
        public var type: ArchiveEntry.FileType
        /// The mode as stored (permission bits and more).
        public var mode: Int64
        public var size: Int64
        public var owner: String
        public var group: String
        public var linkTarget: String?
        /// The MD5 of the data, computed at index time (never the package's `md5sums` claim).
        public var md5: String?
        /// The name and link target exactly as the tar stores them, when they differ from the normalised ones.
        public var tarName: String?
        public var tarTarget: String?
    }

    /// One control.tar member.
    public struct ControlMember: Sendable, Hashable {
        public var name: String
        public var isExecutable: Bool
        public var bytes: [UInt8]
    }

    /// The data members in archive order.
    public var entries: [Entry]
    /// The control members in archive order.
    public var controlMembers: [ControlMember]
}

extension IndexStore {
    /// The indexed .deb at the canonical path `path` when the index recorded it at `size` bytes with its
    /// listing; nil otherwise (not indexed, changed size, or indexed before listings were stored).
    public func indexedBinary(path: String, size: Int64) throws -> IndexedBinary? {
        try db.query("""
            SELECT b.id, f.sha256 FROM files f JOIN binaries b ON b.file_id = f.id
            WHERE f.path = ?1 AND f.size = ?2 AND b.listing = 1
            """, [.text(path), .integer(size)]) {
            IndexedBinary(id: .init(value: $0.int(0)), sha256: $0.optionalString(1))
        }.first
    }

    /// The data listing and control members recorded for `binary`.
    public func listing(of binary: IndexedBinary.ID) throws -> IndexedBinaryListing {
        let entries = try db.query("""
            SELECT path, type, mode, size, owner, grp, link_target, md5, tar_name, tar_target
            FROM binary_files WHERE binary_id = ?1 ORDER BY id
            """, [.integer(binary.value)]) { row in
            IndexedBinaryListing.Entry(
                path: row.string(0), type: ArchiveEntry.FileType(rawValue: row.string(1)) ?? .unknown,
                mode: row.int(2), size: row.int(3), owner: row.string(4), group: row.string(5),
                linkTarget: row.optionalString(6), md5: row.optionalString(7), tarName: row.optionalString(8),
                tarTarget: row.optionalString(9))
        }
        let members = try db.query(
            "SELECT name, executable, content FROM binary_members WHERE binary_id = ?1 ORDER BY position",
            [.integer(binary.value)]) { row in
            var bytes: [UInt8] = []
            if case .blob(let content) = row[2] { bytes = content }
            return IndexedBinaryListing.ControlMember(name: row.string(0), isExecutable: row.int(1) != 0, bytes: bytes)
        }
        return IndexedBinaryListing(entries: entries, controlMembers: members)
    }
}
