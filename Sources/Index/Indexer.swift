import Artifacts
import Digest

/// The `index` call: scan paths, parse changed artifacts in parallel, write them with one writer.
public struct Indexer: Sendable {
    public struct Options: Sendable {
        public var jobs: Int
        public var limits: ArchiveLimits
        public var progress: Bool
        /// Seconds between batched commits (each file still lands whole or not at all).
        public var commitInterval: Double

        public init(jobs: Int, limits: ArchiveLimits = .init(), progress: Bool = false, commitInterval: Double = 0.5) {
            self.jobs = jobs
            self.limits = limits
            self.progress = progress
            self.commitInterval = commitInterval
        }
    }

    public let options: Options

    public init(options: Options) { self.options = options }

    /// Indexes `paths` into `store`.
    ///
    /// - Parameter report: called on the writer thread for each failure as it happens (for stderr).
    /// - Throws: ``IndexError`` only for failures of the index itself; bad artifacts end up in the summary.
    public func run(paths: [String], store: IndexStore, report: (IndexSummary.Failure) -> Void = { _ in }) throws -> IndexSummary {
        let start = FileSystemCalls.monotonic()
        var summary = IndexSummary()
        var scanner = Scanner()
        scanner.scan(paths)
        for error in scanner.errors {
            let failure = IndexSummary.Failure(path: error.file, reason: error.reason)
            summary.failures.append(failure)
            report(failure)
        }

        let recorded = try store.recordedStates()
        var work: [WorkItem] = []
        for item in scanner.items {
            if let state = recorded[item.path], state.size == item.size, state.mtime == item.mtimeNanoseconds {
                summary.unchanged += 1
            } else {
                work.append(item)
            }
        }
        // Largest first: the long .debs start early and both cores stay busy to the end.
        work.sort { $0.size > $1.size }
        let totalBytes = work.reduce(Int64(0)) { $0 + $1.size }
        var progress = ProgressLine(enabled: options.progress, totalFiles: work.count, totalBytes: totalBytes)

        let limits = options.limits.archiveLimits
        var inTransaction = false
        var lastCommit = FileSystemCalls.monotonic()
        let now = FileSystemCalls.now()
        do {
            try parallelMap(work, jobs: options.jobs, parse: { item in
                Self.parse(item, limits: limits)
            }, consume: { outcome in
                if !inTransaction {
                    try store.db.execute("BEGIN IMMEDIATE")
                    inTransaction = true
                }
                try store.db.execute("SAVEPOINT artifact")
                do {
                    switch outcome.result {
                    case .success(let parsed):
                        if recorded[outcome.item.path] == nil { summary.new += 1 } else { summary.updated += 1 }
                        try store.write(outcome.item, parsed.artifact, sha256: parsed.sha256, now: now)
                        summary.warnings += parsed.artifact.warnings.map { "\(outcome.item.path): \($0)" }
                    case .failure(let error):
                        summary.failed += 1
                        let failure = IndexSummary.Failure(path: outcome.item.path, reason: error.reason)
                        summary.failures.append(failure)
                        report(failure)
                        try store.recordFailure(outcome.item, reason: error.reason, now: now)
                    }
                    try store.db.execute("RELEASE artifact")
                } catch {
                    try? store.db.execute("ROLLBACK TO artifact; RELEASE artifact")
                    throw error
                }
                summary.bytes += outcome.item.size
                progress.advance(bytes: outcome.item.size)
                if FileSystemCalls.monotonic() - lastCommit >= options.commitInterval {
                    try store.db.execute("COMMIT")
                    inTransaction = false
                    lastCommit = FileSystemCalls.monotonic()
                }
            })
            if inTransaction { try store.db.execute("COMMIT") }
        } catch {
            if inTransaction { try? store.db.execute("ROLLBACK") }
            progress.finish()
            throw IndexError(path: store.path, reason: "\(error)")
        }
        progress.finish()

        try store.db.transaction {
            let seen = Set(scanner.items.map(\.path))
            for root in scanner.roots {
                summary.removed += try store.removeMissing(under: root, seen: seen)
                try store.touchRoot(root, now: now)
            }
            if scanner.roots.isEmpty {
                try store.db.run("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_update', ?1)", [.text(String(now))])
            }
        }
        let changed = summary.new + summary.updated + summary.removed
        let files = try store.fileCount()
        if changed > 0, changed >= Self.optimizeThreshold.files || changed * 100 >= max(1, files) * Self.optimizeThreshold.percent {
            try store.optimizeFullText()
        }
        summary.failed = summary.failures.count
        summary.seconds = FileSystemCalls.monotonic() - start
        return summary
    }

    /// After this many changed files (or this share of the index), the full-text indexes are rewritten as one
    /// segment each. FTS5 otherwise keeps every transaction's segment and the deleted rows' tombstones until
    /// its automerge gets to them: after re-indexing 6,530 packages a path query took 130 ms instead of 10.
    static let optimizeThreshold = (files: 500, percent: 5)

    /// Parses one item on a worker thread.
    static func parse(_ item: WorkItem, limits: ArchiveReaderLimits) -> ParseOutcome {
        do {
            guard FileSystem.isReadable(item.path) else {
                throw ArtifactError(file: item.path, reason: "permission denied")
            }
            let artifact: ParsedArtifact
            var sha256: String?
            if item.kind != .release {
                do {
                    sha256 = try FileDigest.compute(path: item.path, algorithms: [.sha256])[.sha256]
                } catch {
                    throw ArtifactError.wrapping(error, file: item.path)
                }
            }
            switch item.kind {
            case .deb, .udeb, .ddeb:
                artifact = .binary(try DebReader(limits: limits).read(path: item.path))
            case .dsc:
                artifact = .source(try SourceReader(limits: limits).read(path: item.path))
            case .changes:
                artifact = .upload(try ChangesReader().read(path: item.path))
            case .release:
                artifact = .distribution(try RepositoryReader().read(releasePath: item.path, root: item.repositoryRoot ?? ""))
            }
            return ParseOutcome(item: item, result: .success((artifact, sha256)))
        } catch {
            return ParseOutcome(item: item, result: .failure(ArtifactError.wrapping(error, file: item.path)))
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
