import Artifacts
import DebianFormats

/// The Packages indices of a `dists/<distribution>` directory, per architecture, found through its
/// Release file (`Components`, `Architectures`) and what is on disk.
public struct DistributionIndices: Sendable, Hashable {
    /// The directory given.
    public var directory: String
    /// The architectures the Release lists, `all` and `source` left out, in its order.
    public var architectures: [String]
    /// The components the Release lists.
    public var components: [String]

    /// Reads `directory/Release` (or `InRelease`).
    ///
    /// - Throws: ``InstallabilityError/noPackages(directory:architecture:)`` when neither exists,
    ///   ``InstallabilityError/malformedRelease(_:)`` when it is not deb822.
    public init(directory: String) throws(InstallabilityError) {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        guard let release = ["Release", "InRelease"].map({ base + "/" + $0 }).first(where: { (FileSystem.status($0)?.isRegular ?? false) }) else {
            throw .noPackages(directory: base, architecture: nil)
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(release, maximumSize: 64 << 20)
        } catch {
            throw .unreadable(ArtifactError.wrapping(error, file: release))
        }
        let paragraph: Deb822Paragraph
        do {
            paragraph = try Deb822Document.parse(bytes: bytes, file: release).paragraphs.first ?? Deb822Paragraph(fields: [])
        } catch {
            throw .malformedRelease(error)
        }
        func words(_ field: String) -> [String] {
            (paragraph[field] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        }
        self.directory = base
        self.components = words("Components")
        self.architectures = words("Architectures").filter { $0 != "all" && $0 != "source" }
        self.allInIndices = paragraph["No-Support-for-Architecture-all"] == "Packages"
    }

    /// Whether `binary-<arch>/Packages` already holds the `Architecture: all` packages (Debian's
    /// `No-Support-for-Architecture-all: Packages`), so `binary-all` must not be read twice.
    var allInIndices: Bool

    /// The Packages files for `architecture` (and `binary-all` where it is separate), the least
    /// compressed form present of each (plain, `.xz`, `.gz`, `.bz2`, `.zst`, `.lz4`), components in Release order.
    ///
    /// - Throws: ``InstallabilityError/noPackages(directory:architecture:)`` when none exists.
    public func packagesFiles(architecture: String) throws(InstallabilityError) -> [PackagesIndex] {
        var files: [PackagesIndex] = []
        let folders = allInIndices ? ["binary-\(architecture)"] : ["binary-\(architecture)", "binary-all"]
        for component in components {
            // Debian security says `updates/main` and serves `main/`.
            let componentFolder = (FileSystem.status(directory + "/" + component)?.isDirectory ?? false) || !component.contains("/")
                ? component : String(component.split(separator: "/").last ?? "")
            for folder in folders {
                let base = "\(directory)/\(componentFolder)/\(folder)/Packages"
                if let path = ["", ".xz", ".gz", ".bz2", ".zst", ".lz4"].map({ base + $0 }).first(where: { (FileSystem.status($0)?.isRegular ?? false) }) {
                    files.append(.file(path))
                }
            }
        }
        guard !files.isEmpty else { throw .noPackages(directory: directory, architecture: architecture) }
        return files
    }
}
