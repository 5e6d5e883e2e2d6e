import SQLite

/// A second connection to the index that reads a Contents search's candidate rows on another thread
/// (``withBackgroundProducer(depth:produce:consume:)``) while the search's own connection builds and tests their
/// paths: the two halves of a search with many candidates overlap on two cores (`.py`, 292,638 hits: 1.18 → 0.94 s).
///
/// The connection is opened and takes its read lock on the calling thread, then is used by the producer alone. It
/// is opened only while the search's connection holds its read lock on a rollback-journal file
/// (``IndexSearch/secondReader(wanted:)``): no writer can commit while either holds one, so both see the same index.
final class ContentsRowReader: @unchecked Sendable {
    private let db: Database

    /// Candidate rows handed over at a time.
    static let batchRows = 1024

    init(path: String) throws {
        db = try Database(path: path, readOnly: true)
        // It reads its rows' pages once each, in order: a small cache (`search --path '*'` on bookworm main: 44.6 MB
        // peak RSS, 44.1 with one reader; a query may take 50).
        try db.execute("PRAGMA cache_size = -256")
        // Its read lock is taken here, before any thread starts, and fails at once rather than waiting: a writer
        // that has asked for the file (an `index` run starting) blocks new readers until the search's own
        // connection lets go, which it does only when this one is done. Held until the connection closes.
        try db.execute("PRAGMA busy_timeout = 0")
        try db.execute("BEGIN")
        _ = try db.scalar("PRAGMA schema_version")
    }

    /// Runs `sql` (rows of list id, directory id, package id, name) with `values` bound, giving its rows to `emit`
    /// in batches.
    func rows(_ sql: String, _ values: [SQLValue], emit: (ContentsRowBatch) throws -> Void) throws {
        let statement = try db.prepare(sql, cached: false)
        try statement.bind(values)
        var batch = ContentsRowBatch()
        while try statement.step() {
            statement.withBytes(at: 3) { name in
                batch.append(list: statement.int64(at: 0), directoryID: statement.int64(at: 1), packageID: statement.int64(at: 2), name: name)
            }
            if batch.count >= Self.batchRows {
                try emit(batch)
                batch = ContentsRowBatch()
            }
        }
        if batch.count > 0 { try emit(batch) }
    }
}

/// Candidate rows of a Contents search: ids and names, the names' bytes in one buffer.
struct ContentsRowBatch: Sendable {
    private var ids: [Int64] = []
    private var nameEnds: [Int] = []
    private var names: [UInt8] = []

    var count: Int { nameEnds.count }

    mutating func append(list: Int64, directoryID: Int64, packageID: Int64, name: UnsafeRawBufferPointer) {
        ids.append(list)
        ids.append(directoryID)
        ids.append(packageID)
        names.append(contentsOf: name)
        nameEnds.append(names.count)
    }

    /// Each row in order: list id, directory id, package id, name.
    func forEach(_ body: (Int64, Int64, Int64, UnsafeRawBufferPointer) throws -> Void) rethrows {
        try names.withUnsafeBytes { buffer in
            var start = 0
            for (row, end) in nameEnds.enumerated() {
                try body(ids[3 * row], ids[3 * row + 1], ids[3 * row + 2], UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
                start = end
            }
        }
    }
}

extension IndexSearch {
    /// A second connection for reading a Contents search's candidates (``ContentsRowReader``), or nil when the search
    /// reads on one connection: asked so (`secondReader: false`), not inside a read transaction that already holds
    /// its lock, an index in WAL mode (an `index` run is writing: a second connection could see a newer commit than
    /// this one), or a connection that cannot be opened.
    func secondReader(wanted: Bool) throws -> ContentsRowReader? {
        guard wanted, db.isInTransaction else { return nil }
        guard let mode = try db.scalar("PRAGMA journal_mode")?.string, ["delete", "truncate", "persist"].contains(mode.lowercased()) else {
            return nil
        }
        return try? ContentsRowReader(path: db.path)
    }
}
