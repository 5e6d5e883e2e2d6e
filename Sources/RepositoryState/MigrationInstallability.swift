import Artifacts
import DebianFormats
import Installability

/// The installability check of one `copysrc` into a distribution (britney's rule, which mini-buildd never
/// had): with the source's binaries taken from where they come from, no binary of the target that was
/// installable before may become uninstallable, and the migrated binaries must be installable there (when
/// they are where they come from), per architecture. The Packages files on disk are the input (the index
/// holds no dependency fields).
public struct MigrationInstallability: Sendable, Encodable {
    public var source: String
    public var into: String
    public var architecture: String
    public var regressions: [UninstallablePackage]
    public var uninstallableMigrated: [UninstallablePackage]

    public var isAcceptable: Bool { regressions.isEmpty && uninstallableMigrated.isEmpty }

    enum CodingKeys: String, CodingKey {
        case source, into = "distribution", architecture, regressions, uninstallableMigrated = "uninstallable_migrated"
    }

    /// Checks copying `source` from `fromDirectory` (`<root>/dists/<dist>`) into `intoDirectory`, for every
    /// architecture either distribution lists. A target not exported yet counts as empty.
    static func check(source: String, from fromDirectory: String, into intoDirectory: String,
                      intoName: String) throws -> [MigrationInstallability] {
        let origin = try DistributionIndices(directory: fromDirectory)
        let target = try? DistributionIndices(directory: intoDirectory)
        var architectures = target?.architectures ?? []
        for architecture in origin.architectures where !architectures.contains(architecture) { architectures.append(architecture) }
        var results: [MigrationInstallability] = []
        for architecture in architectures {
            let before = (try? target?.packagesFiles(architecture: architecture)) ?? []
            let incoming = try paragraphs(of: (try? origin.packagesFiles(architecture: architecture)) ?? [], where: { $0 == source })
            if incoming.bytes.isEmpty && before.isEmpty { continue }
            // The target is read once by libsolv; only the incoming stanzas are picked out here.
            let checker = InstallabilityChecker(architecture: architecture)
            let result = try checker.regressions(
                migrating: [.text(incoming.bytes.flatMap { $0 + [0x0A, 0x0A] }, name: "\(source) migrating into \(intoName)")],
                into: before, migratedSources: [source])
            // A migrated binary counts only when it is installable where it comes from: a repository holds its
            // own packages, not the Debian base they depend on (bash, libc6), so those are broken on both sides.
            var brokenAtOrigin: Set<String> = []
            if !result.uninstallableMigrated.isEmpty || !result.regressions.isEmpty {
                let report = try checker.check((try? origin.packagesFiles(architecture: architecture)) ?? [], sources: [source])
                brokenAtOrigin = Set(report.uninstallable.map(\.package))
            }
            // The migrated binaries themselves (new in the target, or replacing their old version) are judged
            // against their origin, never as regressions of the target.
            let migrated = incoming.packages
            results.append(MigrationInstallability(
                source: source, into: intoName, architecture: architecture,
                regressions: result.regressions.filter { !(migrated.contains($0.package) && brokenAtOrigin.contains($0.package)) },
                uninstallableMigrated: result.uninstallableMigrated.filter { !brokenAtOrigin.contains($0.package) }))
        }
        return results
    }

    /// The stanzas of `indices` whose source (`Source`, else `Package`) `keep` accepts: their bytes and their
    /// package names.
    static func paragraphs(of indices: [PackagesIndex], where keep: (String) -> Bool) throws -> (bytes: [[UInt8]], packages: Set<String>) {
        var result: [[UInt8]] = []
        var packages: Set<String> = []
        for index in indices {
            guard case .file(let path) = index else { continue }
            try CompressedFile.forEachParagraph(path) { bytes, _ in
                guard let paragraph = try? Deb822Document.parse(bytes: bytes, file: path).paragraphs.first else { return }
                let source = paragraph["Source"]?.split(separator: " ").first.map(String.init) ?? paragraph["Package"] ?? ""
                guard keep(source) else { return }
                result.append(bytes)
                if let package = paragraph["Package"] { packages.insert(package) }
            }
        }
        return (result, packages)
    }

    /// `E:` text: which packages break on which architecture, and why.
    static func refusal(_ failed: [MigrationInstallability]) -> String {
        var parts: [String] = []
        for check in failed {
            for package in check.regressions {
                parts.append("\(package.package) \(package.version) [\(check.architecture)] would become uninstallable in '\(check.into)': \(package.reason)")
            }
            for package in check.uninstallableMigrated {
                parts.append("\(package.package) \(package.version) [\(check.architecture)] would not be installable in '\(check.into)': \(package.reason)")
            }
        }
        return "installability check failed: " + parts.joined(separator: "; ") + " (--ignore-deps to go ahead anyway)"
    }
}
