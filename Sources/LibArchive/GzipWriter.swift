import CArchive

/// Compresses bytes into one gzip stream with libarchive's raw writer (`archive_write_set_format_raw`,
/// `archive_write_add_filter_gzip`), as `gzip -n` would: no file name, no timestamp.
public enum GzipWriter {
    /// The gzip stream of `bytes`.
    /// - Parameter name: names the stream in errors.
    /// - Throws: ``ArchiveError`` naming the libarchive function that failed.
    public static func compress(_ bytes: [UInt8], name: String) throws -> [UInt8] {
        guard let handle = archive_write_new() else {
            throw ArchiveError(file: name, kind: .library(function: "archive_write_new", code: ARCHIVE_FATAL, errno: 0),
                               message: "cannot allocate a writer")
        }
        defer { archive_write_free(handle) }
        var output: [UInt8] = []
        let sink = WriterSink { output += $0 }
        var code = archive_write_set_format_raw(handle)
        var function = "archive_write_set_format_raw"
        if code == ARCHIVE_OK { (code, function) = (archive_write_add_filter_gzip(handle), "archive_write_add_filter_gzip") }
        // A NULL value switches the option off: no modification time in the gzip header.
        if code == ARCHIVE_OK {
            (code, function) = (archive_write_set_filter_option(handle, "gzip", "timestamp", nil), "archive_write_set_filter_option")
        }
        // No padding after the stream: its last block is as long as the data.
        if code == ARCHIVE_OK { (code, function) = (archive_write_set_bytes_in_last_block(handle, 1), "archive_write_set_bytes_in_last_block") }
        if code == ARCHIVE_OK {
            (code, function) = (archive_write_open2(handle, Unmanaged.passUnretained(sink).toOpaque(), nil, writerCallback, nil, nil),
                                "archive_write_open2")
        }
        guard code == ARCHIVE_OK else { throw ArchiveError.library(handle, file: name, function: function, code: code) }
        guard let entry = archive_entry_new() else {
            throw ArchiveError(file: name, kind: .malformed, message: "cannot allocate an archive entry")
        }
        defer { archive_entry_free(entry) }
        // The raw format wants one regular-file entry; nothing of it reaches the output.
        archive_entry_set_pathname(entry, "data")
        archive_entry_set_filetype(entry, UInt32(0o100000))
        archive_entry_set_size(entry, la_int64_t(bytes.count))
        code = archive_write_header(handle, entry)
        guard code == ARCHIVE_OK else { throw ArchiveError.library(handle, file: name, function: "archive_write_header", code: code) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { archive_write_data(handle, $0.baseAddress, $0.count) }
            guard written > 0 else {
                throw ArchiveError.library(handle, file: name, function: "archive_write_data", code: Int32(truncatingIfNeeded: written))
            }
            offset += written
        }
        code = archive_write_close(handle)
        if let error = sink.error { throw error }
        guard code == ARCHIVE_OK else { throw ArchiveError.library(handle, file: name, function: "archive_write_close", code: code) }
        return output
    }
}
