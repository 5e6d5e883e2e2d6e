import DebianFormats

/// An APT `Contents-<arch>` (or `Contents-udeb-<arch>`) file of a distribution: which distribution,
/// component and architecture its lines speak for. The lines themselves are streamed by ``ContentsReader``.
public struct ContentsList: Sendable, Hashable {
    /// The file on disk.
    public var path: String
    /// The distribution folder under `dists/`.
    public var distribution: String
    /// The component folder (`main`, `updates/main`), or "" for an old distribution-wide `dists/<dist>/Contents-<arch>`.
    public var component: String
    public var architecture: String
    /// A `Contents-udeb-<arch>` (debian-installer packages).
    public var isUdeb: Bool
    /// What the reader noticed about the file itself (its Release does not list it, …).
    public var warnings: [String] = []

    public init(path: String, distribution: String, component: String, architecture: String, isUdeb: Bool) {
        self.path = path
        self.distribution = distribution
        self.component = component
        self.architecture = architecture
        self.isUdeb = isUdeb
    }

    /// The compression suffixes a Contents file may carry, in the order one is chosen when several
    /// variants of one file are present (the smallest to hash first).
    public static let suffixes = [".xz", ".zst", ".gz", ".lz4", ""]

    /// The architecture (and whether it is a udeb list) a file name stands for: `Contents-amd64.gz` →
    /// (`amd64`, false), `Contents-udeb-arm64` → (`arm64`, true); nil for anything else (`Contents-source`,
    /// an unknown suffix, a name that is not an architecture).
    public static func architecture(ofFileName name: String) -> (architecture: String, isUdeb: Bool)? {
        guard name.hasPrefix("Contents-") else { return nil }
        var stem = name.dropFirst("Contents-".count)
        guard let suffix = suffixes.first(where: { !$0.isEmpty && stem.hasSuffix($0) }) ?? (stem.contains(".") ? nil : "") else {
            return nil
        }
        stem = stem.dropLast(suffix.count)
        let isUdeb = stem.hasPrefix("udeb-")
        if isUdeb { stem = stem.dropFirst("udeb-".count) }
        let architecture = String(stem)
        guard architecture != "source", (try? ControlNames.checkArchitecture(architecture, file: name)) != nil else { return nil }
        return (architecture, isUdeb)
    }

    /// The list at `areaPath` (relative to the repository root: `dists/<dist>/<component>/Contents-<arch>…`, a
    /// component of two parts such as `updates/main` included, or `dists/<dist>/Contents-<arch>…`; in apt's lists directory, the same path flattened into one name,
    /// `<site>_dists_<dist>_<component>_Contents-<arch>.lz4`, ``AptListsName``).
    /// - Throws: ``ArtifactError`` when the path is not laid out so.
    public init(path: String, areaPath: String) throws(ArtifactError) {
        var parts = areaPath.split(separator: "/").map(String.init)
        if parts.count == 1, let name = AptListsName(areaPath) {
            parts = ["dists", name.distribution] + name.relative.split(separator: "/").map(String.init)
        }
        guard (3...5).contains(parts.count), parts[0] == "dists", let last = parts.last,
              let (architecture, isUdeb) = Self.architecture(ofFileName: last) else {
            throw ArtifactError(file: path, reason: "not a dists/<distribution>/[<component>/]Contents-<arch> file")
        }
        // The distribution is named by its folder: a name its Release could not have (control bytes, white space).
        do { try ControlNames.checkDistributionName(parts[1], field: "distribution folder", file: path) } catch {
            throw ArtifactError(file: path, reason: "the distribution folder '\(Printable.escaped(parts[1]))' is not a valid distribution name")
        }
        // A component may have two parts, as Debian security's `updates/main` had.
        self.init(path: path, distribution: parts[1], component: parts[2..<(parts.count - 1)].joined(separator: "/"),
                  architecture: architecture, isUdeb: isUdeb)
    }
}
