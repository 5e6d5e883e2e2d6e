import DebianFormats
import LibArchive

/// Everything debwork keeps of one source package: the .dsc, its files, and its unpacked tree.
public struct SourcePackage: Sendable {
    /// A file the .dsc lists, with the checksums it declares (all verified against the file on disk).
    public struct ListedFile: Sendable, Hashable {
        public var name: String
        public var size: Int64
        public var md5: String?
        public var sha1: String?
        public var sha256: String?
    }

    /// One path of the unpacked source tree (what `dpkg-source -x --skip-patches` produces).
    public struct TreeEntry: Sendable, Hashable {
        public var path: String
        public var type: ArchiveEntry.FileType
        public var mode: UInt32
        public var size: Int64
        public var sha256: String?
        public var linkTarget: String?
    }

    public var dsc: Deb822Paragraph
    public var dscText: String
    public var isSigned: Bool
    public var files: [ListedFile]
    public var tree: [TreeEntry]
    /// `debian/changelog` as text and parsed (nil when the tree has none).
    public var changelogText: String?
    public var changelog: Changelog?
    /// `debian/control` as text.
    public var controlText: String?
    /// `debian/patches/series`, comments and options dropped.
    public var series: [String]
    public var warnings: [String]

    public var package: String { dsc["Source"] ?? "" }
    public var version: String { dsc["Version"] ?? "" }
    public var format: String { dsc["Format"] ?? "" }
}
