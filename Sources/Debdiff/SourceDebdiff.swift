import DebianFormats
import Dispatch
import LibArchive
#if canImport(Glibc)
import Glibc
#endif

/// Compares two source packages (.dsc) as devscripts' debdiff does.
///
/// Both packages are verified and unpacked in parallel (libarchive, in-process; 3.0 (quilt) without
/// its patches unless ``DebdiffOptions/applyPatches``), each into one spool file in a private temporary
/// directory removed afterwards; the changed files are then diffed on ``jobs`` threads. The text is
/// devscripts' `diff -Nru` report with the temporary paths gone and the times taken from the archives;
/// two format 1.0 packages sharing an orig tarball give the `interdiff` layout devscripts prints for them.
public struct SourceDebdiff: Sendable {
    public var options: DebdiffOptions
    /// Also print git-style `old mode`/`new mode` and `old symlink`/`new symlink` lines (not in
    /// devscripts' output; they are always in the JSON).
    public var showModes = false
    /// Decompression-bomb limits for the tarballs.
    public var limits: ArchiveReader.Limits = .default
    /// Threads that diff the changed files (default: the number of cores online). The report does
    /// not depend on it.
    public var jobs = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    public init(options: DebdiffOptions) { self.options = options }

    /// Compares the source packages whose .dsc files are `old` and `new`.
    /// - Returns: the report; `exitStatus` 1 when the packages differ, 0 when they do not.
    /// - Throws: `ArtifactError` for a .dsc or listed file that does not verify, ``DebdiffError`` for a
    ///   corrupt tarball, a hostile member path, or a patch that does not apply.
    public func run(old: String, new: String) throws -> DebdiffReport {
        let scratch = try ScratchDirectory()
        let loader = SourceTreeLoader(limits: limits, applyPatches: options.applyPatches,
                                      unpackTarballs: options.unpackTarballs)
        let paths = [old, new]
        let root = scratch.path
        let loaded = try orderedParallelMap([0, 1]) { index in
            try loader.load(dsc: paths[index], into: root + "/\(index + 1).spool")
        }
        var first = loaded[0], second = loaded[1]
        if options.autoVersionSort, Self.isNewer(first.version, than: second.version) {
            swap(&first, &second)
        }

        let body: [UInt8]
        var differences: [TreeComparison.FileDifference]
        var warnings = first.tree.warnings + second.tree.warnings
        let diffstatTitle: String
        if let a = first.diffPath, let b = second.diffPath, first.origName == second.origName, options.excludes.isEmpty,
           !options.wdiffSourceControl {
            var interdiff = Interdiff(old: first, new: second, options: options)
            try interdiff.run()
            body = interdiff.output
            differences = interdiff.differences
            diffstatTitle = "\(Self.baseName(a)) \(Self.baseName(b))"
        } else {
            var comparison = try TreeComparison(old: first.tree, oldLabel: first.directoryName, new: second.tree,
                                                newLabel: second.directoryName, options: options,
                                                showModes: showModes || options.showModes, workers: jobs)
            try comparison.run()
            body = comparison.output
            differences = comparison.differences
            warnings += comparison.warnings
            diffstatTitle = "\(first.directoryName) \(second.directoryName)"
        }
        let control = options.wdiffSourceControl ? try controlComparison(first, second) : nil
        warnings += Array(repeating: "wdiff failed", count: control?.failures ?? 0)
        try Self.fillChecksums(&differences, old: first.tree, new: second.tree, workers: jobs)
        // Nothing reads the spools any more. Freeing their page cache (tens of megabytes each) is most
        // of the clean-up: a thread per spool, the scratch directory's deinit removes the rest.
        let spools = [first.tree.spool, second.tree.spool]
        DispatchQueue.concurrentPerform(iterations: 2) { index in _ = unlink(spools[index]) }
        return SourceComparison(old: .init(first), new: .init(second), body: body, differences: differences,
                                diffstatTitle: options.diffstat ? diffstatTitle : nil, control: control, warnings: warnings)
            .report
    }

    /// `--wdiff-source-control`: `debian/control` (or the `--controlfiles`; `ALL` means `control` here, as in
    /// devscripts) of both trees compared as binary packages' control members are, with no package name.
    func controlComparison(_ old: LoadedSource, _ new: LoadedSource) throws -> ControlComparison.Outcome {
        let names = options.controlFiles == ["ALL"] ? ["control"] : options.controlFiles
        func listing(_ side: LoadedSource) throws -> PackageListing {
            let reader = try SpoolReader(path: side.tree.spool)
            let children = side.tree.children()
            var members: [PackageListing.ControlMember] = []
            for name in names {
                guard let path = side.tree.resolve("debian/" + name, children: children),
                      let entry = side.tree.entries[path], entry.type == .regular else { continue }
                members.append(PackageListing.ControlMember(
                    name: name, isExecutable: false, bytes: try side.tree.contents(entry, from: reader)))
            }
            return PackageListing(file: side.dscPath, entries: [], controlMembers: members)
        }
        return ControlComparison(controlFiles: names, quiet: options.quiet, mode: options.wdiffMode, terminal: options.terminal)
            .compare(old: try listing(old), new: try listing(new), package: nil)
    }

    /// Gives every regular file in `differences` its SHA-256 (for the JSON): the loaders hash nothing,
    /// the file pairs that differ are hashed as they are diffed, and what is left (files whose mode
    /// changed, the files of an interdiff) is read back from the spools here.
    static func fillChecksums(_ differences: inout [TreeComparison.FileDifference], old: ExtractedTree, new: ExtractedTree,
                              workers: Int) throws(DebdiffError) {
        @Sendable func missing(_ entry: ExtractedTree.Entry?) -> Bool { entry?.type == .regular && entry?.sha256 == nil }
        let indexes = differences.indices.filter { missing(differences[$0].old) || missing(differences[$0].new) }
        guard !indexes.isEmpty else { return }
        let oldSpool = try SpoolReader(path: old.spool), newSpool = try SpoolReader(path: new.spool)
        let items = indexes.map { differences[$0] }
        let filled = try stealingMap(items.count, workers: workers) { index throws(DebdiffError) in
            var item = items[index]
            if missing(item.old), let entry = item.old { item.old?.sha256 = try oldSpool.sha256(of: entry) }
            if missing(item.new), let entry = item.new { item.new?.sha256 = try newSpool.sha256(of: entry) }
            return item
        }
        for (position, index) in indexes.enumerated() { differences[index] = filled[position] }
    }

    static func isNewer(_ a: String, than b: String) -> Bool {
        guard let x = try? DebianVersion(a), let y = try? DebianVersion(b) else { return false }
        return DebianVersion.compare(x, y) > 0
    }

    /// `dwold_2.0-1.diff.gz` → `dwold_2.0-1`, as devscripts titles the diffstat of an interdiff.
    static func baseName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".diff.gz") ? String(name.dropLast(8)) : name
    }
}
