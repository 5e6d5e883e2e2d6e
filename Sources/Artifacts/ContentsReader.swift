import DebianFormats
import LibArchive

/// Streams the lines of a Contents file (plain, `.gz`, `.xz`, `.zst`, `.lz4`) as ``ContentsLine`` values:
/// the whole file is never in memory. A malformed line is counted and skipped, never fatal; an old file's
/// free-text header (everything before its `FILE  LOCATION` line) is dropped.
public struct ContentsReader {
    public var limits: ArchiveReader.Limits

    /// How many leading lines may be a header waiting for its `FILE  LOCATION` line.
    public static let headerLines = 200
    /// Lines longer than this are malformed (a path is at most 4096 bytes on Linux).
    static let maximumLineLength = 16 << 10

    public init(limits: ArchiveReader.Limits = .default) {
        self.limits = limits
    }

    /// The lines that could not be read, for one warning per file, and what the decompression noted.
    public struct Malformed: Sendable, Equatable {
        public var count = 0
        /// The first few: line number and reason.
        public var examples: [(line: Int, reason: String)] = []
        /// The decompression's warnings (garbage after a `.gz` file's data), without the file's name.
        public var decoding: [String] = []

        public static func == (lhs: Malformed, rhs: Malformed) -> Bool {
            lhs.count == rhs.count && lhs.examples.map(\.line) == rhs.examples.map(\.line)
                && lhs.examples.map(\.reason) == rhs.examples.map(\.reason)
        }

        mutating func add(line: Int, reason: String) {
            count += 1
            if examples.count < 3 { examples.append((line, reason)) }
        }

        /// The warning text, or nil when every line was read.
        public var warning: String? {
            guard count > 0 else { return nil }
            let first = examples.map { "line \($0.line): \($0.reason)" }.joined(separator: "; ")
            return "\(count) malformed Contents line\(count == 1 ? "" : "s") skipped (\(first))"
        }

        /// Every warning about the file: the decompression's, then the malformed lines'.
        public var warnings: [String] {
            decoding + (warning.map { [$0] } ?? [])
        }
    }

    /// Calls `body` with every entry of the file at `path`, in file order.
    /// - Returns: the malformed lines.
    /// - Throws: ``ArtifactError`` when the file cannot be read or decompressed; whatever `body` throws.
    @discardableResult
    public func forEachEntry(_ path: String, _ body: (ContentsLine) throws -> Void) throws -> Malformed {
        try forEachLine(path) { line, parts in try body(ContentsLine(line, parts)) }
    }

    /// Calls `body` with every entry's line and its parts (``ContentsLine/parts(_:)``), in file order: the
    /// bytes are valid only during the call.
    /// - Returns: the malformed lines.
    /// - Throws: ``ArtifactError`` when the file cannot be read or decompressed; whatever `body` throws.
    @discardableResult
    public func forEachLine(_ path: String, _ body: (UnsafeRawBufferPointer, ContentsLine.Parts) throws -> Void) throws -> Malformed {
        var malformed = Malformed()
        // Leading lines are held until a `FILE  LOCATION` line shows they were a header, or until there are
        // too many of them for one.
        var held: [(bytes: [UInt8], line: Int, truncated: Bool)] = []
        var inHeader = true
        func take(_ bytes: UnsafeRawBufferPointer, _ number: Int, _ truncated: Bool) throws {
            guard !truncated else {
                malformed.add(line: number, reason: "longer than \(Self.maximumLineLength) bytes")
                return
            }
            // A header's last line past the header (it is no path: `LOCATION: /FILE` was listed).
            guard !ContentsLine.isHeaderEnd(bytes) else {
                malformed.add(line: number, reason: "a FILE  LOCATION header line after the first lines")
                return
            }
            do {
                if let parts = try ContentsLine.parts(bytes) { try body(bytes, parts) }
            } catch let problem as ContentsLine.Problem {
                malformed.add(line: number, reason: problem.reason)
            }
        }
        do {
            malformed.decoding = try CompressedFile.forEachLine(path, limits: limits, maximumLength: Self.maximumLineLength) { bytes, number, truncated in
                guard inHeader else { return try take(bytes, number, truncated) }
                if ContentsLine.isHeaderEnd(bytes) {
                    held = []
                    inHeader = false
                    return
                }
                held.append((Array(bytes), number, truncated))
                if held.count >= Self.headerLines {
                    inHeader = false
                    for line in held { try line.bytes.withUnsafeBytes { try take($0, line.line, line.truncated) } }
                    held = []
                }
            }
            for line in held { try line.bytes.withUnsafeBytes { try take($0, line.line, line.truncated) } }
        } catch let error as ArtifactError {
            throw error
        } catch let error as ArchiveError {
            throw ArtifactError.wrapping(error, file: path)
        }
        return malformed
    }
}
