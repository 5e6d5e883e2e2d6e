import CArchive

/// One entry of an archive, copied out of libarchive's reused `archive_entry`.
public struct ArchiveEntry: Sendable, Hashable {
    public enum FileType: String, Sendable, Hashable, Codable {
        case regular, directory, symlink, hardlink, characterDevice, blockDevice, fifo, socket, unknown
    }

    /// The path as stored in the archive (`archive_entry_pathname`).
    public var path: String
    public var type: FileType
    /// Permission bits including setuid/setgid/sticky (`archive_entry_perm`).
    public var permissions: UInt32
    public var size: Int64
    public var owner: String
    public var group: String
    public var uid: Int64
    public var gid: Int64
    /// Modification time in seconds since the Unix epoch (`archive_entry_mtime`).
    public var mtime: Int64
    /// Target of a symlink (`archive_entry_symlink`) or hard link (`archive_entry_hardlink`).
    public var linkTarget: String?

    public init(path: String, type: FileType, permissions: UInt32, size: Int64, owner: String, group: String,
                uid: Int64, gid: Int64, mtime: Int64, linkTarget: String?) {
        self.path = path
        self.type = type
        self.permissions = permissions
        self.size = size
        self.owner = owner
        self.group = group
        self.uid = uid
        self.gid = gid
        self.mtime = mtime
        self.linkTarget = linkTarget
    }

    /// The full `st_mode`: file type bits plus permissions, as `ls -l`/`tar -tv` see it.
    public var mode: UInt32 {
        let typeBits: UInt32
        switch type {
        case .regular, .hardlink, .unknown: typeBits = 0o100000
        case .directory: typeBits = 0o040000
        case .symlink: typeBits = 0o120000
        case .characterDevice: typeBits = 0o020000
        case .blockDevice: typeBits = 0o060000
        case .fifo: typeBits = 0o010000
        case .socket: typeBits = 0o140000
        }
        return typeBits | permissions
    }

    /// Copies the fields out of a libarchive entry, which libarchive reuses for the next header.
    init(copying entry: OpaquePointer) {
        let fileType = archive_entry_filetype(entry)
        let hardlink = archive_entry_hardlink(entry).map { String(cString: $0) }
        let symlink = archive_entry_symlink(entry).map { String(cString: $0) }
        let type: FileType
        if hardlink != nil {
            type = .hardlink
        } else {
            switch fileType & 0o170000 {
            case 0o100000: type = .regular
            case 0o040000: type = .directory
            case 0o120000: type = .symlink
            case 0o020000: type = .characterDevice
            case 0o060000: type = .blockDevice
            case 0o010000: type = .fifo
            case 0o140000: type = .socket
            default: type = .unknown
            }
        }
        self.init(
            path: Self.string(archive_entry_pathname_utf8(entry)) ?? Self.string(archive_entry_pathname(entry)) ?? "",
            type: type,
            permissions: UInt32(archive_entry_perm(entry)) & 0o7777,
            size: archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : 0,
            owner: Self.string(archive_entry_uname(entry)) ?? String(archive_entry_uid(entry)),
            group: Self.string(archive_entry_gname(entry)) ?? String(archive_entry_gid(entry)),
            uid: archive_entry_uid(entry),
            gid: archive_entry_gid(entry),
            mtime: Int64(archive_entry_mtime(entry)),
            linkTarget: hardlink ?? symlink)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        // Archive names are bytes; String(cString:) repairs invalid UTF-8 so hostile names still get reported.
        pointer.map { String(cString: $0) }
    }
}
