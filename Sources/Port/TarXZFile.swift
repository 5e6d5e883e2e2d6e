import LibArchive
import LZMA

/// A GNU tar stream compressed into a file. With xz (3.0 formats), ``ArchiveWriter`` hands its blocks to
/// ``XZEncoder``, whose output goes straight to the file, so no member is held longer than its own write.
/// With gzip (format 1.0 requires `.tar.gz`), the tar stream is collected and compressed at the end
/// (`gzip -n` style, through libarchive). Not `Sendable`.
final class TarXZFile {
    enum Compression { case xz, gzip }

    private let path: String
    private let file: OutputFile
    private let encoder: XZEncoder?
    private var writer: ArchiveWriter?

    convenience init(path: String, compression: Compression = .xz) throws {
        try self.init(file: OutputFile(path: path), compression: compression)
    }

    /// Writes into `file` (already created, e.g. by ``OutputDirectory/createFile(_:)``).
    init(file: OutputFile, compression: Compression = .xz) throws {
        let path = file.path
        self.path = path
        self.file = file
        switch compression {
        case .xz:
            let encoder = try XZEncoder(preset: 6)
            self.encoder = encoder
            writer = try ArchiveWriter(name: path) { block in
                try block.withUnsafeBytes { input in
                    try encoder.encode(input, isLast: false) { try file.write($0) }
                }
            }
        case .gzip:
            self.encoder = nil
            let collector = TarCollector()
            self.collector = collector
            writer = try ArchiveWriter(name: path) { collector.bytes += $0 }
        }
    }

    private var collector: TarCollector?

    func write(_ member: ArchiveWriter.Member, contents: [UInt8] = []) throws {
        try writer?.write(member, contents: contents)
    }

    /// Ends the tar stream, then the xz stream, then closes the file.
    func finish() throws {
        try writer?.close()
        writer = nil
        if let encoder {
            try encoder.encode(UnsafeRawBufferPointer(start: nil, count: 0), isLast: true) { try file.write($0) }
        } else if let collector {
            try GzipWriter.compress(collector.bytes, name: path).withUnsafeBytes { try file.write($0) }
        }
        try file.close()
    }
}

/// The tar bytes of a gzip tarball, collected until ``TarXZFile/finish()``.
final class TarCollector {
    var bytes: [UInt8] = []
}
