import Artifacts
import Index
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
        /// A distribution name the index knows (its Packages files are read from its repository on disk).
        case indexed(String, index: String)
    }

    public var input: Input
    /// Only binaries built from these sources are reported; empty: all.
    public var sources: [String]
    /// Empty: every architecture of the Release (a distribution), or this machine's (Packages files).
    public var architectures: [String]
    /// Packages files that satisfy dependencies without being checked.
    public var background: [String]
    /// Packages files holding binaries that would migrate into the distribution (``runMigration()``).
    public var incoming: [String] = []

    public init(distribution: String, sources: [String] = [], architectures: [String] = [], background: [String] = []) {
        self.init(input: .distribution(distribution), sources: sources, architectures: architectures, background: background)
    }

    /// `word` as `debwork check` reads it: a folder holding a Release (or any path with a `/`) is a
    /// `dists/<distribution>` directory; another word is a distribution name looked up in the index at
    /// `indexPath`.
    public init(distributionOrDirectory word: String, indexPath: String, sources: [String] = [], architectures: [String] = [],
                background: [String] = []) {
        let isDirectory = word.contains("/") || ["Release", "InRelease"].contains {
            FileSystem.status(word + "/" + $0)?.isRegular ?? false
        }
        self.init(input: isDirectory ? .distribution(word) : .indexed(word, index: indexPath), sources: sources,
                  architectures: architectures, background: background)
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
        case .indexed(let name, let index):
            return try Self(input: .distribution(try Self.directory(of: name, index: index)), sources: sources,
                            architectures: architectures, background: background).run()
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

    /// Britney's rule for migrating the binaries of ``incoming`` into the distribution (their sources'
    /// binaries there replaced), one result per architecture: only what the migration can change is checked
    /// (``InstallabilityChecker/regressions(migrating:into:migratedSources:background:)``). ``sources`` are
    /// the migrating sources when given, else the incoming binaries' sources.
    ///
    /// - Throws: ``InstallabilityError`` for an unreadable index or distribution, or a libsolv failure.
    public func runMigration() throws(InstallabilityError) -> [MigrationCheck] {
        let migrated = sources.isEmpty ? nil : Set(sources)
        let backgroundIndices = background.map(PackagesIndex.file)
        let incomingIndices = incoming.map(PackagesIndex.file)
        var targets: [(architecture: String, indices: [PackagesIndex])] = []
        switch input {
        case .packages(let paths):
            for architecture in architectures.isEmpty ? [Self.hostArchitecture] : architectures {
                targets.append((architecture, paths.map(PackagesIndex.file)))
            }
        case .indexed(let name, let index):
            var request = self
            request.input = .distribution(try Self.directory(of: name, index: index))
            return try request.runMigration()
        case .distribution(let directory):
            let distribution = try DistributionIndices(directory: directory)
            for architecture in architectures.isEmpty ? distribution.architectures : architectures {
                targets.append((architecture, try distribution.packagesFiles(architecture: architecture)))
            }
        }
        var results: [MigrationCheck] = []
        for (architecture, indices) in targets {
            results.append(try InstallabilityChecker(architecture: architecture).regressions(
                migrating: incomingIndices, into: indices, migratedSources: migrated, background: backgroundIndices))
        }
        return results
    }

    /// The `dists/<name>` folder of the one indexed distribution called `name`.
    static func directory(of name: String, index: String) throws(InstallabilityError) -> String {
        let locations: [IndexStore.DistributionLocation]
        do {
            locations = try IndexStore(path: index, readOnly: true).distributionLocations(named: name)
        } catch {
            throw .index(path: index, error)
        }
        guard let first = locations.first else { throw .unknownDistribution(name, index: index) }
        guard locations.count == 1 else { throw .ambiguousDistribution(name, directories: locations.map(\.directory)) }
        return first.directory
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
