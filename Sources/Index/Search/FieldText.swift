import SystemCalls

/// The layout of a `field_text` chunk (Schema 12): distinct values of one control field joined by NUL bytes, none
/// holding a NUL itself.
enum FieldText {
    /// Calls `body` with each value of `chunk` that contains the bytes `needle` looks for (no NUL byte among them),
    /// in order, each once, the bytes valid only inside `body`.
    ///
    /// - Returns: false when more than `limit` values contain it (`body` was called for the first `limit`).
    static func values(in chunk: UnsafeRawBufferPointer, containing needle: ByteFinder, limit: Int,
                       _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        let count = chunk.count
        var found = 0
        // `offset` is always where a value starts: the value holding a hit starts at or after it.
        var offset = 0
        while offset <= count {
            let rest = UnsafeRawBufferPointer(rebasing: chunk[offset...])
            guard let hit = needle.firstOffset(in: rest) else { break }
            let position = offset + hit
            let start = ByteSearch.lastOffset(of: 0, in: UnsafeRawBufferPointer(rebasing: chunk[offset..<position]))
                .map { offset + $0 + 1 } ?? offset
            let end = chunk[position...].firstIndex(of: 0) ?? count
            guard found < limit else { return false }
            found += 1
            body(UnsafeRawBufferPointer(rebasing: chunk[start..<end]))
            offset = end + 1
        }
        return true
    }

    /// `[1,2,3]`: owners for `json_each`.
    static func jsonArray(_ integers: [Int64]) -> String {
        var text = "["
        text.reserveCapacity(integers.count * 8 + 2)
        for (offset, integer) in integers.enumerated() {
            if offset > 0 { text += "," }
            text += String(integer)
        }
        return text + "]"
    }
}
