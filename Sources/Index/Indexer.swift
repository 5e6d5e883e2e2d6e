import Artifacts
import Digest
import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// The `index` call: scan paths, parse changed artifacts in parallel, write them with one writer.
public struct Indexer: Sendable {
    public struct Options: Sendable {
        public var jobs: Int
        public var limits: ArchiveLimits
        public var progress: Bool
        /// Seconds between batched commits (each file still lands whole or not at all).
        public var commitInterval: Double
        /// Walk the folders the scanner leaves out by default (`incoming/`, `tmp/`, …).
        public var includeSkipped = false
        /// Keyrings every distribution's signature is checked against (`index --keyring`); empty: not checked.
        public var keyrings: [String] = []
        /// Bytes of each binary's changelog and NEWS kept as searchable text (`index --changelog-bytes`).
        public var changelogBytes = DebReader.changelogLimit

        public init(jobs: Int, limits: ArchiveLimits = .init(), progress: Bool = false, commitInterval: Double = 0.5) {
            self.jobs = jobs
            self.limits = limits
            self.progress = progress
            self.commitInterval = commitInterval
        }
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    /// Indexes `paths` into `store`.
    ///
    /// - Parameter report: called on the writer thread for each failure as it happens (for stderr).
    /// - Throws: ``IndexError`` only for failures of the index itself; bad artifacts end up in the summary.
    public func run(paths: [String], store: IndexStore, report: (IndexSummary.Failure) -> Void = { _ in }) throws -> IndexSummary {
        let start = FileSystemCalls.monotonic()
        var summary = IndexSummary()
        var scanner = Scanner()
        scanner.includeSkipped = options.includeSkipped
        scanner.preferInRelease = !options.keyrings.isEmpty
        scanner.scan(paths)
        summary.skipped = scanner.skipped.map { IndexSummary.Skipped(path: $0.path, reason: $0.reason) }
        for error in scanner.errors {
            let failure = IndexSummary.Failure(path: error.file, reason: error.reason)
            summary.failures.append(failure)
            report(failure)
        }

        // Every file is hashed on every run and compared with the digest the index holds: size and mtime
        // are set by `cp -p` or `touch -r` to anything, so they only order the work, never vouch for content.
        let recorded = try store.recordedStates()
        var work = scanner.items
        // Largest first: the long .debs start early and both cores stay busy to the end.
        work.sort { $0.size > $1.size }
        let totalBytes = work.reduce(Int64(0)) { $0 + $1.size }
        var progress = ProgressLine(enabled: options.progress, totalFiles: work.count, totalBytes: totalBytes)

        let limits = options.limits.archiveLimits
        var lastCommit = FileSystemCalls.monotonic()
        let now = FileSystemCalls.now()
        // A changed --changelog-bytes applies to every binary: they are read again, as if they had changed.
        let changelogBytes = options.changelogBytes
        let rereadBinaries = try store.changelogBytes() != changelogBytes
        let known = recorded.mapValues(\.sha256)
        let keyrings = options.keyrings
        // Whether the open transaction has marked the derived tables (pool mismatches, field text) stale (once per
        // batch is enough).
        var markedStale = false
        // Writes one outcome, each file whole or not at all; the transaction around it is committed in batches.
        // A distribution's stanzas (bookworm main: 130 MB) were built on a worker: their pages go back to the
        // kernel before the next file is written, so the peak is the larger of the two, not their sum. Not at
        // the end of this write: the stanzas are freed only once the caller lets go of the outcome (trimmed
        // here, 123 MB stayed resident through bookworm's Contents files).
        var returnPages = false
        func write(_ outcome: ParseOutcome) throws {
            if returnPages {
                Memory.returnFreePages()
                returnPages = false
            }
            if !store.db.isInTransaction { try store.db.execute("BEGIN IMMEDIATE") }
            if !markedStale, !outcome.isUnchanged {
                try store.markPoolMismatchesStale()
                try store.markFieldTextStale()
                markedStale = true
            }
            var wroteDistribution = false
            func fail(_ error: ArtifactError, keepRows: Bool) throws {
                let reason = error.reason(reportedFor: outcome.item.path)
                let failure = IndexSummary.Failure(path: outcome.item.path, reason: reason)
                summary.failures.append(failure)
                report(failure)
                try store.recordFailure(outcome.item, reason: reason, now: now,
                                        keepRows: keepRows && recorded[outcome.item.path] != nil)
            }
            try store.db.inSavepoint("artifact") {
                switch outcome.result {
                case .unchanged:
                    summary.unchanged += 1
                    try store.updateState(outcome.item)
                case .parsed(let artifact, let sha256):
                    let warnings: [String]
                    do {
                        warnings = try store.db.inSavepoint("file") {
                            try store.write(outcome.item, artifact, sha256: sha256, now: now, limits: limits)
                        }
                    } catch let error as ArtifactError {
                        // A Contents file is read while it is written: one that cannot be read (truncated, not what
                        // its name says, a decompression bomb) fails alone, its rows rolled back; the run goes on.
                        return try fail(error, keepRows: false)
                    }
                    if recorded[outcome.item.path] == nil { summary.new += 1 } else { summary.updated += 1 }
                    summary.warnings += warnings.map { "\(outcome.item.path): \($0)" }
                    if case .distribution = artifact { wroteDistribution = true }
                case .failed(let error, let keepRows):
                    try fail(error, keepRows: keepRows)
                }
            }
            if wroteDistribution { returnPages = true }
            summary.bytes += outcome.item.size
            progress.advance(bytes: outcome.item.size)
            if FileSystemCalls.monotonic() - lastCommit >= options.commitInterval {
                try store.db.execute("COMMIT")
                markedStale = false
                lastCommit = FileSystemCalls.monotonic()
            }
        }
        do {
            // A Contents file is read by the writer itself (its outcome is only a path): it waits until every
            // other file is written, so no parsed distribution waits in memory while a Contents file is written.
            var contents: [ParseOutcome] = []
            try streamingParallelMap(work, jobs: options.jobs, parse: { item in
                let binary = item.kind == .deb || item.kind == .udeb || item.kind == .ddeb
                return Self.parse(item, recordedSHA256: rereadBinaries && binary ? nil : known[item.path] ?? nil, limits: limits,
                                  keyrings: keyrings, changelogBytes: changelogBytes)
            }, consume: { outcome in
                if case .parsed(.contents, _) = outcome.result {
                    contents.append(outcome)
                } else {
                    try write(outcome)
                }
            })
            for outcome in contents { try write(outcome) }
            if store.db.isInTransaction { try store.db.execute("COMMIT") }
        } catch {
            if store.db.isInTransaction { try? store.db.execute("ROLLBACK") }
            progress.finish()
            throw IndexError(path: store.path, underlying: error)
        }
        progress.finish()

        try store.db.transaction {
            let seen = Set(scanner.items.map(\.path))
            for root in scanner.roots {
                summary.removed += try store.removeMissing(under: root, seen: seen, unreadable: scanner.unreadable)
                try store.touchRoot(root, now: now)
            }
            try store.recordChangelogBytes(changelogBytes)
            // After a run's writes, whichever side changed (the pool file or the stanzas listing it). The mark is
            // committed with the writes, so a run cut short after its batches committed leaves it to the next one.
            // A removed file needs no check: the cascades drop its rows, and a removal makes no new mismatch.
            if try store.poolMismatchesAreStale() {
                summary.warnings += PoolMismatch.warnings(try store.recordPoolMismatches())
            }
            // Removals need no rebuild: a value left behind in `field_text` is looked up and found in no row.
            if try store.fieldTextIsStale() { try store.recordFieldText() }
            if scanner.roots.isEmpty {
                try store.db.run("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_update', ?1)", [.text(String(now))])
            }
        }
        let changed = summary.new + summary.updated + summary.removed
        let files = try store.fileCount()
        if changed > 0, changed >= Self.optimizeThreshold.files || changed * 100 >= max(1, files) * Self.optimizeThreshold.percent {
            try store.optimizeFullText()
        }
        store.settle()
        summary.failed = summary.failures.count
        summary.seconds = FileSystemCalls.monotonic() - start
        return summary
    }

    /// After this many changed files (or this share of the index), the full-text indexes are rewritten as one
    /// segment each. FTS5 otherwise keeps every transaction's segment and the deleted rows' tombstones until
    /// its automerge gets to them: after re-indexing 6,530 packages a path query took 130 ms instead of 10.
    static let optimizeThreshold = (files: 500, percent: 5)

    /// Looks at one item on a worker thread: hashes it, and parses it unless the index already holds
    /// exactly this content (`recordedSHA256`; for a distribution, its
    /// ``RepositoryReader/contentDigest(releasePath:releaseSHA256:)``).
    static func parse(_ item: WorkItem, recordedSHA256: String?, limits: ArchiveReaderLimits,
                      keyrings: [String] = [], changelogBytes: Int = DebReader.changelogLimit) -> ParseOutcome {
        let sha256: String
        do {
            guard let digest = try FileDigest.compute(path: item.path, algorithms: [.sha256])[.sha256] else {
                throw ArtifactError(file: item.path, reason: "cannot hash the file")
            }
            sha256 = digest
        } catch let error as SystemCallError {
            // Permission denied is not a change of content: keep what the index knows, report it.
            let keep = error.errno == EACCES || error.errno == EPERM
            return ParseOutcome(item: item, result: .failed(ArtifactError(file: item.path, reason: error.message), keepRows: keep))
        } catch {
            return ParseOutcome(item: item, result: .failed(ArtifactError.wrapping(error, file: item.path), keepRows: false))
        }
        // A distribution is its Release and the Packages and Sources files it leads to: it is recorded under a
        // digest over all of them, so a changed index behind a byte-identical Release is read again. When that
        // digest cannot be formed, the distribution is read, and the read says what is wrong. It is formed before
        // the read: an index changing in between makes the next run read the distribution again, never skip it.
        // A Contents file is recorded with the Release that vouches for it: a changed Release checks it again.
        let recorded = switch item.kind {
        case .release: try? RepositoryReader.contentDigest(releasePath: item.path, releaseSHA256: sha256)
        case .contents: try? RepositoryReader.listedDigest(areaPath: item.areaPath, root: item.repositoryRoot ?? "", sha256: sha256)
        default: sha256
        }
        // A signature is checked on every run that asks for it: the keyrings (or the InRelease) may have changed.
        let verify = item.kind == .release && !keyrings.isEmpty
        if let recorded, recorded == recordedSHA256 && !verify { return ParseOutcome(item: item, result: .unchanged) }
        do {
            let artifact: ParsedArtifact
            switch item.kind {
            case .deb, .udeb, .ddeb:
                var reader = DebReader(limits: limits)
                reader.changelogBytes = changelogBytes
                artifact = .binary(try reader.read(path: item.path))
            case .dsc:
                artifact = .source(try SourceReader(limits: limits).read(path: item.path))
            case .changes:
                artifact = .upload(try ChangesReader().read(path: item.path))
            case .release:
                artifact = .distribution(try RepositoryReader(keyrings: keyrings).read(releasePath: item.path, root: item.repositoryRoot ?? ""))
            case .configuration:
                artifact = .configuration(try RepositoryConfiguration.read(path: item.path, root: item.repositoryRoot ?? ""))
            case .contents:
                var list = try ContentsList(path: item.path, areaPath: item.areaPath)
                list.warnings = try RepositoryReader(keyrings: keyrings).checkListed(
                    path: item.path, areaPath: item.areaPath, root: item.repositoryRoot ?? "", size: item.size, sha256: sha256)
                artifact = .contents(list)
            }
            return ParseOutcome(item: item, result: .parsed(artifact, sha256: recorded ?? sha256))
        } catch {
            return ParseOutcome(item: item, result: .failed(ArtifactError.wrapping(error, file: item.path), keepRows: false))
        }
    }
}

import LibArchive
typealias ArchiveReaderLimits = ArchiveReader.Limits

/// Decompression-bomb limits as options (so the executable need not import the wrapper).
public struct ArchiveLimits: Sendable {
    public var floorBytes: Int64
    public var ratio: Int64

    public init(floorBytes: Int64 = 512 << 20, ratio: Int64 = 200) {
        self.floorBytes = floorBytes
        self.ratio = ratio
    }

    var archiveLimits: ArchiveReader.Limits { .init(floor: floorBytes, ratio: ratio) }
}
