import Artifacts
import Digest
import LibArchive

/// debdiff's ``SourceTreeSink``: regular files streamed into one side's ``SpoolFile``, metadata in an
/// ``ExtractedTree`` (see ``SourceTreeLoader``). Devices, FIFOs and sockets are kept as entries without
/// data, so that the comparison reports them as `diff` does.
struct SpoolingSink: SourceTreeSink {
    var tree: ExtractedTree
    let writer: SpoolFile
    static var readsBack: Bool { true }

    mutating func add(_ member: ArchiveEntry, at path: String, linked: String?, reader: ArchiveReader) throws {
        switch try ExtractedTree.member(member, linked: linked.flatMap { tree.entries[$0] }, reader: reader, writer: writer) {
        case .entry(let record):
            tree.entries[path] = record
        case .unresolvedHardLink:
            // The unpacker has checked the target: cannot happen.
            throw DebdiffError("\(path): hard link names no earlier regular file")
        case .special:
            tree.entries[path] = ExtractedTree.Entry(type: member.type, permissions: member.permissions, size: 0,
                                                     mtime: member.mtime, sha256: nil, linkTarget: nil)
        }
    }

    mutating func write(_ path: String, bytes: [UInt8], permissions: UInt32?, mtime: Int64) throws {
        tree.entries[path] = ExtractedTree.Entry(
            type: .regular, permissions: permissions ?? 0o644, size: Int64(bytes.count), mtime: mtime,
            sha256: try Hasher.hash(bytes, .sha256), linkTarget: nil, offset: try writer.append(bytes))
    }

    mutating func remove(under path: String) { tree.remove(under: path) }

    mutating func makeExecutable(_ path: String) { tree.entries[path]?.permissions |= 0o111 }

    func contents(of path: String) throws -> [UInt8]? {
        guard let entry = tree.entries[path], entry.type == .regular else { return nil }
        return try tree.contents(entry, from: writer)
    }
}
