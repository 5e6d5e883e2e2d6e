#if canImport(Glibc)
import Glibc
#endif

/// What `debwork check` asks: which indices, which architectures, which sources to report on.
public struct CheckRequest: Sendable {
    public enum Input: Sendable, Hashable {
        /// A `dists/<distribution>` directory: its Release names the indices.
        case distribution(String)
        /// Packages files, all of one architecture.
        case packages([String])
    }

    public var input: Input
    /// Only binaries built from these sources are reported; empty: all.
    public var sources: [String]
    /// Empty: every architecture of the Release (a distribution), or this machine's (Packages files).
    public var architectures: [String]
    /// Packages files that satisfy dependencies without being checked.
    public var background: [String]

    public init(distribution: String, sources: [String] = [], architectures: [String] = [], background: [String] = []) {
        self.init(input: .distribution(distribution), sources: sources, architectures: architectures, background: background)
    }

    public init(packages: [String], sources: [String] = [], architectures: [String] = [], background: [String] = []) {
        self.init(input: .packages(packages), sources: sources, architectures: architectures, background: background)
    }

    public init(input: Input, sources: [String], architectures: [String], background: [String]) {
        self.input = input
        self.sources = sources
        self.architectures = architectures
        self.background = background
    }

    /// Runs the check, one report per architecture.
    ///
    /// - Throws: ``InstallabilityError`` for an unreadable index or distribution, or a libsolv failure.
    public func run() throws(InstallabilityError) -> [InstallabilityReport] {
        let filter = sources.isEmpty ? nil : Set(sources)
        let backgroundIndices = background.map(PackagesIndex.file)
        switch input {
        case .packages(let paths):
            let files = paths.map(PackagesIndex.file)
            var reports: [InstallabilityReport] = []
            for architecture in architectures.isEmpty ? [Self.hostArchitecture] : architectures {
                reports.append(try InstallabilityChecker(architecture: architecture)
                    .check(files, background: backgroundIndices, sources: filter))
            }
            return reports
        case .distribution(let directory):
            let distribution = try DistributionIndices(directory: directory)
            var reports: [InstallabilityReport] = []
            for architecture in architectures.isEmpty ? distribution.architectures : architectures {
                reports.append(try InstallabilityChecker(architecture: architecture)
                    .check(try distribution.packagesFiles(architecture: architecture), background: backgroundIndices,
                           sources: filter))
            }
            return reports
        }
    }

    /// This machine's Debian architecture name, from `uname`'s machine (`x86_64` → `amd64`).
    public static var hostArchitecture: String {
        var name = utsname()
        uname(&name)
        let machine = withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        switch machine {
        case "x86_64": return "amd64"
        case "aarch64": return "arm64"
        case "i386", "i486", "i586", "i686": return "i386"
        case "ppc64le": return "ppc64el"
        case "armv7l": return "armhf"
        default: return machine
        }
    }
}
