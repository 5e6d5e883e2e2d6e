import LibArchive

/// One side's unpacked source tree: metadata of every path in memory, file contents in a ``SpoolFile``
/// (only what a comparison needs is ever read back, one file at a time on each thread).
struct ExtractedTree: Sendable {
    struct Entry: Sendable, Hashable {
        var type: ArchiveEntry.FileType
        /// Permission bits (`07777`).
        var permissions: UInt32
        var size: Int64
        /// Seconds since the epoch, from the archive member (or the patch that last changed the file).
        var mtime: Int64
        /// Lowercase hex; only set for patched files and, once compared, for the files a report lists.
        var sha256: String?
        var linkTarget: String?
        /// Where a regular file's bytes start in the spool.
        var offset: Int64 = 0
    }

    /// The spool holding the regular files' bytes.
    let spool: String
    /// Path (relative, no leading `./`) to entry. Directories implied by deeper paths may be absent.
    var entries: [String: Entry] = [:]
    var warnings: [String] = []

    init(spool: String) { self.spool = spool }

    /// The bytes of a regular file, read back from the spool being written.
    func contents(_ entry: Entry, from spool: SpoolFile) throws(DebdiffError) -> [UInt8] {
        try spool.read(offset: entry.offset, count: entry.size)
    }

    /// The bytes of a regular file, from the finished spool.
    func contents(_ entry: Entry, from reader: SpoolReader) throws(DebdiffError) -> [UInt8] {
        try reader.read(offset: entry.offset, count: entry.size)
    }

    /// What one tar member becomes in a tree.
    enum Member {
        /// Its entry (a regular file's bytes appended to the spool).
        case entry(Entry)
        /// A hard link whose target is no earlier regular file.
        case unresolvedHardLink
        /// A device, FIFO or socket: no data (a source tree keeps it as an entry of its type, which the
        /// comparison names as `diff` does; an embedded tarball's is skipped with a warning).
        case special
    }

    /// Reads the current member of `reader` into an entry: a regular file's data is appended to `writer`
    /// (not hashed: files of equal size are compared byte for byte, and only those in the report get a
    /// checksum), a hard link copies `linked` (the entry its target names, looked up by the caller).
    static func member(_ member: ArchiveEntry, linked: Entry?, reader: ArchiveReader, writer: SpoolFile) throws -> Member {
        var record = Entry(type: member.type, permissions: member.permissions, size: member.size,
                           mtime: member.mtime, sha256: nil, linkTarget: member.linkTarget)
        switch member.type {
        case .directory, .symlink:
            try reader.skipData()
        case .regular:
            record.offset = writer.size
            try reader.readData { chunk in try writer.append(chunk) }
            record.size = writer.size - record.offset
        case .hardlink:
            try reader.skipData()
            guard let original = linked, original.type == .regular else { return .unresolvedHardLink }
            record = original
            record.mtime = member.mtime
        default:
            try reader.skipData()
            return .special
        }
        return .entry(record)
    }

    mutating func remove(under directory: String) {
        for key in entries.keys where key == directory || key.hasPrefix(directory + "/") {
            entries[key] = nil
        }
    }

    /// The children of every directory (`""` is the top), names unsorted.
    func children() -> [String: Set<String>] {
        var result: [String: Set<String>] = ["": []]
        for path in entries.keys {
            var current = Substring(path)
            while true {
                // Found on the UTF-8 bytes: searching Characters walks grapheme breaks.
                let slash = current.utf8.lastIndex(of: UInt8(ascii: "/"))
                let parent = slash.map { current[..<$0] } ?? ""
                let name = slash.map { current[current.utf8.index(after: $0)...] } ?? current
                let (inserted, _) = result[String(parent), default: []].insert(String(name))
                if !inserted || parent.isEmpty { break }
                current = parent
            }
        }
        return result
    }

    /// Whether `path` is a directory (explicit, or implied by a deeper entry).
    func isDirectory(_ path: String, children: [String: Set<String>]) -> Bool {
        if let entry = entries[path] { return entry.type == .directory }
        return children[path] != nil
    }

    /// Follows symlinks inside the tree as `diff` does (it dereferences them): the path of the regular
    /// file or directory reached, or nil when the link dangles, loops or leaves the tree.
    func resolve(_ path: String, children: [String: Set<String>]) -> String? {
        var current = path
        for _ in 0..<40 {
            guard let entry = entries[current] else { return children[current] != nil ? current : nil }
            guard entry.type == .symlink, let target = entry.linkTarget else { return current }
            if target.hasPrefix("/") { return nil }
            var parts = current.split(separator: "/").dropLast().map(String.init)
            for part in target.split(separator: "/") {
                if part == "." { continue }
                if part == ".." {
                    if parts.isEmpty { return nil }
                    parts.removeLast()
                } else {
                    parts.append(String(part))
                }
            }
            current = parts.joined(separator: "/")
        }
        return nil
    }
}
