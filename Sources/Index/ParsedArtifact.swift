import Artifacts

/// What a worker made of one file, handed to the single writer.
enum ParsedArtifact: Sendable {
    case binary(BinaryPackage)
    case source(SourcePackage)
    case upload(Upload)
    case distribution(RepositoryDistribution)

    var warnings: [String] {
        switch self {
        case .binary(let package): package.warnings
        case .source(let package): package.warnings
        case .upload: []
        case .distribution(let distribution): distribution.warnings
        }
    }
}

/// The outcome of parsing one work item.
struct ParseOutcome: Sendable {
    var item: WorkItem
    var result: Result<(artifact: ParsedArtifact, sha256: String?), ArtifactError>
}
