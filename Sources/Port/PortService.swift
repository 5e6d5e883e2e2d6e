#if canImport(Glibc)
import Glibc
#endif
import Artifacts
import SystemCalls
import DebianFormats
import Digest
import Index
import LibArchive
import MiniBuildd

/// Prepares no-change source uploads (ports and rebuilds) as mini-buildd does: one changelog block on
/// top, the source package rebuilt, a source-only `.changes` with the orig tarballs (`-sa`), optionally
/// signed. Each target's upload is written into its own folder `<output>/<distribution>/`: first into a
/// hidden staging folder next to it, verified by reading it back with ``SourceReader`` and
/// ``ChangesReader``, then renamed into place, so a failed port leaves nothing behind.
///
/// Not `Sendable` (it may hold an ``IndexStore``).
public struct PortService {
    /// The suite layout (which suites are experimental).
    public var layout: Layout
    /// For the target prechecks (version already present, lower than the target's); nil skips them.
    public var store: IndexStore?

    public init(layout: Layout = .default, store: IndexStore? = nil) {
        self.layout = layout
        self.store = store
    }

    /// Computes the new version and the target warnings for every target, writing nothing.
    /// - Throws: ``PortError`` for an unknown distribution name, an unverifiable .dsc, an unsupported format.
    public func plan(_ request: PortRequest) throws -> [PortPlan] {
        let source = try PortSource.load(dscPath: request.dscPath)
        return try plans(request, source: source)
    }

    /// Plans and writes every target's upload.
    /// - Returns: the plans (with their warnings) and what was written, in target order.
    public func run(_ request: PortRequest) throws -> (plans: [PortPlan], results: [PortResult]) {
        let source = try PortSource.load(dscPath: request.dscPath)
        let plans = try plans(request, source: source)
        // Refuse before writing anything when a target folder exists.
        if !request.force {
            for plan in plans where PortFiles.exists(plan.directory) {
                throw PortError(file: plan.directory, "output already exists (use --force to replace it)")
            }
        }
        var results: [PortResult] = []
        for plan in plans {
            results.append(try write(plan, source: source, request: request))
        }
        return (plans, results)
    }

    // MARK: Planning

    private func plans(_ request: PortRequest, source: PortSource) throws -> [PortPlan] {
        guard !request.targets.isEmpty else { throw PortError("no target distribution given") }
        var seen: Set<String> = []
        return try request.targets.map { target in
            guard seen.insert(target).inserted else { throw PortError("target '\(target)' given twice") }
            return try plan(target: target, request: request, source: source)
        }
    }

    func portVersion(_ distribution: Distribution, codeversions: [String: String]) -> PortVersion {
        PortVersion(identity: distribution.repository,
                    codeversion: Codeversion.of(distribution.codename, overrides: codeversions),
                    experimental: layout.suite(distribution.suite)?.experimental ?? false)
    }

    private func plan(target: String, request: PortRequest, source: PortSource) throws -> PortPlan {
        let distribution: Distribution
        do { distribution = try Distribution(target) } catch { throw PortError(underlying: error) }
        guard distribution.rollback == nil else { throw PortError("cannot upload to rollback distribution '\(target)'") }
        let to = portVersion(distribution, codeversions: request.codeversions)
        let version: String
        switch request.mode {
        case .rebuild:
            version = PortVersion.rebuild(source.version, stamp: PortNames.utcStamp(request.timestamp))
        case .internalPort(let fromName) where fromName == target:
            version = PortVersion.rebuild(source.version, stamp: PortNames.utcStamp(request.timestamp))
        case .internalPort(let fromName):
            let from: Distribution
            do { from = try Distribution(fromName) } catch { throw PortError(underlying: error) }
            version = PortVersion.internalPort(source.version, from: portVersion(from, codeversions: request.codeversions), to: to)
        case .external:
            version = PortVersion.externalPort(source.version, to: to)
        }
        do { _ = try DebianVersion(version) } catch {
            throw PortError("the new version '\(version)' is not a valid Debian version", underlying: error)
        }
        let warnings = try targetWarnings(source: source.source, version: version, target: target,
                                          distribution: distribution, to: to)
        let top = source.changelog.entries[0]
        return PortPlan(source: source.source, originalVersion: source.version, version: version,
                        distribution: target,
                        directory: request.outputDirectory.hasSuffix("/") ? request.outputDirectory + target
                            : request.outputDirectory + "/" + target,
                        warnings: warnings,
                        rewritesUnreleased: top.distributions == ["UNRELEASED"])
    }

    /// Every reason `target` would reject `version` of `source`: the mandatory regex, the suite not
    /// uploadable, and (with an index) the version already in a non-rollback distribution of the repository
    /// or lower than the target's current version.
    func targetWarnings(source: String, version: String, target: String, distribution: Distribution,
                        to: PortVersion) throws -> [String] {
        var warnings: [String] = []
        if !to.accepts(version) {
            warnings.append("\(target) will reject version '\(version)': mandatory version regex '\(to.mandatoryPattern)' not found")
        }
        if let suite = layout.suite(distribution.suite), !suite.uploadable {
            warnings.append("\(target) is not uploadable (suite '\(distribution.suite)')")
        }
        if let store {
            let index = PortIndex(store: store)
            let holding = try index.distributions(holding: source, version: version, repository: distribution.repository)
            if !holding.isEmpty {
                warnings.append("\(target) will reject version '\(version)': already in \(holding.joined(separator: ", "))")
            }
            let new = try DebianVersion(version)
            for current in try index.versions(of: source, in: target) {
                if let currentVersion = try? DebianVersion(current), new < currentVersion {
                    warnings.append("\(target) will reject version '\(version)': lower than its current '\(current)'")
                }
            }
        }
        return warnings
    }

    // MARK: Writing

    /// Writes one target's upload: into a private staging folder (0700, made with `mkdirat` under the output
    /// directory's handle), verified there, then renamed into place. Every name is a plain component checked
    /// by ``OutputDirectory``; on any failure the staging folder and the folders this call made are removed.
    private func write(_ plan: PortPlan, source: PortSource, request: PortRequest) throws -> PortResult {
        let (parent, created) = try OutputDirectory.make(FileSystem.directory(of: plan.directory))
        let name = FileSystem.baseName(plan.directory)
        let stagingName = ".\(plan.distribution).partial-\(getpid())"
        parent.removeTree(stagingName)
        let staging: OutputDirectory
        do { staging = try parent.makeDirectory(stagingName, mode: 0o700) } catch {
            OutputDirectory.removeCreated(created)
            throw error
        }
        TemporaryCleanup.register(staging.path)
        defer { TemporaryCleanup.unregister(staging.path) }
        do {
            let (dscName, changesName, files) = try writeUpload(plan, source: source, request: request, into: staging)
            try verify(plan, staging: staging.path, dscName: dscName, changesName: changesName, files: files)
            _ = fchmod(staging.fd, 0o755)
            if parent.contains(name) {
                let old = ".\(plan.distribution).replaced-\(getpid())"
                parent.removeTree(old)
                try parent.rename(name, to: old)
                try parent.rename(stagingName, to: name)
                parent.removeTree(old)
            } else {
                try parent.rename(stagingName, to: name)
            }
            let directory = PortFiles.absolute(plan.directory)
            // mini-buildd's dsc_url is the .dsc that was ported (the written one is under `dsc`).
            let sourceURL: String
            if case .external(let from) = request.mode, from.contains("://") {
                sourceURL = from
            } else if case .external(let from) = request.mode {
                sourceURL = "file://" + PortFiles.absolute(from)
            } else {
                sourceURL = "file://" + PortFiles.absolute(request.dscPath)
            }
            return PortResult(dscURL: sourceURL, source: plan.source,
                              distribution: plan.distribution, version: plan.version, directory: directory,
                              dsc: directory + "/" + dscName, changes: directory + "/" + changesName,
                              files: files.map { directory + "/" + $0 }, signed: request.signKey != nil,
                              warnings: plan.warnings)
        } catch {
            parent.removeTree(stagingName)
            OutputDirectory.removeCreated(created)
            throw error
        }
    }

    /// Writes tarball(s), .dsc and .changes into `folder`; returns the names (the .changes' files in order).
    private func writeUpload(_ plan: PortPlan, source: PortSource, request: PortRequest,
                             into staging: OutputDirectory) throws -> (dsc: String, changes: String, files: [String]) {
        let folder = staging.path
        let date = RFC2822Date.format(timestamp: request.timestamp, utcOffsetMinutes: 0)
        let externalFrom: String?
        if case .external(let from) = request.mode { externalFrom = from } else { externalFrom = nil }
        var block = PortChangelog.entry(source: plan.source, version: plan.version, distribution: plan.distribution,
                                        originalSHA1: source.dscSHA1, externalFrom: externalFrom,
                                        options: request.options, maintainer: request.porter, date: date)
        let changelogText = PortChangelogText.apply(&block, to: source.changelogText, changelog: source.changelog)
        let newChangelog = try Changelog.parse(changelogText, file: "debian/changelog")
        let changelogBytes = Array(changelogText.utf8)

        // The tarballs: names in the .dsc's order, the rewritten one in place of the original.
        var names: [String] = []
        let stem = plan.stem
        switch source.layout {
        case .quilt(let debianTarball):
            let newName = stem + ".debian.tar.xz"
            for name in source.fileNames {
                if name == debianTarball {
                    try rewrite(TarballRewriter(input: FileSystem.join(source.directory, name), newTop: nil,
                                                replacements: ["debian/changelog": (changelogBytes, Int64(request.timestamp))]),
                                into: staging, as: newName)
                    names.append(newName)
                } else {
                    try staging.linkOrCopy(FileSystem.join(source.directory, name), as: name)
                    names.append(name)
                }
            }
        case .diff(let diffGz, let patches):
            let newName = stem + ".diff.gz"
            for name in source.fileNames {
                if name == diffGz {
                    let text = try patches.replacingCreatedFile("debian/changelog", with: changelogText,
                                                                file: FileSystem.join(source.directory, name))
                    try staging.writeAtomically(newName, try GzipWriter.compress(Array(text.utf8), name: newName))
                    names.append(newName)
                } else {
                    try staging.linkOrCopy(FileSystem.join(source.directory, name), as: name)
                    names.append(name)
                }
            }
        case .native(let tarball):
            // Format 1.0 only knows gzip; 3.0 (native) gets xz like dpkg-source's default.
            let formatOne = SourceFormat(source.package.format) == .v1
            let newName = stem + (formatOne ? ".tar.gz" : ".tar.xz")
            let top = "\(plan.source)-\(PortNames.withoutEpoch(plan.version))"
            try rewrite(TarballRewriter(input: FileSystem.join(source.directory, tarball), newTop: top,
                                        replacements: ["debian/changelog": (changelogBytes, Int64(request.timestamp))],
                                        compression: formatOne ? .gzip : .xz),
                        into: staging, as: newName)
            names.append(newName)
        }

        let tarballFiles = try names.map { try uploadFile(folder, $0) }
        let dscName = plan.dscName
        let dscText = UploadWriter.dsc(from: source.package.dsc, version: plan.version, files: tarballFiles)
        try staging.writeAtomically(dscName, Array(dscText.utf8))
        if let key = request.signKey { try UploadSigner.clearsign(folder + "/" + dscName, key: key) }

        let entries = PortChangelogText.changesEntries(newChangelog, porter: request.porter)
        let (section, priority) = source.sectionAndPriority
        let top = newChangelog.entries[0]
        let changes = UploadWriter.SourceChanges(
            source: plan.source, version: plan.version, distribution: plan.distribution, urgency: top.normalizedUrgency,
            date: top.date, maintainer: source.package.dsc["Maintainer"] ?? "", changedBy: top.maintainer,
            entries: Array(entries.covered), section: section, priority: priority,
            extraFields: [(name: "X-Mini-Buildd-Originally-Changed-By", value: entries.originalAuthor)])
        let changesText = UploadWriter.changes(changes, files: [try uploadFile(folder, dscName)] + tarballFiles)
        let changesName = plan.changesName
        try staging.writeAtomically(changesName, Array(changesText.utf8))
        if let key = request.signKey { try UploadSigner.clearsign(folder + "/" + changesName, key: key) }
        return (dscName, changesName, [dscName] + names)
    }

    private func rewrite(_ rewriter: TarballRewriter, into staging: OutputDirectory, as name: String) throws {
        let temporary = name + ".partial"
        do {
            try rewriter.write(to: staging.createFile(temporary))
            try staging.rename(temporary, to: name)
        } catch {
            staging.removeTree(temporary)
            throw error
        }
    }

    private func uploadFile(_ folder: String, _ name: String) throws -> UploadFile {
        let digest = try FileDigest.compute(path: folder + "/" + name)
        return UploadFile(name: name, size: digest.size, md5: digest[.md5] ?? "", sha1: digest[.sha1] ?? "",
                          sha256: digest[.sha256] ?? "")
    }

    /// Reads the upload back as a consumer would: the .dsc with every file's size and checksums and the
    /// unpacked tree (hostile paths, changelog), then the .changes with its files.
    private func verify(_ plan: PortPlan, staging: String, dscName: String, changesName: String, files: [String]) throws {
        let package: SourcePackage
        let upload: Upload
        do {
            package = try SourceReader(unpack: true).read(path: staging + "/" + dscName)
            upload = try ChangesReader().read(path: staging + "/" + changesName)
        } catch {
            throw PortError("the written upload does not verify", underlying: error)
        }
        func fail(_ reason: String) -> PortError { PortError(file: staging + "/" + changesName, "the written upload does not verify: \(reason)") }
        guard package.version == plan.version, upload.version == plan.version else { throw fail("version mismatch") }
        guard package.changelog?.entries.first?.version == plan.version else {
            throw fail("debian/changelog's top version is '\(package.changelog?.entries.first?.version ?? "")'")
        }
        guard upload.files.map(\.name) == files else {
            throw fail("files \(upload.files.map(\.name)) instead of \(files)")
        }
        guard upload.distribution == plan.distribution else { throw fail("distribution '\(upload.distribution)'") }
    }
}

extension PortService {
    /// The .dsc of `source` in `distribution` per the index (exactly `version` if given).
    /// - Throws: ``PortError`` when the index has no such source there.
    public static func locate(source: String, distribution: String, version: String?,
                              store: IndexStore) throws -> (version: String, dsc: String) {
        guard let found = try PortIndex(store: store).located(source: source, distribution: distribution, version: version) else {
            throw PortError("no source '\(source)'\(version.map { " version '\($0)'" } ?? "") in '\(distribution)' in the index")
        }
        return found
    }
}
