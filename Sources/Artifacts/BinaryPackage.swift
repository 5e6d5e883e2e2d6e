import DebianFormats
import LibArchive
import SystemCalls

/// Everything debwork keeps of one binary package (.deb, .udeb, .ddeb).
public struct BinaryPackage: Sendable, Hashable {
    /// One member of `data.tar`.
    public struct FileEntry: Sendable, Hashable {
        /// Path without the leading `./`, e.g. `usr/bin/hello` (directories end without a slash).
        public var path: String
        public var type: ArchiveEntry.FileType
        /// Full `st_mode` (type and permission bits).
        public var mode: UInt32
        public var size: Int64
        public var owner: String
        public var group: String
        public var linkTarget: String?
        /// From the package's `md5sums` control member, when listed there; else computed from the data
        /// (regular files only, see ``md5FromData``).
        public var md5: String?
        /// Whether the path is listed in `conffiles`.
        public var isConffile: Bool
        /// The member name exactly as stored in `data.tar` (`./usr/bin/hello`, `./usr/`), which is what
        /// `dpkg-deb -c` prints.
        public var tarName: String
        /// The link target exactly as stored (``linkTarget`` has a hard link's `./` dropped).
        public var tarLinkTarget: String?
        /// Whether ``md5`` was computed from the data because `md5sums` does not list the file (conffiles,
        /// packages without `md5sums`).
        public var md5FromData: Bool
        /// The SHA-256 of a regular file's data (`search --hash`).
        public var sha256: String? = nil
    }

    /// A claim of the package that its data contradicts (today: its `md5sums`), found while indexing. This is
    /// what `debsums` would report after installing it, found offline before.
    public struct Finding: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// `md5sums` lists the file with another MD5 than its data has.
            case md5sumsMismatch = "md5sums-mismatch"
            /// `md5sums` lists a path the package does not contain.
            case md5sumsMissingFile = "md5sums-missing-file"
            /// `md5sums` lists a path that is not a regular file (a symlink, a directory).
            case md5sumsNotRegular = "md5sums-not-regular"
        }

        public var kind: Kind
        /// Root-relative path (`usr/bin/hello`).
        public var path: String
        /// What the package claims (the md5sums line's digest).
        public var claimed: String?
        /// What the data is (its MD5), when there is data.
        public var actual: String?

        public init(kind: Kind, path: String, claimed: String?, actual: String?) {
            self.kind = kind
            self.path = path
            self.claimed = claimed
            self.actual = actual
        }

        /// The `W:` text: `md5sums-mismatch: /usr/bin/hello: md5sums says …, the data is …`.
        public var message: String {
            switch kind {
            case .md5sumsMismatch:
                return "\(kind.rawValue): /\(path): md5sums says \(claimed ?? "?"), the data is \(actual ?? "?")"
            case .md5sumsMissingFile:
                return "\(kind.rawValue): /\(path): listed in md5sums, not in the package"
            case .md5sumsNotRegular:
                return "\(kind.rawValue): /\(path): listed in md5sums, not a regular file in the package"
            }
        }
    }

    /// One regular file at the top of `control.tar`, as `dpkg-deb -I` lists it (hard links with no bytes).
    public struct ControlMember: Sendable, Hashable {
        public var name: String
        /// Whether the owner may execute it (`dpkg-deb -I` marks it with `*`).
        public var isExecutable: Bool
        public var bytes: [UInt8]

        public init(name: String, isExecutable: Bool, bytes: [UInt8]) {
            self.name = name
            self.isExecutable = isExecutable
            self.bytes = bytes
        }
    }

    /// The `control` paragraph, field order kept.
    public var control: Deb822Paragraph
    /// The `control` member as written.
    public var controlText: String
    public var files: [FileEntry]
    /// Lines of the `conffiles` member (absolute paths, possibly with `remove-on-upgrade`).
    public var conffiles: [String]
    /// Control members other than `control`, `md5sums` and `conffiles`, by name (`postinst`, `triggers`, …).
    public var scripts: [String: String]
    /// Every top-level member of `control.tar`, in archive order, bytes as stored (what debdiff compares).
    public var controlMembers: [ControlMember]
    /// The compression of `control.tar` and `data.tar` (`xz`, `gzip`, `zstd`, `bzip2`, `lzma`, `none`).
    public var controlCompression: String
    public var dataCompression: String
    /// Problems that did not stop the read (a relative symlink that climbs out of the root, …).
    public var warnings: [String]
    /// Claims its data contradicts (also among ``warnings``, as `W:` text).
    public var findings: [Finding] = []
    /// The newest entries of the package's `/usr/share/doc/<pkg>/changelog.Debian.gz` (a native package's
    /// `changelog.gz`), decompressed, at most ``DebReader/changelogLimit`` bytes, cut at an entry's end.
    public var changelog: String? = nil
    /// The same of its `NEWS.Debian.gz`.
    public var news: String? = nil

    public var package: String { control["Package"] ?? "" }
    public var version: String { control["Version"] ?? "" }
    public var architecture: String { control["Architecture"] ?? "" }

    /// The source package name and version (`Source: name (version)`, or the binary's own when absent).
    public var source: (name: String, version: String) {
        guard let field = control["Source"]?.split(separator: " ", omittingEmptySubsequences: true),
              let name = field.first
        else { return (package, version) }
        if field.count > 1 {
            let version = field[1].trimmingCharacters(in: "()")
            return (String(name), version)
        }
        return (String(name), version)
    }
}
