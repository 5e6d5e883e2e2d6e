import Digest
import LibArchive

/// Where ``SourceUnpacker`` puts the tree it builds. The unpacker does every check and keeps the paths'
/// types itself; a sink only stores what its user needs: ``SourceListingSink`` (the index: every path
/// with its SHA-256, a few texts), ``SourceCaptureSink`` (port: some texts), debdiff's spool.
public protocol SourceTreeSink {
    /// Whether ``contents(of:)`` answers for every regular file (a spool), so that nothing needs
    /// ``retain(_:)``.
    static var readsBack: Bool { get }
    /// Paths whose bytes the unpacker will read back (files a `.diff.gz` patches), said before any
    /// tarball is read.
    mutating func retain(_ paths: Set<String>)
    /// A checked tarball member placed at `path`. The sink must read or skip a regular file's data from
    /// `reader`. `linked` is the tree path of a hard link's target (an earlier regular file).
    mutating func add(_ member: ArchiveEntry, at path: String, linked: String?, reader: ArchiveReader) throws
    /// A regular file a patch created or changed (`permissions` nil for a new file).
    mutating func write(_ path: String, bytes: [UInt8], permissions: UInt32?, mtime: Int64) throws
    /// Removes `path` and everything under it.
    mutating func remove(under path: String)
    /// Adds the execute bits (dpkg-source does so for `debian/rules`).
    mutating func makeExecutable(_ path: String)
    /// The bytes of a regular file, nil when the sink did not keep them.
    func contents(of path: String) throws -> [UInt8]?
}

extension SourceTreeSink {
    public static var readsBack: Bool { false }
    public mutating func retain(_ paths: Set<String>) {}
}

/// The index's view of a tree: every path with type, mode, size and SHA-256, and the bytes of the
/// ``captured`` texts, the quilt patches and the files a diff patches.
public struct SourceListingSink: SourceTreeSink {
    /// Tree paths whose contents are kept as text.
    public static let captured: Set<String> = ["debian/changelog", "debian/control", "debian/patches/series", "debian/source/format"]

    public private(set) var entries: [String: SourcePackage.TreeEntry] = [:]
    private var kept: [String: [UInt8]] = [:]
    private var retained: Set<String> = []

    public init() {}

    private func keeps(_ path: String) -> Bool {
        Self.captured.contains(path) || retained.contains(path) || path.hasPrefix("debian/patches/")
    }

    public mutating func retain(_ paths: Set<String>) { retained.formUnion(paths) }

    public mutating func add(_ member: ArchiveEntry, at path: String, linked: String?, reader: ArchiveReader) throws {
        var sha256: String?
        if member.type == .regular {
            let hasher = try Hasher([.sha256])
            let wanted = keeps(path)
            var bytes: [UInt8] = []
            try reader.readData { chunk in
                hasher.update(chunk)
                if wanted && bytes.count < 64 << 20 { bytes.append(contentsOf: chunk) }
            }
            sha256 = hasher.finalize()[.sha256]
            kept[path] = wanted ? bytes : nil
        } else {
            try reader.skipData()
            kept[path] = keeps(path) ? linked.flatMap { kept[$0] } : nil
        }
        entries[path] = SourcePackage.TreeEntry(path: path, type: member.type, mode: member.mode, size: member.size,
                                                sha256: sha256, linkTarget: member.linkTarget)
    }

    public mutating func write(_ path: String, bytes: [UInt8], permissions: UInt32?, mtime: Int64) throws {
        let hasher = try Hasher([.sha256])
        hasher.update(bytes)
        let mode = permissions.map { 0o100000 | $0 } ?? 0o100644
        entries[path] = SourcePackage.TreeEntry(path: path, type: .regular, mode: mode, size: Int64(bytes.count),
                                                sha256: hasher.finalize()[.sha256], linkTarget: nil)
        kept[path] = bytes
    }

    public mutating func remove(under path: String) {
        for key in entries.keys where key == path || key.hasPrefix(path + "/") {
            entries[key] = nil
            kept[key] = nil
        }
    }

    public mutating func makeExecutable(_ path: String) {
        entries[path]?.mode |= 0o111
    }

    public func contents(of path: String) throws -> [UInt8]? { kept[path] }

    /// A kept file as text.
    public func text(of path: String) -> String? {
        kept[path].map { String(decoding: $0, as: UTF8.self) }
    }

    /// The entries in byte order of their paths.
    public var sortedEntries: [SourcePackage.TreeEntry] {
        entries.values.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}

/// Port's view of a tree: only the bytes of some paths (and of what the unpacker reads back).
public struct SourceCaptureSink: SourceTreeSink {
    public let paths: Set<String>
    private var kept: [String: [UInt8]] = [:]
    private var retained: Set<String> = []

    public init(paths: Set<String>) { self.paths = paths }

    private func keeps(_ path: String) -> Bool {
        paths.contains(path) || retained.contains(path) || path.hasPrefix("debian/patches/")
    }

    public mutating func retain(_ paths: Set<String>) { retained.formUnion(paths) }

    public mutating func add(_ member: ArchiveEntry, at path: String, linked: String?, reader: ArchiveReader) throws {
        if member.type == .regular && keeps(path) {
            kept[path] = try reader.readAll(maximumSize: 64 << 20)
        } else {
            try reader.skipData()
            kept[path] = linked.flatMap { kept[$0] }
        }
    }

    public mutating func write(_ path: String, bytes: [UInt8], permissions: UInt32?, mtime: Int64) throws {
        kept[path] = bytes
    }

    public mutating func remove(under path: String) {
        for key in kept.keys where key == path || key.hasPrefix(path + "/") { kept[key] = nil }
    }

    public mutating func makeExecutable(_ path: String) {}

    public func contents(of path: String) throws -> [UInt8]? { kept[path] }

    /// A captured path's text, nil when the tree has no such regular file.
    public func text(of path: String) -> String? {
        kept[path].map { String(decoding: $0, as: UTF8.self) }
    }
}
