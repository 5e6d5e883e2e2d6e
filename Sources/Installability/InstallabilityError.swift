import Artifacts
import DebianFormats
import Solv

/// Why an installability check could not run. The underlying error is kept as a value; the description is
/// the line a user reads.
public enum InstallabilityError: Error, Sendable, CustomStringConvertible {
    /// A Packages or Release file could not be read or decompressed.
    case unreadable(ArtifactError)
    /// A Release file is not deb822.
    case malformedRelease(Deb822Error)
    /// libsolv refused something.
    case solver(SolvError)
    /// A distribution directory without the indices asked for.
    case noPackages(directory: String, architecture: String?)
    /// The index could not be opened or read (`path`: the index file).
    case index(path: String, any Error)
    /// No distribution of that name in the index.
    case unknownDistribution(String, index: String)
    /// Several repositories hold a distribution of that name.
    case ambiguousDistribution(String, directories: [String])

    public var description: String {
        switch self {
        case .unreadable(let error): "\(error)"
        case .malformedRelease(let error): "\(error)"
        case .solver(let error): "\(error)"
        case .noPackages(let directory, let architecture?):
            "\(directory): no Packages index for architecture '\(architecture)'"
        case .index(_, let error):
            "\(error)"
        case .unknownDistribution(let name, let index):
            "no distribution '\(name)' in the index \(index) (give its dists/<distribution> directory, or 'debwork index' it)"
        case .ambiguousDistribution(let name, let directories):
            "distribution '\(name)' is in several repositories (\(directories.joined(separator: ", "))): give its directory"
        case .noPackages(let directory, nil):
            "\(directory): no Release file listing Packages indices (expected a dists/<distribution> directory)"
        }
    }
}
