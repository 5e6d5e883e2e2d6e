import LibArchive
import Gzip
import LZMA
import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// Reads a possibly compressed text file whole: plain, `.bz2`, `.zst`, `.lz4` (libarchive raw format; `.lz4` is
/// how apt keeps its lists), `.xz`/`.lzma` (liblzma directly, one copy less) or `.gz` (zlib directly: libarchive
/// does not check a gzip member's CRC and length).
///
/// Garbage after a `.gz` file's last member is ignored, as gzip, zlib's `gzread` and apt ignore it; the streaming
/// readers (``stream(_:limits:_:)`` and the readers built on it, which read indices) also return it as a warning,
/// as gzip warns.
public enum CompressedFile {
    public static func read(_ path: String, limits: ArchiveReader.Limits = .default) throws -> [UInt8] {
        if path.hasSuffix(".xz") || path.hasSuffix(".lzma") {
            let compressed = try FileSystem.read(path, maximumSize: 1 << 30)
            return try decoding(path) {
                try XZDecoder.decode(compressed, source: path, maximumOutput: limits.maximum(forCompressedSize: Int64(compressed.count)))
            }
        }
        if path.hasSuffix(".gz") {
            let compressed = try FileSystem.read(path, maximumSize: 1 << 30)
            return try decoding(path) {
                try GzipDecoder.decode(compressed, source: path, maximumOutput: limits.maximum(forCompressedSize: Int64(compressed.count)))
            }
        }
        if isLibarchiveCompressed(path) {
            let reader = try ArchiveReader(path: path, formats: .raw, limits: limits)
            guard try reader.nextEntry() != nil else { return [] }
            return try reader.readAll(maximumSize: 1 << 31)
        }
        return try FileSystem.read(path, maximumSize: 1 << 31)
    }

    /// `body`, with a decoder's error (liblzma's, zlib's) as the file's: `<file>: <what is wrong> (<function>)`.
    /// What `body` passes on from the caller's own closure is left as it is.
    static func decoding<Result>(_ path: String, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as LZMAError {
            throw ArtifactError.wrapping(error, file: path)
        } catch let error as GzipError {
            throw ArtifactError.wrapping(error, file: path)
        }
    }

    /// The suffixes read through libarchive's raw format (`archive_read_support_filter_all`).
    static func isLibarchiveCompressed(_ path: String) -> Bool {
        [".bz2", ".zst", ".lz4"].contains { path.hasSuffix($0) }
    }

    public static func readText(_ path: String, limits: ArchiveReader.Limits = .default) throws -> String {
        let bytes = try read(path, limits: limits)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ArtifactError(file: path, reason: "not valid UTF-8 text")
        }
        return text
    }

    /// Streams a possibly compressed file's decompressed bytes to `body` in chunks (valid only during the
    /// call): the whole file is never in memory. Same formats and limits as ``read(_:limits:)``.
    /// - Returns: warnings about the file, without its name (garbage after a `.gz` file's data).
    @discardableResult
    public static func stream(_ path: String, limits: ArchiveReader.Limits = .default,
                              _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> [String] {
        if isLibarchiveCompressed(path) {
            let reader = try ArchiveReader(path: path, formats: .raw, limits: limits)
            guard try reader.nextEntry() != nil else { return [] }
            try reader.readData(body)
            return []
        }
        let fd: Int32
        do { fd = try RegularFile.open(path) } catch { throw ArtifactError(file: path, reason: error.message) }
        defer { close(fd) }
        let size = FileSystem.status(path)?.size ?? 0
        let maximum = limits.maximum(forCompressedSize: size)
        let xz = path.hasSuffix(".xz") || path.hasSuffix(".lzma")
            ? try decoding(path) { try XZDecoder(source: path, maximumOutput: maximum) } : nil
        let gzip = path.hasSuffix(".gz") ? try decoding(path) { try GzipDecoder(source: path, maximumOutput: maximum) } : nil
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let count: Int
            do { count = try RegularFile.read(fd, into: chunk, path: path) } catch {
                throw ArtifactError(file: path, reason: error.message)
            }
            let input = UnsafeRawBufferPointer(rebasing: chunk[0..<count])
            if let xz {
                try decoding(path) { try xz.decode(input, isLast: count == 0, body) }
            } else if let gzip {
                try decoding(path) { try gzip.decode(input, isLast: count == 0, body) }
            } else if count > 0 {
                try body(input)
            }
            if count == 0 { return gzip?.ignoredTrailingGarbage == true ? [GzipDecoder.trailingGarbageWarning] : [] }
        }
    }

    /// Streams the deb822 paragraphs of a possibly compressed index (`Packages.xz`, `Sources.gz`, `Contents`…)
    /// one at a time: `body` gets each paragraph's bytes and the line it starts on. Memory stays at one
    /// paragraph plus one chunk, whatever the file's size. `observing` sees every decompressed chunk first
    /// (to hash the stream while it is parsed).
    /// - Returns: the file's warnings, as ``stream(_:limits:_:)`` returns them.
    @discardableResult
    public static func forEachParagraph(_ path: String, limits: ArchiveReader.Limits = .default,
                                        observing: ((UnsafeRawBufferPointer) -> Void)? = nil,
                                        _ body: ([UInt8], Int) throws -> Void) throws -> [String] {
        var splitter = ParagraphSplitter()
        let warnings: [String]
        do {
            warnings = try stream(path, limits: limits) { chunk in
                observing?(chunk)
                try splitter.feed(chunk, body)
            }
        } catch let error as ParagraphSplitter.TooLong {
            throw ArtifactError(file: path, reason: "the paragraph starting on line \(error.line) is longer than "
                                + "\(ParagraphSplitter.maximumBytes >> 20) MiB: not a Packages or Sources index")
        }
        try splitter.finish(body)
        return warnings
    }
}

/// Cuts a byte stream into deb822 paragraphs at blank lines (`\n\n`, also with spaces or tabs on the blank
/// line, as dpkg allows), keeping the line number each starts on.
struct ParagraphSplitter {
    /// A paragraph longer than this is refused. Debian's largest stanzas are tens of KiB (a Sources stanza listing
    /// hundreds of files); a hostile index without blank lines (1 GiB of zeros in a `Packages.xz`) would otherwise
    /// be held whole, and decompressed to the end before anything failed.
    static let maximumBytes = 16 << 20

    /// A paragraph over ``maximumBytes``, starting on `line`.
    struct TooLong: Error {
        var line: Int
    }

    private var pending: [UInt8] = []
    private var pendingLine = 1
    private var line = 1
    /// Whether the current line so far holds only spaces and tabs.
    private var lineIsBlank = true

    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: ([UInt8], Int) throws -> Void) throws {
        for byte in chunk {
            if byte == 0x0A {
                if lineIsBlank {
                    // A blank line ends the paragraph in progress (leading blank lines are skipped).
                    while let last = pending.last, last == 0x20 || last == 0x09 { pending.removeLast() }
                    if pending.contains(where: { $0 != 0x0A && $0 != 0x20 && $0 != 0x09 }) {
                        try body(pending, pendingLine)
                    }
                    pending.removeAll(keepingCapacity: true)
                    line += 1
                    pendingLine = line
                    lineIsBlank = true
                    continue
                }
                pending.append(byte)
                line += 1
                lineIsBlank = true
                continue
            }
            if lineIsBlank, byte != 0x20, byte != 0x09 { lineIsBlank = false }
            if lineIsBlank {
                // Spaces at the start of a line: a continuation line or part of a blank line; keep them until
                // the line shows which.
                pending.append(byte)
                continue
            }
            pending.append(byte)
        }
        // Checked once per chunk (a MiB at most past the limit): not a test per byte.
        if pending.count > Self.maximumBytes { throw TooLong(line: pendingLine) }
    }

    mutating func finish(_ body: ([UInt8], Int) throws -> Void) throws {
        if pending.contains(where: { $0 != 0x0A && $0 != 0x20 && $0 != 0x09 }) {
            try body(pending, pendingLine)
        }
        pending.removeAll()
    }
}

