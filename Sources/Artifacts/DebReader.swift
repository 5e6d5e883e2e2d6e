import DebianFormats
import Digest
import LibArchive

/// Reads a binary package: the outer `ar`, then `control.tar.*` and `data.tar.*`, streamed.
///
/// Memory stays bounded whatever the package size: data members are never buffered, only listed
/// (or hashed chunk by chunk when `hashContents` is set).
public struct DebReader: Sendable {
    public var limits: ArchiveReader.Limits
    /// Compute the SHA256 of every regular file in `data.tar` (for content-aware comparisons).
    public var hashContents: Bool
    /// How many bytes of the changelog (and of NEWS) are kept as searchable text: the newest whole entries
    /// that fit (``changelogLimit`` unless `index --changelog-bytes` says otherwise; 0 keeps none).
    public var changelogBytes: Int = DebReader.changelogLimit

    public init(limits: ArchiveReader.Limits = .default, hashContents: Bool = false) {
        self.limits = limits
        self.hashContents = hashContents
    }

    /// The control members kept as text; anything else in control.tar is listed by name only.
    static let textMembers: Set<String> = [
        "control", "md5sums", "conffiles", "preinst", "postinst", "prerm", "postrm", "config",
        "templates", "triggers", "shlibs", "symbols", "clilibs", "isinstallable", "menutest",
    ]

    /// Control members larger than this are refused (dpkg's own limit is far lower in practice).
    public static let maximumControlMemberSize = 16 << 20

    /// Compression suffixes dpkg accepts for the tar members, mapped to their names.
    static let compressions: [String: String] = [
        "": "none", ".gz": "gzip", ".xz": "xz", ".zst": "zstd", ".bz2": "bzip2", ".lzma": "lzma",
    ]

    /// Reads the package at `path`.
    /// - Returns: the package, with `contentHashes` filled when `hashContents` is set.
    /// - Throws: ``ArtifactError`` naming the file and what is wrong.
    public func read(path: String) throws(ArtifactError) -> BinaryPackage {
        do {
            return try readUnchecked(path: path)
        } catch {
            throw ArtifactError.wrapping(error, file: path)
        }
    }

    private func readUnchecked(path: String) throws -> BinaryPackage {
        let outer = try ArchiveReader(path: path, formats: .ar, limits: limits)
        var sawVersion = false
        var control: (paragraph: Deb822Paragraph, text: String, members: [String: String], all: [BinaryPackage.ControlMember], compression: String)?
        var data: (files: [BinaryPackage.FileEntry], compression: String, warnings: [String], documents: [String: [UInt8]])?
        var memberIndex = 0
        while let member = try outer.nextEntry() {
            defer { memberIndex += 1 }
            let name = member.path
            if memberIndex == 0 {
                guard name == "debian-binary" else {
                    throw ArtifactError(file: path, reason: "first ar member is '\(name)', not 'debian-binary': not a Debian binary package")
                }
                let bytes = try outer.readAll(maximumSize: 64)
                let text = String(decoding: bytes, as: UTF8.self)
                guard text.hasPrefix("2.") else {
                    throw ArtifactError(file: path, reason: "unsupported package format version '\(text.trimmedLine)'")
                }
                sawVersion = true
                continue
            }
            if name.hasPrefix("control.tar") {
                let compression = try Self.compression(of: name, prefix: "control.tar", file: path)
                let inner = try outer.nested(member: name, formats: .tar, limits: limits)
                control = try readControl(inner, file: path, compression: compression)
            } else if name.hasPrefix("data.tar") {
                guard control != nil else {
                    throw ArtifactError(file: path, reason: "premature member '\(name)' before 'control.tar' (dpkg-deb gives up here)")
                }
                let compression = try Self.compression(of: name, prefix: "data.tar", file: path)
                let inner = try outer.nested(member: name, formats: .tar, limits: limits)
                data = try readData(inner, file: path, compression: compression)
            } else if name.hasPrefix("_") {
                try outer.skipData() // dpkg ignores members starting with '_'
            } else {
                throw ArtifactError(file: path, reason: "unexpected ar member '\(name)'")
            }
        }
        guard sawVersion else { throw ArtifactError(file: path, reason: "empty archive: not a Debian binary package") }
        guard let control else { throw ArtifactError(file: path, reason: "no control.tar member") }
        guard var data else { throw ArtifactError(file: path, reason: "no data.tar member") }

        for required in ["Package", "Version", "Architecture"] where !control.paragraph.contains(required) {
            throw ArtifactError(file: path, reason: "control file has no '\(required)' field")
        }
        try ControlIdentity.checkBinary(control.paragraph, file: path)
        let md5sums = Self.parseMD5Sums(control.members["md5sums"] ?? "")
        let conffiles = (control.members["conffiles"] ?? "").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let conffilePaths = Set(conffiles.map { line -> String in
            let path = line.split(separator: " ").first.map(String.init) ?? line
            return String(path.drop { $0 == "/" })
        })
        var findings: [BinaryPackage.Finding] = []
        var unlisted = md5sums
        // A hard link's data is its target's (dpkg lists both names in md5sums, with the same digest).
        var dataMD5: [String: String] = [:]
        for file in data.files where file.type == .regular { dataMD5[file.path] = file.md5 }
        for index in data.files.indices {
            let path = data.files[index].path
            data.files[index].isConffile = conffilePaths.contains(path)
            guard let listed = unlisted.removeValue(forKey: path) else { continue }
            data.files[index].md5FromData = false
            // The package's own md5sums is a claim, not evidence: the data was hashed, and a file whose
            // bytes do not match its line is reported (what debsums would say once it is installed).
            let file = data.files[index]
            let actual = file.type == .regular ? file.md5 : file.type == .hardlink ? file.linkTarget.flatMap { dataMD5[$0] } : nil
            if let actual {
                if actual != listed { findings.append(.init(kind: .md5sumsMismatch, path: path, claimed: listed, actual: actual)) }
            } else {
                findings.append(.init(kind: .md5sumsNotRegular, path: path, claimed: listed, actual: nil))
            }
        }
        for (path, listed) in unlisted.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            findings.append(.init(kind: .md5sumsMissingFile, path: path, claimed: listed, actual: nil))
        }
        var scripts = control.members
        scripts["md5sums"] = nil
        scripts["conffiles"] = nil
        scripts["control"] = nil
        var package = BinaryPackage(
            control: control.paragraph, controlText: control.text, files: data.files, conffiles: conffiles,
            scripts: scripts, controlMembers: control.all, controlCompression: control.compression, dataCompression: data.compression,
            warnings: outer.warnings + data.warnings + findings.map(\.message), findings: findings)
        let documentation = Self.documentation(data.documents, package: package.package, architecture: package.architecture,
                                               file: path, limits: limits, keeping: changelogBytes)
        package.changelog = documentation.changelog
        package.news = documentation.news
        package.warnings += documentation.warnings
        return package
    }

    /// The checks `read(path:)` makes on a `control` member, for readers that list a package without
    /// indexing it (debdiff): valid UTF-8, no NUL, one paragraph, `Package`/`Version`/`Architecture` present and
    /// by policy's grammar.
    public static func checkControl(_ bytes: [UInt8], file: String) throws(ArtifactError) {
        let document: Deb822Document
        do { document = try Deb822Document.parse(bytes: bytes, file: "\(file):control") } catch {
            throw ArtifactError(file: file, in: "control file", error)
        }
        guard let paragraph = document.paragraphs.first else { throw ArtifactError(file: file, reason: "control file is empty") }
        for required in ["Package", "Version", "Architecture"] where !paragraph.contains(required) {
            throw ArtifactError(file: file, reason: "control file has no '\(required)' field")
        }
        try ControlIdentity.checkBinary(paragraph, file: file)
    }

    static func compression(of member: String, prefix: String, file: String) throws(ArtifactError) -> String {
        let suffix = String(member.dropFirst(prefix.count))
        guard let name = compressions[suffix] else {
            throw ArtifactError(file: file, reason: "member '\(member)' uses unknown compression '\(suffix.dropFirst())'")
        }
        return name
    }

    /// The members `dpkg-deb -I` lists: the top-level regular files of `control.tar` (and hard links, which
    /// extract as such, with no bytes), in archive order; `isRegular` tells the two apart.
    /// - Throws: what the reader throws, and for a member larger than ``maximumControlMemberSize``.
    public static func controlMembers(_ reader: ArchiveReader) throws -> [(member: BinaryPackage.ControlMember, isRegular: Bool)] {
        var members: [(member: BinaryPackage.ControlMember, isRegular: Bool)] = []
        while let entry = try reader.nextEntry() {
            let name = entry.path.hasPrefix("./") ? String(entry.path.dropFirst(2)) : entry.path
            guard entry.type == .regular || entry.type == .hardlink, !name.isEmpty, !name.contains("/") else {
                try reader.skipData()
                continue
            }
            let bytes = entry.type == .regular ? try reader.readAll(maximumSize: maximumControlMemberSize) : []
            members.append((BinaryPackage.ControlMember(name: name, isExecutable: entry.permissions & 0o100 != 0, bytes: bytes),
                            entry.type == .regular))
        }
        return members
    }

    private func readControl(_ reader: ArchiveReader, file: String, compression: String)
        throws -> (paragraph: Deb822Paragraph, text: String, members: [String: String], all: [BinaryPackage.ControlMember], compression: String)
    {
        var members: [String: String] = [:]
        let read = try Self.controlMembers(reader)
        for (member, isRegular) in read {
            let name = member.name, bytes = member.bytes
            guard isRegular, Self.textMembers.contains(name) else { continue }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                if name == "control" {
                    let offset = Self.firstInvalidUTF8(bytes)
                    throw ArtifactError(file: file, reason: "control file is not valid UTF-8 (byte \(offset))")
                }
                members[name] = String(decoding: bytes, as: UTF8.self)
                continue
            }
            members[name] = text
        }
        guard let text = members["control"] else {
            throw ArtifactError(file: file, reason: "control.tar has no 'control' member")
        }
        if let offset = text.utf8.firstIndex(of: 0).map({ text.utf8.distance(from: text.utf8.startIndex, to: $0) }) {
            throw ArtifactError(file: file, reason: "control file: NUL byte at byte offset \(offset)")
        }
        let document: Deb822Document
        do {
            document = try Deb822Document.parse(text, file: "\(file):control")
        } catch {
            throw ArtifactError(file: file, in: "control file", error)
        }
        guard let paragraph = document.paragraphs.first else {
            throw ArtifactError(file: file, reason: "control file is empty")
        }
        if document.paragraphs.count > 1 {
            throw ArtifactError(file: file, reason: "control file has \(document.paragraphs.count) paragraphs, expected one")
        }
        return (paragraph, text, members, read.map(\.member), compression)
    }

    /// Lists `data.tar` and hashes every regular file (MD5, as `md5sums` has it): the index stores what the
    /// data is, never what the package says it is.
    private func readData(_ reader: ArchiveReader, file: String, compression: String)
        throws -> (files: [BinaryPackage.FileEntry], compression: String, warnings: [String], documents: [String: [UInt8]])
    {
        var checker = MemberPathChecker(archive: file)
        var files: [BinaryPackage.FileEntry] = []
        var documents: [String: [UInt8]] = [:]
        while let entry = try reader.nextEntry() {
            let path = try checker.check(entry.path, type: entry.type, linkTarget: entry.linkTarget)
            var md5: String?
            var sha256: String?
            if entry.type == .regular, Self.isDocumentation(path), entry.size <= Self.documentCaptureLimit {
                // Hashed and kept in the same pass (it is searchable text once decompressed).
                let captured = try reader.digestData([.md5, .sha256], capturingUpTo: Self.documentCaptureLimit)
                (md5, sha256) = (captured.digests[.md5], captured.digests[.sha256])
                if let bytes = captured.bytes { documents[path] = bytes }
            } else if entry.type == .regular {
                let digests = try reader.digestData([.md5, .sha256], capturingUpTo: -1).digests
                (md5, sha256) = (digests[.md5], digests[.sha256])
            } else {
                try reader.skipData()
            }
            if path.isEmpty { continue } // the "./" root entry
            let linkTarget = entry.type == .hardlink
                ? entry.linkTarget.map { String($0.drop { $0 == "." || $0 == "/" }) } : entry.linkTarget
            files.append(BinaryPackage.FileEntry(
                path: path, type: entry.type, mode: entry.mode, size: entry.size, owner: entry.owner,
                group: entry.group, linkTarget: linkTarget, md5: md5, isConffile: false,
                tarName: entry.path, tarLinkTarget: entry.linkTarget, md5FromData: md5 != nil, sha256: sha256))
        }
        return (files, compression, checker.warnings + reader.warnings, documents)
    }

    /// `md5sums` lines are `<md5>  <path>`; paths are relative to the root (a leading `./` or `/` dropped).
    static func parseMD5Sums(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard line.utf8.count > 34 else { continue }
            let hash = line.prefix(32)
            var path = line.dropFirst(32).drop { $0 == " " || $0 == "*" }
            if path.hasPrefix("./") { path = path.dropFirst(2) }
            path = path.drop { $0 == "/" }
            result[String(path)] = String(hash).lowercased()
        }
        return result
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var low = 0
        var high = bytes.count
        // Binary search for the shortest invalid prefix; decoding is monotone in validity.
        while low < high {
            let middle = (low + high) / 2
            if String(validating: bytes[0...middle], as: UTF8.self) == nil && !endsMidCharacter(bytes, middle) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    private static func endsMidCharacter(_ bytes: [UInt8], _ index: Int) -> Bool {
        var start = index
        while start > 0 && bytes[start] & 0xC0 == 0x80 && index - start < 3 { start -= 1 }
        let lead = bytes[start]
        let expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return index - start + 1 < expected
    }
}

extension String {
    var trimmedLine: String {
        String(self.split(separator: "\n").first ?? "")
    }
}

extension DebReader {
    /// How much of a binary's changelog (and NEWS) is kept as searchable text by default: the newest entries
    /// up to this many bytes (see docs/BENCHMARKS.md, "What this session's indexing additions cost", for the
    /// measurements behind it).
    public static let changelogLimit = 64 << 10
    /// The most `changelogBytes` may be: what one compressed document may decompress to.
    public static let changelogMaximum = 16 << 20
    /// Compressed documentation files larger than this are not read (a changelog.Debian.gz is a few KiB).
    static let documentCaptureLimit: Int64 = 4 << 20

    /// `usr/share/doc/<package>/changelog.Debian.gz`, `changelog.gz` (a native package's Debian changelog),
    /// `NEWS.Debian.gz` and `changelog.Debian.<arch>.gz` (a binNMU's own entries, which debhelper keeps out of
    /// the changelog the architectures share), directly in a doc folder.
    static func isDocumentation(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5 && parts[0] == "usr" && parts[1] == "share" && parts[2] == "doc" else { return false }
        return ["changelog.Debian.gz", "changelog.gz", "NEWS.Debian.gz"].contains(parts[4]) || binNMUArchitecture(parts[4]) != nil
    }

    /// The architecture of a binNMU changelog's name (`changelog.Debian.amd64.gz` → `amd64`), or nil.
    static func binNMUArchitecture(_ name: Substring) -> Substring? {
        guard name.hasPrefix("changelog.Debian."), name.hasSuffix(".gz") else { return nil }
        let architecture = name.dropFirst("changelog.Debian.".count).dropLast(".gz".count)
        guard !architecture.isEmpty, architecture.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
            return nil
        }
        return architecture
    }

    /// The changelog and NEWS text of the captured documentation: the package's own folder first, the
    /// Debian changelog over a native `changelog.gz`, which counts only when it reads as a Debian changelog.
    static func documentation(_ documents: [String: [UInt8]], package: String, architecture: String = "", file: String,
                              limits: ArchiveReader.Limits, keeping kept: Int = changelogLimit) -> (changelog: String?, news: String?, warnings: [String]) {
        guard kept > 0 else { return (nil, nil, []) }
        var warnings: [String] = []
        func text(_ name: String) -> String? {
            let paths = documents.keys.filter { $0.hasSuffix("/" + name) }
                .sorted { ($0 == "usr/share/doc/\(package)/\(name)" ? 0 : 1, $0) < ($1 == "usr/share/doc/\(package)/\(name)" ? 0 : 1, $1) }
            guard let path = paths.first, let bytes = documents[path] else { return nil }
            do {
                let reader = try ArchiveReader(bytes: bytes, name: "\(file):\(path)", formats: .raw,
                                               limits: ArchiveReader.Limits(floor: Int64(changelogMaximum), ratio: limits.ratio))
                guard try reader.nextEntry() != nil else { return nil }
                let decompressed = try reader.readAll(maximumSize: changelogMaximum)
                guard let text = String(validating: decompressed, as: UTF8.self), !text.utf8.contains(0) else {
                    warnings.append("\(path): not valid UTF-8 text; not searchable")
                    return nil
                }
                return newest(text, limit: kept)
            } catch {
                warnings.append("\(path): \(error); not searchable")
                return nil
            }
        }
        var changelog = text("changelog.Debian.gz")
        if changelog == nil, let native = text("changelog.gz"), native.hasPrefix(package + " (") || native.contains(") ") && native.contains("; urgency=") {
            changelog = native
        }
        // A binNMU's entries are the newest: they go on top of the shared changelog, within the same limit.
        if !architecture.isEmpty, let binNMU = text("changelog.Debian.\(architecture).gz") {
            changelog = newest(binNMU + (changelog.map { "\n" + $0 } ?? ""), limit: kept)
        }
        return (changelog, text("NEWS.Debian.gz"), warnings)
    }

    /// The text up to `limit` bytes, cut after the last whole entry (a trailer line ` -- …`) that fits.
    static func newest(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var end = 0
        var offset = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            offset += line.utf8.count + 1
            if offset > limit { break }
            if line.hasPrefix(" -- ") { end = offset }
        }
        if end == 0 {
            // One entry longer than the limit: its first `limit` bytes, cut at a character boundary.
            return String(decoding: text.utf8.prefix(limit), as: UTF8.self)
        }
        return String(decoding: text.utf8.prefix(end), as: UTF8.self)
    }
}
