import Artifacts
import DebianFormats
import LibArchive
import SystemCalls

/// A source package unpacked the way `dpkg-source -x` unpacks it (with `--skip-patches` unless
/// patches are applied), into a directory of a ``ScratchDirectory``, by libarchive in-process.
struct LoadedSource: Sendable {
    var dscPath: String
    var source: String
    var version: String
    var format: String
    /// The directory dpkg-source would create: `<source>-<upstream version>`.
    var directoryName: String
    /// The `.diff.gz` of a format 1.0 package, and its orig tarball's name.
    var diffPath: String?
    var origName: String?
    var tree: ExtractedTree
}

struct SourceTreeLoader: Sendable {
    var limits: ArchiveReader.Limits = .default
    var applyPatches = false
    /// devscripts' `--unpack-tarballs`: extract the tarballs at the top of the tree (``EmbeddedTarballs``).
    var unpackTarballs = true

    /// Verifies the .dsc and its files (sizes and checksums), then unpacks it into the spool at `spool`
    /// with ``Artifacts/SourceUnpacker`` (the index's and port's engine, so a package dpkg-source refuses
    /// is refused here too, even when the patches are not applied).
    ///
    /// Hostile sources and devscripts: `debdiff a.dsc b.dsc` runs `dpkg-source -x`, which refuses a
    /// `debian/changelog` (or any path under `debian/`) that is a symlink leading out of the tree;
    /// devscripts then exits 2 after dpkg-source's `pathname 'hx-1.0/debian/changelog' points outside
    /// source root (to '/etc/passwd')`. The same refusal here is an error naming the .dsc with those
    /// words, and the command exits 2. Device and FIFO members are unpacked by dpkg-source, and `diff
    /// -Nru` then prints `Only in DIR: NAME` or `File A is a fifo while file B is a fifo` and debdiff exits 1:
    /// they are kept as entries without data and ``TreeComparison`` prints the same lines. One deliberate
    /// difference: devscripts unpacks with `--skip-patches`, so it diffs a package whose series or patches
    /// `dpkg-source -x` refuses (a `../` entry, a patch through a symlink, a hunk that does not apply) and
    /// exits 1; debwork refuses it and exits 2, as it refuses it in `index` and `port_ext`.
    /// - Throws: ``ArtifactError`` for a bad .dsc, listed file, tarball member, series or patch,
    ///   ``DebdiffError`` for the spool.
    func load(dsc path: String, into spool: String) throws -> LoadedSource {
        let package = try SourceReader(limits: limits, unpack: false).read(path: path)
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        for listed in package.files where !FileStatus.exists(directory + "/" + listed.name) {
            throw DebdiffError("\(path): '\(listed.name)' is listed but not found next to the .dsc")
        }
        let version: DebianVersion
        do { version = try DebianVersion(package.version) } catch { throw DebdiffError(path, underlying: error) }
        let plan = try SourceUnpackPlan(package: package, dscPath: path)
        var sink = SpoolingSink(tree: ExtractedTree(spool: spool), writer: try SpoolFile(path: spool))
        let summary = try SourceUnpacker(limits: limits, applyPatches: applyPatches).run(plan, into: &sink)
        sink.tree.warnings += summary.archiveWarnings
        if unpackTarballs {
            EmbeddedTarballs(limits: limits).unpack(into: &sink.tree, writer: sink.writer, scratch: spool + ".tarball")
        }
        return LoadedSource(
            dscPath: path, source: package.package, version: package.version, format: package.format,
            directoryName: "\(package.package)-\(version.upstream)", diffPath: plan.diffPath, origName: plan.origName,
            tree: sink.tree)
    }
}
