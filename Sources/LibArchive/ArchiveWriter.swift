import CArchive

/// Writes a tar stream with libarchive (`archive_write_new`, GNU tar format, no compression filter):
/// the bytes go to a Swift closure, so a caller can compress them (e.g. with liblzma) or hash them as
/// they are produced.
///
/// Owns one `struct archive *`, freed with `archive_write_free` in `deinit`. Not `Sendable`.
public final class ArchiveWriter {
    /// One member to write.
    public struct Member: Sendable, Hashable {
        public var path: String
        public var type: ArchiveEntry.FileType
        public var permissions: UInt32
        public var mtime: Int64
        public var owner: String
        public var group: String
        public var linkTarget: String?

        public init(path: String, type: ArchiveEntry.FileType, permissions: UInt32, mtime: Int64,
                    owner: String = "root", group: String = "root", linkTarget: String? = nil) {
            self.path = path
            self.type = type
            self.permissions = permissions
            self.mtime = mtime
            self.owner = owner
            self.group = group
            self.linkTarget = linkTarget
        }
    }

    private let handle: OpaquePointer
    private let sink: WriterSink
    private var closed = false
    public let name: String

    /// Starts a GNU tar stream (`archive_write_set_format_gnutar`, the format dpkg-source writes) whose
    /// bytes are handed to `output` (`archive_write_open2` with a write callback).
    public init(name: String, output: @escaping ([UInt8]) throws -> Void) throws(ArchiveError) {
        guard let handle = archive_write_new() else {
            throw ArchiveError(file: name, kind: .library(function: "archive_write_new", code: ARCHIVE_FATAL, errno: 0),
                               message: "cannot allocate a libarchive writer")
        }
        self.handle = handle
        self.name = name
        self.sink = WriterSink(output)
        var code = archive_write_set_format_gnutar(handle)
        if code == ARCHIVE_OK { code = archive_write_add_filter_none(handle) }
        if code == ARCHIVE_OK {
            // tar's default 10240-byte blocks, padded, as GNU tar writes them.
            code = archive_write_set_bytes_per_block(handle, 10240)
        }
        if code == ARCHIVE_OK {
            code = archive_write_open2(handle, Unmanaged.passUnretained(sink).toOpaque(), nil, writerCallback, nil, nil)
        }
        if code != ARCHIVE_OK {
            throw ArchiveError.library(handle, file: name, function: "archive_write_open2", code: code)
        }
    }

    deinit {
        if !closed { archive_write_close(handle) }
        archive_write_free(handle)
    }

    /// Writes one member (`archive_write_header`, then `archive_write_data` for regular files).
    public func write(_ member: Member, contents: [UInt8] = []) throws {
        guard let entry = archive_entry_new() else {
            throw ArchiveError(file: name, kind: .malformed, message: "cannot allocate an archive entry")
        }
        defer { archive_entry_free(entry) }
        archive_entry_set_pathname_utf8(entry, member.path)
        archive_entry_set_perm(entry, mode_t(member.permissions & 0o7777))
        archive_entry_set_mtime(entry, time_t(member.mtime), 0)
        archive_entry_set_uname_utf8(entry, member.owner)
        archive_entry_set_gname_utf8(entry, member.group)
        archive_entry_set_uid(entry, 0) // dpkg-source writes --owner=0 --group=0 --numeric-owner
        archive_entry_set_gid(entry, 0)
        switch member.type {
        case .directory:
            archive_entry_set_filetype(entry, UInt32(0o040000))
        case .symlink:
            archive_entry_set_filetype(entry, UInt32(0o120000))
            archive_entry_set_symlink_utf8(entry, member.linkTarget ?? "")
        case .hardlink:
            archive_entry_set_filetype(entry, UInt32(0o100000))
            archive_entry_set_hardlink_utf8(entry, member.linkTarget ?? "")
        default:
            archive_entry_set_filetype(entry, UInt32(0o100000))
            archive_entry_set_size(entry, la_int64_t(contents.count))
        }
        let code = archive_write_header(handle, entry)
        try checkSink()
        if code != ARCHIVE_OK {
            throw ArchiveError.library(handle, file: name, function: "archive_write_header", code: code)
        }
        if member.type == .regular || member.type == .unknown {
            var offset = 0
            while offset < contents.count {
                let written = contents[offset...].withUnsafeBytes { archive_write_data(handle, $0.baseAddress, $0.count) }
                try checkSink()
                if written < 0 {
                    throw ArchiveError.library(handle, file: name, function: "archive_write_data", code: Int32(truncatingIfNeeded: written))
                }
                if written == 0 { break }
                offset += written
            }
        }
    }

    /// Finishes the stream (`archive_write_close`): the end-of-archive blocks and padding are written.
    public func close() throws {
        guard !closed else { return }
        closed = true
        let code = archive_write_close(handle)
        try checkSink()
        if code != ARCHIVE_OK {
            throw ArchiveError.library(handle, file: name, function: "archive_write_close", code: code)
        }
    }

    private func checkSink() throws {
        if let error = sink.error { throw error }
    }
}

/// Receives the writer's bytes; keeps the first error the closure threw.
final class WriterSink {
    let output: ([UInt8]) throws -> Void
    var error: (any Error)?
    init(_ output: @escaping ([UInt8]) throws -> Void) { self.output = output }
}

/// `archive_write_callback`: hands one block to the sink.
func writerCallback(_ archive: OpaquePointer?, _ clientData: UnsafeMutableRawPointer?,
                            _ buffer: UnsafeRawPointer?, _ length: Int) -> la_ssize_t {
    guard let clientData, let buffer else { return -1 }
    let sink = Unmanaged<WriterSink>.fromOpaque(clientData).takeUnretainedValue()
    do {
        try sink.output(Array(UnsafeRawBufferPointer(start: buffer, count: length)))
        return la_ssize_t(length)
    } catch {
        sink.error = error
        return -1
    }
}
