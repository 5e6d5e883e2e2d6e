import SQLite

extension IndexStore {
    /// A chunk of `field_text` holds at most this many bytes of values (one longer value has a chunk of its own).
    static let fieldTextChunkBytes = 1 << 20

    /// Marks `field_text` as behind `field_values` (Schema 12): a file was written. Written in the same transaction
    /// as the change, so the mark survives whatever stops the run before ``recordFieldText()``.
    func markFieldTextStale() throws {
        try db.run("INSERT OR REPLACE INTO meta(key, value) VALUES ('field_text_stale', '1')", [])
    }

    func fieldTextIsStale() throws -> Bool {
        try db.scalar("SELECT count(*) FROM meta WHERE key = 'field_text_stale'")?.int == 1
    }

    /// Builds `field_text` again from `field_values`: one pass over the `(name, value)` index, in its order, each
    /// distinct value appended to its field's current chunk with a NUL byte before it (none before a chunk's first).
    /// A field with a value holding a NUL byte gets no chunks: the searches scan it. Must run inside a transaction.
    ///
    /// - Parameter chunkBytes: the most bytes of a chunk (tests make many small ones).
    /// - Returns: the bytes of values written.
    @discardableResult
    func recordFieldText(chunkBytes: Int = fieldTextChunkBytes) throws -> Int {
        try db.execute("DELETE FROM field_text; DELETE FROM meta WHERE key = 'field_text_stale'")
        let insert = try db.prepare("INSERT INTO field_text(name, chunk, rows, text) VALUES (?1, ?2, ?3, ?4)")
        let remove = try db.prepare("DELETE FROM field_text WHERE name = ?1")
        let values = try db.prepare("SELECT name, value FROM field_values INDEXED BY field_values_lookup ORDER BY name, value")
        defer { values.reset() }
        var field: [UInt8] = []
        var chunk: [UInt8] = []
        var chunks = 0
        var rows = 0
        var last: [UInt8] = []
        var holdsNUL = false
        var written = 0
        var fieldWritten = 0
        chunk.reserveCapacity(chunkBytes)
        func flush() throws {
            guard rows > 0, !holdsNUL else { return }
            try field.withUnsafeBytes { name in
                try chunk.withUnsafeBytes { text in
                    insert.reset()
                    try insert.bind(text: name, at: 1)
                    try insert.bind(Int64(chunks), at: 2)
                    try insert.bind(Int64(rows), at: 3)
                    try insert.bind(blob: text, at: 4)
                    try insert.execute()
                }
            }
            fieldWritten += chunk.count
            chunks += 1
            rows = 0
            chunk.removeAll(keepingCapacity: true)
        }
        while try values.step() {
            let sameField = values.withBytes(at: 0) { $0.elementsEqual(field) }
            if !sameField {
                try flush()
                written += holdsNUL ? 0 : fieldWritten
                field = values.withBytes(at: 0) { Array($0) }
                (chunks, rows, fieldWritten, holdsNUL) = (0, 0, 0, false)
                last.removeAll(keepingCapacity: true)
            } else if holdsNUL {
                continue
            } else if values.withBytes(at: 1, { $0.elementsEqual(last) }) {
                rows += 1
                continue
            }
            try values.withBytes(at: 1) { value in
                last.removeAll(keepingCapacity: true)
                last.append(contentsOf: value)
                if value.contains(0) {
                    holdsNUL = true
                    chunk.removeAll(keepingCapacity: true)
                    try field.withUnsafeBytes { name in
                        remove.reset()
                        try remove.bind(text: name, at: 1)
                        try remove.execute()
                    }
                    return
                }
                if rows > 0, chunk.count + 1 + value.count > chunkBytes { try flush() }
                if rows > 0 { chunk.append(0) }
                chunk.append(contentsOf: value)
                rows += 1
            }
        }
        try flush()
        return written + (holdsNUL ? 0 : fieldWritten)
    }
}
