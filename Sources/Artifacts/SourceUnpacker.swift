import LibArchive

/// Runs a ``SourceUnpackPlan`` into a ``SourceTreeSink``: the one place that unpacks source packages
/// for the index (``SourceReader``), debdiff and port, with the checks `dpkg-source -x` makes, so that a
/// package dpkg refuses is refused by every one of them, with dpkg's reason in words and the file named.
///
/// Refused (``ArtifactError``), besides the member paths ``MemberPathChecker`` refuses:
/// - a hard link naming no earlier regular file (GNU tar fails to create it);
/// - in `debian/patches/series` (or `debian.series`) an entry with a `../` component (`Dpkg::Source::Quilt`:
///   "contains an insecure path"), or naming no patch file ("cannot read");
/// - in a quilt patch or `.diff.gz` (`Dpkg::Source::Patch::analyze`), checked whether or not patches are
///   applied: the names ``PatchFile`` refuses, a file patched through a symlink (the file itself or
///   a parent directory), a patched path that exists and is not a plain file;
/// - a hunk that does not apply (exact context; offsets per ``tolerance``, dpkg's `patch -F 0`);
/// - after unpacking, a symlink under `debian/` leading out of the tree (`check_directory_traversal`:
///   "points outside source root"). dpkg resolves absolute targets on the host and lets one that does
///   not exist pass; debwork refuses every absolute target but `/dev/null`, so that the verdict does not
///   depend on the machine.
///
/// Devices, FIFOs and sockets are accepted, as dpkg-source accepts them: each is handed to the sink
/// (no data) and listed in ``Summary/specialMembers``; the index lists them, debdiff reports them as
/// `diff` does, port refuses to write them (its tarball writer cannot).
public struct SourceUnpacker: Sendable {
    public var limits: ArchiveReader.Limits
    /// Apply the quilt series to the tree (`dpkg-source -x`); off, the tree is `--skip-patches`'s. A 1.0
    /// `.diff.gz` is always applied, as dpkg-source does.
    public var applyPatches: Bool
    /// When the series is not applied to the tree, still apply it in memory (the patched files' bytes
    /// only) so that a hunk that does not apply is refused as `dpkg-source -x` refuses it; off, the series
    /// and its patches are only read and checked (`Dpkg::Source::Patch::analyze`).
    public var verifyPatches: Bool
    /// Where hunks may land (dpkg: offsets, no fuzz).
    public var tolerance: PatchApplier.Tolerance

    public init(limits: ArchiveReader.Limits = .default, applyPatches: Bool = false, verifyPatches: Bool = true,
                tolerance: PatchApplier.Tolerance = .offsets) {
        self.limits = limits
        self.applyPatches = applyPatches
        self.verifyPatches = verifyPatches
        self.tolerance = tolerance
    }

    /// What becomes of a patch's result.
    private enum PatchUse {
        /// Only checked.
        case analyze
        /// Applied to the files' bytes in ``Scratch/patched``, the sink untouched.
        case memory
        /// Applied to the tree in the sink.
        case sink
    }

    /// Files patched in memory (``PatchUse/memory``): path to bytes, nil once deleted.
    private struct Scratch {
        var patched: [String: [UInt8]?] = [:]
    }

    /// What a run found besides the tree.
    public struct Summary: Sendable {
        /// Symlinks pointing above the root (outside `debian/`, where they are allowed).
        public var pathWarnings: [String] = []
        /// libarchive's and the patch parser's warnings.
        public var archiveWarnings: [String] = []
        /// Paths of device, FIFO and socket members.
        public var specialMembers: [String] = []
        /// The newest member mtime (debdiff gives it to files a `.diff.gz` changes: the diff has none).
        public var newestMtime: Int64 = 0
    }

    /// Runs `plan` into `sink`.
    /// - Throws: ``ArtifactError`` naming the tarball, patch or .dsc for everything dpkg-source refuses;
    ///   whatever the sink throws (I/O), unchanged.
    @discardableResult
    public func run<Sink: SourceTreeSink>(_ plan: SourceUnpackPlan, into sink: inout Sink) throws -> Summary {
        var state = SourceTreeState()
        var summary = Summary()
        var scratch = Scratch()
        var diffs: [String: PatchFile] = [:]
        // A .diff.gz is read first: the sink must keep the bytes of the files it patches.
        for case .diff(let path) in plan.steps {
            let patch = try PatchFile(try CompressedFile.read(path, limits: limits), name: path)
            summary.archiveWarnings += patch.warnings
            sink.retain(Set(patch.sections.flatMap { [$0.oldPath, $0.newPath].compactMap { $0 } }))
            diffs[path] = patch
        }
        if applyPatches || verifyPatches, !Sink.readsBack, plan.steps.contains(.quiltSeries) {
            sink.retain(try patchedByQuilt(plan))
        }
        for step in plan.steps {
            switch step {
            case let .tarball(path, stripTop, prefix, excludePC):
                try addTarball(path, stripTop: stripTop, prefix: prefix, excludePC: excludePC,
                               state: &state, summary: &summary, sink: &sink)
            case .removeSubtree(let directory):
                state.remove(under: directory)
                sink.remove(under: directory)
            case .diff(let path):
                guard let patch = diffs[path] else { continue }
                try apply(patch, name: path, mtime: summary.newestMtime, use: .sink, state: &state, scratch: &scratch, sink: &sink)
            case .quiltSeries:
                do {
                    try quiltSeries(state: &state, summary: &summary, scratch: &scratch, sink: &sink)
                } catch let error as ArtifactError where error.file.hasPrefix("debian/") {
                    // A path inside the tree: name the package it is in.
                    throw ArtifactError(file: plan.dscPath, reason: "\(error.file): \(error.reason)")
                }
            }
        }
        if let rules = state.nodes["debian/rules"], rules.type == .regular {
            sink.makeExecutable("debian/rules")
        }
        try state.checkDebianTraversal(dsc: plan.dscPath)
        return summary
    }

    /// A tarball whose members are not all under one top directory (found while stripping it).
    private struct NoSingleTopDirectory: Error {}

    /// Streams one tarball into the sink, checking every member. `stripTop` is dpkg-source's rule
    /// (`Dpkg::Source::Archive::extract`): the top directory is dropped when the tarball holds exactly one
    /// top-level entry and it is a directory; otherwise the members keep their paths. The tarball is read
    /// once on the assumption that it has one (the usual case); when a member shows otherwise, what it
    /// added is undone and the tarball is read again without stripping.
    private func addTarball<Sink: SourceTreeSink>(_ path: String, stripTop: Bool, prefix: String, excludePC: Bool,
                                                  state: inout SourceTreeState, summary: inout Summary, sink: inout Sink) throws {
        guard stripTop else {
            try streamTarball(path, stripTop: false, prefix: prefix, excludePC: excludePC, state: &state, summary: &summary, sink: &sink)
            return
        }
        let saved = (state: state, summary: summary, sink: sink)
        do {
            try streamTarball(path, stripTop: true, prefix: prefix, excludePC: excludePC, state: &state, summary: &summary, sink: &sink)
        } catch is NoSingleTopDirectory {
            (state, summary, sink) = saved
            try streamTarball(path, stripTop: false, prefix: prefix, excludePC: excludePC, state: &state, summary: &summary, sink: &sink)
        }
    }

    private func streamTarball<Sink: SourceTreeSink>(_ path: String, stripTop: Bool, prefix: String, excludePC: Bool,
                                                     state: inout SourceTreeState, summary: inout Summary, sink: inout Sink) throws {
        let reader = try ArchiveReader(path: path, formats: .tar, limits: limits)
        var checker = MemberPathChecker(archive: path)
        let prefixComponents = prefix.split(separator: "/")
        func place(_ components: [Substring]) -> [Substring]? {
            let parts = stripTop ? components.dropFirst() : components[...]
            guard let first = parts.first else { return nil }
            if excludePC && first == ".pc" { return nil }
            return prefixComponents.isEmpty ? Array(parts) : prefixComponents + parts
        }
        var top: Substring?
        while let entry = try reader.nextEntry() {
            let checked = try checker.checkComponents(entry.path, type: entry.type, linkTarget: entry.linkTarget)
            if stripTop, let first = checked.first {
                // A second top-level name, or a top-level member that is not a directory: no single top directory.
                if top.map({ $0 != first }) ?? false || (checked.count == 1 && entry.type != .directory) {
                    throw NoSingleTopDirectory()
                }
                top = first
            }
            guard let components = place(checked) else {
                try reader.skipData()
                continue
            }
            if state.hasSymlinks {
                try MemberPathChecker.checkPlacement(components, raw: entry.path, archive: path) {
                    state.nodes[$0]?.type == .symlink
                }
            }
            let full = components.joined(separator: "/")
            var linked: String?
            if entry.type == .hardlink {
                let target = entry.linkTarget ?? ""
                let targetPath = place(try MemberPathChecker.components(target, archive: path))?.joined(separator: "/")
                guard let targetPath, state.nodes[targetPath]?.type == .regular else {
                    throw ArtifactError(file: path, reason: "hard link '\(entry.path)' names no earlier regular file ('\(target)')")
                }
                linked = targetPath
            }
            if MemberPathChecker.isSpecial(entry.type) { summary.specialMembers.append(full) }
            try sink.add(entry, at: full, linked: linked, reader: reader)
            state.add(full, type: entry.type == .hardlink ? .regular : entry.type, linkTarget: entry.linkTarget,
                      mtime: entry.mtime, permissions: entry.permissions)
            summary.newestMtime = max(summary.newestMtime, entry.mtime)
        }
        summary.pathWarnings += checker.warnings
        summary.archiveWarnings += reader.warnings
    }

    /// The files the quilt patches name, read from the debian tarball alone (small) before the tree is
    /// built, so that a sink that does not keep every file keeps those. Nothing is checked here.
    private func patchedByQuilt(_ plan: SourceUnpackPlan) throws -> Set<String> {
        guard let debian = plan.steps.last(where: { if case .tarball(_, false, "", _) = $0 { true } else { false } }),
              case .tarball(let path, _, _, _) = debian else { return [] }
        let reader = try ArchiveReader(path: path, formats: .tar, limits: limits)
        var patches: [String: [UInt8]] = [:]
        while let entry = try reader.nextEntry() {
            let name = entry.path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            if entry.type == .regular, name.hasPrefix("debian/patches/") {
                patches[name] = try reader.readAll(maximumSize: 64 << 20)
            } else {
                try reader.skipData()
            }
        }
        var paths: Set<String> = []
        for bytes in patches.values {
            guard let patch = try? PatchFile(bytes, name: "") else { continue }
            for section in patch.sections {
                for path in [section.oldPath, section.newPath].compactMap({ $0 }) {
                    paths.insert(path.split(separator: "/").filter { $0 != "." }.joined(separator: "/"))
                }
            }
        }
        return paths
    }

    /// `Dpkg::Source::Quilt`: reads the series and checks every patch; applies them when asked.
    private func quiltSeries<Sink: SourceTreeSink>(state: inout SourceTreeState, summary: inout Summary,
                                                   scratch: inout Scratch, sink: inout Sink) throws {
        // dpkg prefers the vendor's series (`debian.series` on Debian).
        var seriesName = "debian/patches/debian.series"
        var resolved = state.regularFile(seriesName)
        if resolved == nil {
            seriesName = "debian/patches/series"
            resolved = state.regularFile(seriesName)
        }
        guard let resolved else { return }
        guard let text = try sink.contents(of: resolved) else {
            throw ArtifactError(file: seriesName, reason: "cannot read the series")
        }
        for name in try QuiltSeries.patches(in: text, file: seriesName) {
            let patchPath = "debian/patches/" + name
            guard let file = state.regularFile(patchPath), let bytes = try sink.contents(of: file) else {
                throw ArtifactError(file: patchPath, reason: "cannot read the patch named in \(seriesName): no such file")
            }
            let patch = try PatchFile(bytes, name: patchPath)
            summary.archiveWarnings += patch.warnings
            let mtime = state.nodes[file]?.mtime ?? 0
            let use: PatchUse = applyPatches ? .sink : verifyPatches ? .memory : .analyze
            try apply(patch, name: patchPath, mtime: mtime, use: use, state: &state, scratch: &scratch, sink: &sink)
        }
    }

    /// Checks every section of `patch` as `Dpkg::Source::Patch::analyze` does and applies it
    /// (`patch -p1`) as `use` says.
    private func apply<Sink: SourceTreeSink>(_ patch: PatchFile, name: String, mtime: Int64, use: PatchUse,
                                             state: inout SourceTreeState, scratch: inout Scratch, sink: inout Sink) throws {
        for section in patch.sections {
            let path = try state.analyze(section, patch: name)
            if use == .analyze { continue }
            let existing = state.nodes[path]
            var original: [UInt8] = []
            if existing != nil {
                guard let bytes = try scratch.patched[path] ?? sink.contents(of: path) else {
                    throw ArtifactError(file: name, reason: "cannot patch '\(path)': its contents were not kept")
                }
                original = bytes
            }
            let result = try PatchApplier.apply(section, to: original, tolerance: tolerance, patchName: name, path: path)
            if section.deletesFile && result.isEmpty {
                state.remove(under: path)
                if use == .sink { sink.remove(under: path) } else { scratch.patched[path] = .some(nil) }
                continue
            }
            if use == .sink {
                try sink.write(path, bytes: result, permissions: existing?.permissions, mtime: mtime)
            } else {
                scratch.patched[path] = result
            }
            state.add(path, type: .regular, linkTarget: nil, mtime: mtime, permissions: existing?.permissions ?? 0o644)
        }
    }
}
