import DebianFormats
import Digest
import LibArchive

/// Reads a source package from its `.dsc`: verifies every listed file, then lists the unpacked tree.
public struct SourceReader: Sendable {
    public var limits: ArchiveReader.Limits
    /// List and hash the unpacked tree (off: only the .dsc and its file checks).
    public var unpack: Bool

    /// Apply the quilt series to the tree (`dpkg-source -x`; off: `--skip-patches`, what the index
    /// stores). Either way the series and its patches are checked as dpkg-source checks them and applied
    /// in memory, so that a package `dpkg-source -x` refuses is refused.
    public var applyPatches: Bool

    public init(limits: ArchiveReader.Limits = .default, unpack: Bool = true, applyPatches: Bool = false) {
        self.limits = limits
        self.unpack = unpack
        self.applyPatches = applyPatches
    }

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
            package.warnings.append("source not unpacked: \(missing.map { "'\($0)'" }.joined(separator: ", ")) not next to the .dsc (a source-only upload without its orig tarball?); indexed without its files")
            return package
        }

        let plan = try SourceUnpackPlan(package: package, dscPath: path)
        var tree = SourceListingSink()
        let summary = try SourceUnpacker(limits: limits, applyPatches: applyPatches).run(plan, into: &tree)
        package.tree = tree.sortedEntries
        package.warnings = summary.pathWarnings + summary.archiveWarnings
        package.controlText = tree.text(of: "debian/control")
        package.series = try QuiltSeries.patches(in: tree.contents(of: "debian/patches/series") ?? [],
                                                 file: "debian/patches/series")
        if let changelogText = tree.text(of: "debian/changelog") {
            package.changelogText = changelogText
            do {
                package.changelog = try Changelog.parse(changelogText, file: "debian/changelog")
            } catch {
                throw ArtifactError(file: path, underlying: error)
            }
        } else {
            package.warnings.append("no debian/changelog in the unpacked source")
        }
        return package
    }
}
