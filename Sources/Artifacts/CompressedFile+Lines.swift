import LibArchive

extension CompressedFile {
    /// Streams the lines of a possibly compressed file (same formats and limits as ``stream(_:limits:_:)``)
    /// to `body`: the line's bytes without its `\n` (valid only during the call), its 1-based number, and
    /// whether it was longer than `maximumLength` (then only its first `maximumLength` bytes are given).
    /// Memory stays at one chunk plus one line, whatever the file's size.
    /// - Returns: the file's warnings, as ``stream(_:limits:_:)`` returns them.
    @discardableResult
    public static func forEachLine(_ path: String, limits: ArchiveReader.Limits = .default, maximumLength: Int = 1 << 16,
                                   _ body: (UnsafeRawBufferPointer, Int, Bool) throws -> Void) throws -> [String] {
        var splitter = LineSplitter(maximumLength: maximumLength)
        let warnings = try stream(path, limits: limits) { chunk in
            try splitter.feed(chunk, body)
        }
        try splitter.finish(body)
        return warnings
    }
}

/// Cuts a byte stream into lines at `\n`. Lines wholly inside a chunk are handed out in place; only a line
/// split across chunks is copied, and never more than `maximumLength` bytes of it.
struct LineSplitter {
    let maximumLength: Int
    private var pending: [UInt8] = []
    private var pendingTruncated = false
    private var line = 0

    init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, Int, Bool) throws -> Void) throws {
        var start = 0
        while start < chunk.count {
            guard let newline = chunk[start...].firstIndex(of: 0x0A) else {
                append(UnsafeRawBufferPointer(rebasing: chunk[start...]))
                return
            }
            line += 1
            if pending.isEmpty && !pendingTruncated {
                let length = newline - start
                let kept = min(length, maximumLength)
                try body(UnsafeRawBufferPointer(rebasing: chunk[start..<(start + kept)]), line, length > maximumLength)
            } else {
                append(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]))
                let truncated = pendingTruncated
                try pending.withUnsafeBytes { try body($0, line, truncated) }
                pending.removeAll(keepingCapacity: true)
                pendingTruncated = false
            }
            start = newline + 1
        }
    }

    mutating func finish(_ body: (UnsafeRawBufferPointer, Int, Bool) throws -> Void) throws {
        guard !pending.isEmpty || pendingTruncated else { return }
        line += 1
        let truncated = pendingTruncated
        try pending.withUnsafeBytes { try body($0, line, truncated) }
        pending.removeAll()
        pendingTruncated = false
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let room = maximumLength - pending.count
        if bytes.count > room { pendingTruncated = true }
        pending.append(contentsOf: bytes.prefix(max(0, room)))
        // A line cut short still ends at its `\n`: an empty pending line with the flag set stands for it.
        if pending.isEmpty && bytes.count > 0 && room <= 0 { pendingTruncated = true }
    }
}
