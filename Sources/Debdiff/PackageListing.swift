import Artifacts
import LibArchive

/// One binary package as debdiff looks at it: the `data.tar` entries under their stored names (what
/// `dpkg-deb -c` lists) and the top-level control members (what `dpkg-deb -I` lists and `-e` extracts).
struct PackageListing: Sendable {
    /// One `data.tar` entry.
    struct Entry: Sendable, Hashable {
        /// The name as stored in the tar, e.g. `./usr/bin/hello` or `./usr/`.
        var storedPath: String
        var type: ArchiveEntry.FileType
        /// Permission bits including setuid, setgid and sticky.
        var permissions: UInt32
        var owner: String
        var group: String
        var size: Int64
        var linkTarget: String?
        /// MD5 of the data, when the reader was asked to hash.
        var md5: String?

        /// The path from the root without `./` or `/` in front and without a trailing slash.
        var path: String {
            var path = Substring(storedPath)
            if path.hasPrefix("./") { path = path.dropFirst(2) }
            while path.hasPrefix("/") { path = path.dropFirst() }
            while path.hasSuffix("/") { path = path.dropLast() }
            return String(path)
        }
    }

    /// One member at the top of `control.tar` (the same value the index stores).
    typealias ControlMember = BinaryPackage.ControlMember

    /// The .deb's path as given.
    var file: String
    var entries: [Entry]
    /// In archive order.
    var controlMembers: [ControlMember]

    /// The package name debdiff uses: the file name up to the first `_`.
    var nameFromFile: String {
        let base = file.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? file
        return String(base.prefix { $0 != "_" })
    }

    func controlMember(_ name: String) -> ControlMember? {
        controlMembers.first { $0.name == name }
    }

    /// `md5sums` as a map from root-relative path to checksum.
    var md5sums: [String: String] {
        guard let member = controlMember("md5sums") else { return [:] }
        var result: [String: String] = [:]
        for line in String(decoding: member.bytes, as: UTF8.self).split(separator: "\n") where line.count > 34 {
            var path = line.dropFirst(32).drop { $0 == " " || $0 == "*" }
            if path.hasPrefix("./") { path = path.dropFirst(2) }
            result[String(path)] = String(line.prefix(32))
        }
        return result
    }
}
