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

    public var description: String {
        switch self {
        case .unreadable(let error): "\(error)"
        case .malformedRelease(let error): "\(error)"
        case .solver(let error): "\(error)"
        case .noPackages(let directory, let architecture?):
            "\(directory): no Packages index for architecture '\(architecture)'"
        case .noPackages(let directory, nil):
            "\(directory): no Release file listing Packages indices (expected a dists/<distribution> directory)"
        }
    }
}
