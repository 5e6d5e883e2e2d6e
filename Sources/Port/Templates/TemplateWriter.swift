import Digest
import DebianFormats
import LibArchive
import SystemCalls

/// Writes a ``TemplatePackage`` as a `3.0 (native)` source package: `<name>_<version>.tar.xz` (top
/// directory `<name>-<version>`, members sorted by name as `dpkg-source -b` writes them, owner root/root,
/// mtime the changelog's) and the .dsc with dpkg-source's field order.
public struct TemplateWriter: Sendable {
    /// The package's version, e.g. a ``dateVersion(_:)`` stamp.
    public var version: String
    /// `Name <email>`: Maintainer and changelog trailer.
    public var maintainer: String
    /// Seconds since the epoch: changelog date and member mtimes.
    public var timestamp: Int

    public init(version: String, maintainer: String, timestamp: Int) {
        self.version = version
        self.maintainer = maintainer
        self.timestamp = timestamp
    }

    /// `YYYYmmddHHMMSS` in UTC: a version that grows with time.
    public static func dateVersion(_ timestamp: Int) -> String { PortNames.utcStamp(timestamp) }

    /// Writes the tarball and the .dsc into `directory` (created if needed).
    /// - Returns: the .dsc's path.
    /// - Throws: ``PortError`` or an archive error when a file cannot be written.
    public func write(_ template: TemplatePackage, into directory: String) throws -> String {
        // The name comes from the configured identity: it becomes file names and the tarball's top folder.
        do { try ControlNames.checkPackage(template.name, field: "Source", file: "template '\(template.name)'") } catch {
            throw PortError(underlying: error)
        }
        for file in template.files where !file.path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy({ ControlNames.isPlainComponent(String($0)) }) {
            throw PortError("template '\(template.name)': file '\(Printable.escaped(file.path))' is not a relative path of plain names")
        }
        try PortFiles.makeDirectories(directory)
        let stem = "\(template.name)_\(PortNames.withoutEpoch(version))"
        let top = "\(template.name)-\(PortNames.withoutEpoch(version))"
        let tarballName = stem + ".tar.xz"
        let date = RFC2822Date.format(timestamp: timestamp, utcOffsetMinutes: 0)
        let files = template.tree(version: version, maintainer: maintainer, date: date)

        let tarball = directory + "/" + tarballName
        let temporary = tarball + ".partial"
        do {
            let output = try TarXZFile(path: temporary)
            for member in Self.members(files, top: top) {
                let mtime = Int64(timestamp)
                if let file = member.file {
                    try output.write(ArchiveWriter.Member(path: member.path, type: .regular,
                                                          permissions: file.executable ? 0o755 : 0o644, mtime: mtime),
                                     contents: file.contents)
                } else {
                    try output.write(ArchiveWriter.Member(path: member.path, type: .directory, permissions: 0o755, mtime: mtime))
                }
            }
            try output.finish()
        } catch {
            TemporaryCleanup.removeTree(temporary)
            throw error
        }
        try PortFiles.rename(temporary, to: tarball)

        let digest = try FileDigest.compute(path: tarball)
        let file = UploadFile(name: tarballName, size: digest.size, md5: digest[.md5] ?? "", sha1: digest[.sha1] ?? "",
                              sha256: digest[.sha256] ?? "")
        let dsc = directory + "/" + stem + ".dsc"
        try PortFiles.writeAtomically(dsc, Array(dscText(template, file: file).utf8))
        return dsc
    }

    /// The .dsc as `dpkg-source -b` writes it for this tree.
    func dscText(_ template: TemplatePackage, file: UploadFile) -> String {
        var paragraph = Deb822Paragraph()
        func add(_ name: String, _ value: String) { paragraph.fields.append(Deb822Field(name: name, value: value, line: 0)) }
        add("Format", "3.0 (native)")
        add("Source", template.name)
        add("Binary", template.name)
        add("Architecture", template.architecture)
        add("Version", version)
        add("Maintainer", maintainer)
        add("Standards-Version", TemplatePackage.standardsVersion)
        add("Build-Depends", template.buildDepends)
        add("Package-List", "\n \(template.name) deb \(template.section) \(template.priority) arch=\(template.architecture)")
        add("Checksums-Sha1", "\n \(file.sha1) \(file.size) \(file.name)")
        add("Checksums-Sha256", "\n \(file.sha256) \(file.size) \(file.name)")
        add("Files", "\n \(file.md5) \(file.size) \(file.name)")
        return paragraph.text
    }

    /// Tar members in name order, every directory before what it holds (nil `file`: a directory).
    static func members(_ files: [TemplatePackage.File], top: String) -> [(path: String, file: TemplatePackage.File?)] {
        var directories: Set<String> = [""]
        for file in files {
            var parts = file.path.split(separator: "/").dropLast().map(String.init)
            while !parts.isEmpty {
                directories.insert(parts.joined(separator: "/"))
                parts.removeLast()
            }
        }
        var members: [(path: String, file: TemplatePackage.File?)] = directories.map { ($0.isEmpty ? top + "/" : "\(top)/\($0)/", nil) }
        members += files.map { ("\(top)/\($0.path)", $0) }
        return members.sorted { $0.path < $1.path }
    }
}

extension TemplateWriter {
    /// Writes `template` into a fresh temporary directory, hands its .dsc path to `body` (which ports it),
    /// then removes the directory on every path.
    public func withGenerated<T>(_ template: TemplatePackage, _ body: (String) throws -> T) throws -> T {
        let directory = try PortFiles.temporaryDirectory(prefix: "debwork-template")
        defer { TemporaryCleanup.removeTree(directory) }
        return try body(try write(template, into: directory))
    }
}
