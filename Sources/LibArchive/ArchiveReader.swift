import CArchive
import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// Streams the entries of an archive with libarchive, never buffering a whole member.
///
/// Owns one `struct archive *` from `archive_read_new`, freed with `archive_read_free` in `deinit`
/// (also when an initialiser throws). Not `Sendable`: a reader belongs to the thread that made it.
///
/// Readers nest: ``nested(member:formats:limits:)`` opens the current entry's data as an archive of
/// its own (a `.deb`'s `data.tar.xz` inside the outer `ar`), pulling bytes from this reader on demand.
public final class ArchiveReader {
    /// Which container formats to accept.
    public enum Formats: Sendable {
        /// Every format libarchive knows (`archive_read_support_format_all`).
        case all
        /// Only `ar` (the outer container of a `.deb`).
        case ar
        /// Only tar variants (`archive_read_support_format_tar` and `…_gnutar`).
        case tar
        /// A single compressed stream with no container (`archive_read_support_format_raw`): `Packages.xz`.
        case raw
    }

    /// Limits against decompression bombs, checked while data is produced.
    public struct Limits: Sendable, Hashable {
        /// Bytes the decompressed stream may reach regardless of the compressed size.
        public var floor: Int64
        /// Allowed expansion factor over the compressed input size, above `floor`.
        public var ratio: Int64

        public init(floor: Int64 = 512 << 20, ratio: Int64 = 200) {
            self.floor = floor
            self.ratio = ratio
        }

        public static let `default` = Limits()

        /// The largest decompressed size accepted for `compressedSize` input bytes.
        public func maximum(forCompressedSize compressedSize: Int64) -> Int64 {
            let (scaled, overflow) = compressedSize.multipliedReportingOverflow(by: ratio)
            return overflow ? Int64.max : max(floor, scaled)
        }
    }

    /// The file read (a path, or the name given to bytes in memory).
    public let file: String
    /// The members leading from ``file`` to this archive, outermost first (`data.tar.xz` for a .deb's data).
    public let members: [String]
    /// What the reader is called in messages: `<file>` or `<file>:<member>…`.
    public var name: String { ([file] + members).joined(separator: ":") }
    let handle: OpaquePointer
    private let limits: Limits
    private let compressedSizeHint: Int64
    /// Keeps the byte source of a nested reader (and through it, the parent reader) alive.
    private var source: NestedSource?
    /// Keeps the bytes of a reader made by ``init(bytes:name:formats:limits:)`` alive.
    private var memory: MemorySource?
    private var currentEntry: ArchiveEntry?
    /// The descriptor of a file opened by ``init(path:formats:limits:)``, closed in `deinit`.
    private var fileDescriptor: Int32 = -1
    /// Warnings (`ARCHIVE_WARN`) seen so far, as messages.
    public private(set) var warnings: [String] = []

    private init(file: String, members: [String], formats: Formats, limits: Limits,
                 compressedSizeHint: Int64) throws(ArchiveError) {
        guard let handle = archive_read_new() else {
            throw ArchiveError(file: file, members: members, kind: .library(function: "archive_read_new", code: ARCHIVE_FATAL, errno: 0),
                               message: "cannot allocate a libarchive reader")
        }
        self.handle = handle
        self.file = file
        self.members = members
        self.limits = limits
        self.compressedSizeHint = compressedSizeHint
        archive_read_support_filter_all(handle)
        switch formats {
        case .all: archive_read_support_format_all(handle)
        case .ar: archive_read_support_format_ar(handle)
        case .tar:
            archive_read_support_format_tar(handle)
            archive_read_support_format_gnutar(handle)
        case .raw:
            archive_read_support_format_raw(handle)
            archive_read_support_format_empty(handle)
        }
    }

    deinit {
        archive_read_free(handle)
        if fileDescriptor >= 0 { close(fileDescriptor) }
    }

    /// Opens the archive at `path`: a regular file only (``SystemCalls/RegularFile``; a FIFO or device would
    /// block or never end), read through its descriptor (`archive_read_open_fd`).
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - formats: the container formats to accept.
    ///   - limits: decompression-bomb limits, relative to the file's size.
    /// - Throws: ``ArchiveError`` when the file cannot be opened, is not a regular file, or is not a
    ///   supported archive.
    public convenience init(path: String, formats: Formats = .all, limits: Limits = .default) throws(ArchiveError) {
        let fd: Int32
        do { fd = try RegularFile.open(path) } catch {
            throw ArchiveError(file: path, kind: .malformed, message: error.message)
        }
        var info = stat()
        let size: Int64 = fstat(fd, &info) == 0 ? Int64(info.st_size) : 0
        do {
            try self.init(file: path, members: [], formats: formats, limits: limits, compressedSizeHint: size)
        } catch {
            close(fd)
            throw error
        }
        fileDescriptor = fd
        let code = archive_read_open_fd(handle, fd, 128 * 1024)
        if code != ARCHIVE_OK {
            throw ArchiveError.library(handle, file: file, function: "archive_read_open_fd", code: code)
        }
    }

    /// Reads an archive held in memory (`archive_read_open2` with a callback that hands out `bytes` once): a
    /// small compressed member captured while it was hashed (`changelog.Debian.gz`).
    public convenience init(bytes: [UInt8], name: String, formats: Formats = .all, limits: Limits = .default) throws(ArchiveError) {
        try self.init(file: name, members: [], formats: formats, limits: limits, compressedSizeHint: Int64(bytes.count))
        let memory = MemorySource(bytes: bytes)
        self.memory = memory
        let code = archive_read_open2(handle, Unmanaged.passUnretained(memory).toOpaque(), nil, memoryRead, nil, nil)
        if code != ARCHIVE_OK {
            throw ArchiveError.library(handle, file: file, function: "archive_read_open2", code: code)
        }
    }

    /// Opens the data of the current entry as an archive of its own (`archive_read_open2` with callbacks
    /// that call `archive_read_data` on this reader).
    ///
    /// - Parameters:
    ///   - member: the name used in messages after `name:`.
    ///   - formats: the container formats to accept for the member.
    ///   - limits: decompression-bomb limits, relative to the member's stored size.
    public func nested(member: String, formats: Formats = .tar, limits: Limits = .default) throws(ArchiveError) -> ArchiveReader {
        let size = currentEntry?.size ?? 0
        let child = try ArchiveReader(file: file, members: members + [member], formats: formats, limits: limits,
                                      compressedSizeHint: size)
        let source = NestedSource(parent: self)
        child.source = source
        let code = archive_read_open2(
            child.handle, Unmanaged.passUnretained(source).toOpaque(),
            nil, nestedRead, nil, nil)
        if code != ARCHIVE_OK {
            if let parentError = source.error { throw parentError }
            throw ArchiveError.library(child.handle, file: child.file, members: child.members, function: "archive_read_open2",
                                       code: code)
        }
        return child
    }

    /// Reads the next header (`archive_read_next_header`), copying the entry out.
    ///
    /// - Returns: the entry, or `nil` at the end of the archive.
    /// - Throws: ``ArchiveError`` on corrupt or truncated input, or when the expansion limit is passed.
    public func nextEntry() throws(ArchiveError) -> ArchiveEntry? {
        var entry: OpaquePointer?
        let code = archive_read_next_header(handle, &entry)
        try checkParent()
        switch code {
        case ARCHIVE_EOF:
            currentEntry = nil
            return nil
        case ARCHIVE_OK, ARCHIVE_WARN:
            if code == ARCHIVE_WARN { recordWarning() }
            guard let entry else {
                throw ArchiveError(file: file, members: members, kind: .malformed, message: "libarchive returned no entry")
            }
            let copied = ArchiveEntry(copying: entry)
            currentEntry = copied
            try checkExpansion(pending: copied.size)
            return copied
        default:
            throw ArchiveError.library(handle, file: file, members: members, function: "archive_read_next_header", code: code)
        }
    }

    /// Streams the current entry's data in the blocks libarchive already holds (`archive_read_data_block`,
    /// no copy), checking the expansion limit after every block. Holes in sparse entries are passed as
    /// zeros. The buffer passed to `body` is only valid during the call.
    public func readData(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var position: Int64 = 0
        while true {
            var block: UnsafeRawPointer?
            var size = 0
            var offset: la_int64_t = 0
            let code = archive_read_data_block(handle, &block, &size, &offset)
            try checkParent()
            if code == ARCHIVE_EOF { return }
            if code == ARCHIVE_WARN {
                recordWarning()
            } else if code != ARCHIVE_OK {
                throw ArchiveError.library(handle, file: file, members: entryMembers, function: "archive_read_data_block", code: code)
            }
            if offset > position {
                try Self.zeros(count: offset - position, body)
                position = offset
            }
            if let block, size > 0 {
                try body(UnsafeRawBufferPointer(start: block, count: size))
                position += Int64(size)
            }
            try checkExpansion(pending: 0)
        }
    }

    private static func zeros(count: Int64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let chunk = [UInt8](repeating: 0, count: Int(min(count, 64 * 1024)))
        var remaining = count
        try chunk.withUnsafeBytes { buffer in
            while remaining > 0 {
                let size = Int(min(remaining, Int64(buffer.count)))
                try body(UnsafeRawBufferPointer(rebasing: buffer[0..<size]))
                remaining -= Int64(size)
            }
        }
    }

    /// Reads the whole current entry into memory, refusing entries larger than `maximumSize`.
    public func readAll(maximumSize: Int = 64 << 20) throws -> [UInt8] {
        if let size = currentEntry?.size, size > maximumSize {
            throw ArchiveError(file: file, members: entryMembers, kind: .malformed,
                               message: "member is \(size) bytes, more than the \(maximumSize) bytes allowed")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(currentEntry?.size ?? 0))
        try readData { chunk in
            guard bytes.count + chunk.count <= maximumSize else {
                throw ArchiveError(file: file, members: entryMembers, kind: .malformed,
                                   message: "member is larger than the \(maximumSize) bytes allowed")
            }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    /// Skips the current entry's data. It is read (and counted against the limit) in chunks rather
    /// than with `archive_read_data_skip`, so a bomb is stopped part-way instead of decompressed whole.
    public func skipData() throws {
        try readData { _ in }
    }

    /// Bytes produced so far by the decompression filters (`archive_filter_bytes(a, 0)`).
    public var uncompressedBytes: Int64 { archive_filter_bytes(handle, 0) }

    /// Bytes consumed from the underlying file or parent member (`archive_filter_bytes(a, -1)`).
    public var compressedBytes: Int64 { archive_filter_bytes(handle, -1) }

    /// The names of the compression filters in use, outermost first (`archive_filter_name`), e.g. `["xz"]`.
    public var filterNames: [String] {
        let count = archive_filter_count(handle)
        guard count > 1 else { return [] }
        return (0..<(count - 1)).compactMap { index in
            archive_filter_name(handle, index).map { String(cString: $0) }
        }.filter { $0 != "none" }
    }

    /// The members leading to the current entry: ``members``, then the entry's path.
    private var entryMembers: [String] {
        members + (currentEntry.map { [$0.path] } ?? [])
    }

    private func recordWarning() {
        if let text = archive_error_string(handle) {
            warnings.append("\(name): \(String(cString: text))")
        }
    }

    private func checkParent() throws(ArchiveError) {
        if let error = source?.error { throw error }
    }

    private func checkExpansion(pending: Int64) throws(ArchiveError) {
        let compressed = max(compressedSizeHint, compressedBytes)
        let limit = limits.maximum(forCompressedSize: compressed)
        let produced = uncompressedBytes
        if produced > limit || pending > limit || produced + pending > limit {
            throw ArchiveError(
                file: file, members: members, kind: .expansionLimit(limit: limit),
                message: "decompressed data exceeds \(limit) bytes from \(compressed) compressed bytes (decompression bomb?)")
        }
    }
}

/// The byte source of a nested reader: hands out the parent's current entry data.
final class NestedSource {
    let parent: ArchiveReader
    var error: ArchiveError?

    init(parent: ArchiveReader) {
        self.parent = parent
    }
}

final class MemorySource {
    let bytes: UnsafeMutableRawBufferPointer
    var delivered = false

    init(bytes: [UInt8]) {
        self.bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
        self.bytes.copyBytes(from: bytes)
        count = bytes.count
    }

    let count: Int

    deinit { bytes.deallocate() }
}

/// `archive_read_callback` for in-memory readers: the whole buffer once, then end of data.
private func memoryRead(
    _ archive: OpaquePointer?, _ clientData: UnsafeMutableRawPointer?,
    _ out: UnsafeMutablePointer<UnsafeRawPointer?>?
) -> la_ssize_t {
    guard let clientData, let out else { return la_ssize_t(ARCHIVE_FATAL) }
    let source = Unmanaged<MemorySource>.fromOpaque(clientData).takeUnretainedValue()
    guard !source.delivered else { return 0 }
    source.delivered = true
    out.pointee = UnsafeRawPointer(source.bytes.baseAddress)
    return la_ssize_t(source.count)
}

/// `archive_read_callback` for nested readers: one `archive_read_data_block` call on the parent.
/// The block stays valid until the next call, which is all libarchive asks of a read callback, so the
/// member's bytes are never copied. (ar members are never sparse: the offset is not needed.)
private func nestedRead(
    _ archive: OpaquePointer?, _ clientData: UnsafeMutableRawPointer?,
    _ out: UnsafeMutablePointer<UnsafeRawPointer?>?
) -> la_ssize_t {
    guard let clientData, let out else { return la_ssize_t(ARCHIVE_FATAL) }
    let source = Unmanaged<NestedSource>.fromOpaque(clientData).takeUnretainedValue()
    var block: UnsafeRawPointer?
    var size = 0
    var offset: la_int64_t = 0
    let code = archive_read_data_block(source.parent.handle, &block, &size, &offset)
    if code == ARCHIVE_EOF { return 0 }
    if code != ARCHIVE_OK && code != ARCHIVE_WARN {
        source.error = ArchiveError.library(source.parent.handle, file: source.parent.file, members: source.parent.members,
                                            function: "archive_read_data_block", code: code)
        return la_ssize_t(ARCHIVE_FATAL)
    }
    out.pointee = block
    return la_ssize_t(size)
}
