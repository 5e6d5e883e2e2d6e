import LibArchive
import LZMA

/// A GNU tar stream compressed with xz into a file: ``ArchiveWriter`` hands its blocks to ``XZEncoder``,
/// whose output goes straight to the file, so no member is held longer than its own write.
/// Not `Sendable`.
final class TarXZFile {
    private let file: OutputFile
    private let encoder: XZEncoder
    private var writer: ArchiveWriter?

    init(path: String) throws {
        let file = try OutputFile(path: path)
        let encoder = try XZEncoder(preset: 6)
        self.file = file
        self.encoder = encoder
        writer = try ArchiveWriter(name: path) { block in
            try block.withUnsafeBytes { input in
                try encoder.encode(input, isLast: false) { try file.write($0) }
            }
        }
    }

    func write(_ member: ArchiveWriter.Member, contents: [UInt8] = []) throws {
        try writer?.write(member, contents: contents)
    }

    /// Ends the tar stream, then the xz stream, then closes the file.
    func finish() throws {
        try writer?.close()
        writer = nil
        try encoder.encode(UnsafeRawBufferPointer(start: nil, count: 0), isLast: true) { try file.write($0) }
        try file.close()
    }
}
