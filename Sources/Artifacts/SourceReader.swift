import DebianFormats
import Digest
import LibArchive

/// Reads a source package from its `.dsc`: verifies every listed file, then lists the unpacked tree.
public struct SourceReader: Sendable {
    public var limits: ArchiveReader.Limits
    /// List and hash the unpacked tree (off: only the .dsc and its file checks).
    public var unpack: Bool

    public init(limits: ArchiveReader.Limits = .default, unpack: Bool = true) {
        self.limits = limits
        self.unpack = unpack
    }

    /// Tree paths whose contents are kept as text.
    static let captured: Set<String> = ["debian/changelog", "debian/control", "debian/patches/series", "debian/source/format"]

    /// Reads the source package whose `.dsc` is at `path`.
    /// - Throws: ``ArtifactError`` naming the file: malformed .dsc, missing or mismatching files,
    ///   corrupt tarballs, hostile member paths, an unparseable changelog.
    public func read(path: String) throws(ArtifactError) -> SourcePackage {
        do {
            return try readUnchecked(path: path)
        } catch {
            throw ArtifactError.wrapping(error, file: path)
        }
    }

    private func readUnchecked(path: String) throws -> SourcePackage {
        let control = try ControlFile.read(path: path, kind: "source control file")
        let dsc = control.paragraph
        for required in ["Format", "Source", "Version", "Files"] where !dsc.contains(required) {
            throw ArtifactError(file: path, reason: "missing required field '\(required)'")
        }
        try ControlIdentity.checkSource(dsc, file: path)
        let directory = FileSystem.directory(of: path)
        // A listed file that is absent is not an error here: a source-only upload of a new Debian revision
        // carries no orig tarball. The package is indexed without its tree and says why.
        let files = try ListedFiles.verify(dsc, file: path, directory: directory, changesFiles: false, requirePresent: false)
        let missing = files.filter { FileSystem.status(FileSystem.join(directory, $0.name)) == nil }.map(\.name)
        var package = SourcePackage(
            dsc: dsc, dscText: control.text, isSigned: control.isSigned,
            files: files.map { SourcePackage.ListedFile(name: $0.name, size: $0.size, md5: $0.md5, sha1: $0.sha1, sha256: $0.sha256) },
            tree: [], changelogText: nil, changelog: nil, controlText: nil, series: [], warnings: [])
        guard unpack else { return package }
        guard missing.isEmpty else {
            package.warnings.append("tree not listed: \(missing.map { "'\($0)'" }.joined(separator: ", ")) not found next to the .dsc")
            return package
        }

        var tree = SourceTree(limits: limits)
        let names = files.map(\.name)
        let format = dsc["Format"] ?? ""
        let source = dsc["Source"] ?? ""
        switch format {
        case "3.0 (quilt)":
            guard let orig = names.first(where: { SourceFileNames.isOrig($0, source: source) }) else {
                throw ArtifactError(file: path, reason: "format 3.0 (quilt) needs an .orig.tar.* file")
            }
            guard let debian = names.first(where: { $0.contains(".debian.tar.") }) else {
                throw ArtifactError(file: path, reason: "format 3.0 (quilt) needs a .debian.tar.* file")
            }
            try tree.addTarball(FileSystem.join(directory, orig), strip: true, prefix: "")
            tree.remove(under: "debian")
            for component in names {
                guard let name = SourceFileNames.component(component, source: source) else { continue }
                try tree.addTarball(FileSystem.join(directory, component), strip: true, prefix: name + "/")
            }
            try tree.addTarball(FileSystem.join(directory, debian), strip: false, prefix: "")
        case "3.0 (native)":
            guard let tarball = names.first(where: { $0.contains(".tar.") && !$0.hasSuffix(".asc") }) else {
                throw ArtifactError(file: path, reason: "format 3.0 (native) needs a .tar.* file")
            }
            try tree.addTarball(FileSystem.join(directory, tarball), strip: true, prefix: "")
        case "1.0":
            if let orig = names.first(where: { $0.hasSuffix(".orig.tar.gz") }) {
                guard let diff = names.first(where: { $0.hasSuffix(".diff.gz") }) else {
                    throw ArtifactError(file: path, reason: "format 1.0 with an .orig.tar.gz needs a .diff.gz")
                }
                let diffText = try CompressedFile.readText(FileSystem.join(directory, diff), limits: limits)
                let patch = try UnifiedDiff.parse(diffText, file: FileSystem.join(directory, diff))
                try tree.addTarball(FileSystem.join(directory, orig), strip: true, prefix: "",
                                    keep: Set(patch.files.map(\.path)))
                try tree.apply(patch, file: FileSystem.join(directory, diff))
            } else if let tarball = names.first(where: { $0.hasSuffix(".tar.gz") }) {
                try tree.addTarball(FileSystem.join(directory, tarball), strip: true, prefix: "")
            } else {
                throw ArtifactError(file: path, reason: "format 1.0 needs a .tar.gz file")
            }
        default:
            throw ArtifactError(file: path, reason: "unsupported source format '\(format)'")
        }

        package.tree = tree.sortedEntries
        package.warnings = tree.warnings
        package.controlText = tree.text(of: "debian/control")
        package.series = (tree.text(of: "debian/patches/series") ?? "").split(separator: "\n").compactMap { line in
            let name = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return name.split(separator: " ").first.map(String.init)
        }
        if let changelogText = tree.text(of: "debian/changelog") {
            package.changelogText = changelogText
            do {
                package.changelog = try Changelog.parse(changelogText, file: "debian/changelog")
            } catch {
                throw ArtifactError(file: path, reason: "\(error)")
            }
        } else {
            package.warnings.append("no debian/changelog in the unpacked source")
        }
        return package
    }
}

/// The unpacked tree being assembled from tarballs and diffs.
struct SourceTree {
    let limits: ArchiveReader.Limits
    private var entries: [String: SourcePackage.TreeEntry] = [:]
    private var contents: [String: [UInt8]] = [:]
    private(set) var warnings: [String] = []

    init(limits: ArchiveReader.Limits) { self.limits = limits }

    /// Adds every member of a tarball. `strip` drops the first path component (dpkg-source does so for
    /// upstream and native tarballs); `keep` names extra paths whose contents must be kept (for a diff).
    mutating func addTarball(_ path: String, strip: Bool, prefix: String, keep: Set<String> = []) throws {
        let reader = try ArchiveReader(path: path, formats: .tar, limits: limits)
        var checker = MemberPathChecker(archive: path)
        while let entry = try reader.nextEntry() {
            var relative = try checker.check(entry.path, type: entry.type, linkTarget: entry.linkTarget)
            if strip {
                guard let slash = relative.firstIndex(of: "/") else {
                    try reader.skipData()
                    continue // the top directory itself
                }
                relative = String(relative[relative.index(after: slash)...])
            }
            let full = prefix + relative
            var sha256: String?
            if entry.type == .regular {
                let hasher = try Hasher([.sha256])
                let wanted = SourceReader.captured.contains(full) || keep.contains(full)
                var bytes: [UInt8] = []
                try reader.readData { chunk in
                    hasher.update(chunk)
                    if wanted && bytes.count < 64 << 20 { bytes.append(contentsOf: chunk) }
                }
                sha256 = hasher.finalize()[.sha256]
                if wanted { contents[full] = bytes }
            } else {
                try reader.skipData()
            }
            entries[full] = SourcePackage.TreeEntry(
                path: full, type: entry.type, mode: entry.mode, size: entry.size, sha256: sha256,
                linkTarget: entry.linkTarget)
        }
        warnings += checker.warnings + reader.warnings
    }

    mutating func remove(under directory: String) {
        for key in entries.keys where key == directory || key.hasPrefix(directory + "/") {
            entries[key] = nil
            contents[key] = nil
        }
    }

    /// Applies a format 1.0 diff: new files are created, existing ones patched.
    mutating func apply(_ diff: UnifiedDiff, file: String) throws {
        for patch in diff.files {
            let original = patch.isNew ? [] : (contents[patch.path] ?? [])
            if !patch.isNew && entries[patch.path] == nil {
                // dpkg-source treats a diff against a missing file as creating it.
                warnings.append("diff creates '\(patch.path)' without marking it new")
            }
            let result = try UnifiedDiff.apply(patch, to: original, file: file)
            let hasher = try Hasher([.sha256])
            hasher.update(result)
            var mode: UInt32 = entries[patch.path]?.mode ?? 0o100644
            if patch.path == "debian/rules" { mode = 0o100755 } // dpkg-source makes debian/rules executable
            entries[patch.path] = SourcePackage.TreeEntry(
                path: patch.path, type: .regular, mode: mode, size: Int64(result.count),
                sha256: hasher.finalize()[.sha256], linkTarget: nil)
            contents[patch.path] = result
        }
    }

    func text(of path: String) -> String? {
        contents[path].map { String(decoding: $0, as: UTF8.self) }
    }

    var sortedEntries: [SourcePackage.TreeEntry] {
        entries.values.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}
