import DebianFormats

/// How `dpkg-source -x` builds the tree of a source package, computed once from its `.dsc` and run by
/// ``SourceUnpacker`` into whatever sink a caller needs (the index's listing, debdiff's spool, port's
/// captured texts).
///
/// - `3.0 (quilt)`: the orig tarball (top directory stripped, a top `.pc` dropped), its `debian/`
///   removed; each `orig-<component>` tarball under `<component>/` (a directory of that name removed
///   first); the debian tarball as it is; then the quilt series.
/// - `3.0 (native)`: the one tarball, top directory stripped.
/// - `1.0`: the `.orig.tar.gz` and the `.diff.gz`, or a native `.tar.gz`.
public struct SourceUnpackPlan: Sendable {
    public enum Step: Sendable, Hashable {
        /// Unpack a tarball: `stripTop` drops the top directory as dpkg-source does (when it is the only
        /// top-level entry; otherwise paths are kept), `prefix` goes before every
        /// path, `excludePC` drops a top-level `.pc` (dpkg-source's `--exclude .pc` for the orig tarball).
        case tarball(path: String, stripTop: Bool, prefix: String, excludePC: Bool)
        /// Remove a path and everything under it.
        case removeSubtree(String)
        /// Apply a format 1.0 `.diff.gz` (`patch -p1`).
        case diff(path: String)
        /// Check (and, when the unpacker applies patches, apply) `debian/patches/series`.
        case quiltSeries
    }

    public var dscPath: String
    public var format: SourceFormat
    public var steps: [Step]
    /// A format 1.0 package's `.diff.gz` and orig tarball name (debdiff's interdiff needs them).
    public var diffPath: String?
    public var origName: String?

    /// The plan for the verified package `package` whose .dsc is at `dscPath`; its files are next to it.
    /// - Throws: ``ArtifactError`` naming the .dsc for an unsupported format or a missing tarball.
    public init(package: SourcePackage, dscPath: String) throws(ArtifactError) {
        self.dscPath = dscPath
        format = SourceFormat(package.format)
        let directory = FileSystem.directory(of: dscPath)
        func file(_ name: String) -> String { FileSystem.join(directory, name) }
        func fail(_ reason: String) -> ArtifactError { ArtifactError(file: dscPath, reason: reason) }
        let names = package.files.map(\.name)
        let source = package.package
        switch format {
        case .quilt:
            guard let orig = names.first(where: { SourceFileNames.isOrig($0, source: source) }) else {
                throw fail("format 3.0 (quilt) needs an .orig.tar.* file")
            }
            guard let debian = names.first(where: { $0.contains(".debian.tar.") }) else {
                throw fail("format 3.0 (quilt) needs a .debian.tar.* file")
            }
            steps = [.tarball(path: file(orig), stripTop: true, prefix: "", excludePC: true), .removeSubtree("debian")]
            for name in names {
                guard let component = SourceFileNames.component(name, source: source) else { continue }
                steps += [.removeSubtree(component), .tarball(path: file(name), stripTop: true, prefix: component + "/", excludePC: false)]
            }
            steps += [.tarball(path: file(debian), stripTop: false, prefix: "", excludePC: false), .quiltSeries]
        case .native:
            guard let tarball = names.first(where: { $0.contains(".tar.") && !$0.hasSuffix(".asc") }) else {
                throw fail("format 3.0 (native) needs a .tar.* file")
            }
            steps = [.tarball(path: file(tarball), stripTop: true, prefix: "", excludePC: false)]
        case .v1:
            if let orig = names.first(where: { $0.hasSuffix(".orig.tar.gz") }) {
                guard let diff = names.first(where: { $0.hasSuffix(".diff.gz") }) else {
                    throw fail("format 1.0 with an .orig.tar.gz needs a .diff.gz")
                }
                steps = [.tarball(path: file(orig), stripTop: true, prefix: "", excludePC: false), .diff(path: file(diff))]
                diffPath = file(diff)
                origName = orig
            } else if let tarball = names.first(where: { $0.hasSuffix(".tar.gz") }) {
                steps = [.tarball(path: file(tarball), stripTop: true, prefix: "", excludePC: false)]
            } else {
                throw fail("format 1.0 needs a .tar.gz file")
            }
        case .other(let text):
            throw fail("unsupported source format '\(text)'")
        }
    }
}
