import Artifacts
import DebianFormats

/// What a worker made of one file, handed to the single writer.
enum ParsedArtifact: Sendable {
    case binary(BinaryPackage)
    case source(SourcePackage)
    case upload(Upload)
    case distribution(RepositoryDistribution)
    case configuration(RepositoryConfiguration)
    /// A changed Contents file: only where it is and what it speaks for; the writer streams its lines
    /// (millions of them) straight into the index.
    case contents(ContentsList)

    var warnings: [String] {
        switch self {
        case .binary(let package): package.warnings
        case .source(let package): package.warnings
        case .upload: []
        case .distribution(let distribution): distribution.warnings
        case .configuration(let configuration): configuration.warnings
        case .contents(let list): list.warnings
        }
    }
}

/// The outcome of looking at one work item.
struct ParseOutcome: Sendable {
    enum Result: Sendable {
        /// Read anew (new or changed content). `sha256` is what `files.sha256` records: the file's SHA-256, or
        /// for a distribution its ``RepositoryReader/contentDigest(releasePath:releaseSHA256:)``.
        case parsed(ParsedArtifact, sha256: String)
        /// The content hash equals the one the index holds: nothing to write.
        case unchanged
        /// Could not be read. `keepRows`: the file exists but this user may not read it (unreadable is not
        /// changed): what the index holds stays.
        case failed(ArtifactError, keepRows: Bool)
    }

    var item: WorkItem
    var result: Result

    var isUnchanged: Bool {
        if case .unchanged = result { return true }
        return false
    }
}

extension ArtifactError {
    /// What is wrong, as reported under the work item at `path` (its `E:` line starts with `path`): the reason, led
    /// by the file the error is about when that is another one: a Packages or Sources file a Release leads to, the
    /// member of a package. Without it the line named the Release and never said which of its indices failed.
    func reason(reportedFor path: String) -> String {
        file == path ? reason : "'\(Printable.escaped(file))': \(reason)"
    }
}
