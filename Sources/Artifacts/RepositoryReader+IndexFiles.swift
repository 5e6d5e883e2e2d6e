import DebianFormats
import Digest
import SystemCalls

extension RepositoryReader {
    /// One Packages or Sources file a distribution is read from: the first compression variant present.
    struct IndexFile: Sendable, Hashable {
        enum Kind: Sendable, Hashable { case sources, packages }

        var kind: Kind
        /// The component as the Release names it (`updates/main`), which its stanzas are recorded under.
        var component: String
        /// Relative to the distribution folder, without the suffix: `main/binary-amd64/Packages`.
        var base: String
        /// One of ``RepositoryReader/indexSuffixes``.
        var suffix: String
        /// Where the variant is on disk (``DistributionFiles/path(_:)``).
        var path: String
    }

    /// The components and architectures of a Release. Both become folder names under `dists/<name>/`:
    /// `main ../../../outside` must never make debwork read (or sources_list print) anything outside the
    /// distribution.
    /// - Throws: ``ArtifactError`` naming `file` when a name is not a plain component or architecture.
    static func folderNames(of release: Deb822Paragraph, file: String) throws(ArtifactError)
        -> (components: [String], architectures: [String]) {
        let components = (release["Components"] ?? "main").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let architectures = (release["Architectures"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        do throws(FieldError) {
            for component in components { try ControlNames.checkComponent(component, file: file) }
            for architecture in architectures { try ControlNames.checkArchitecture(architecture, field: "Architectures", file: file) }
        } catch {
            throw ArtifactError(file: file, error)
        }
        return (components, architectures)
    }

    /// The indices ``read(releasePath:root:)`` reads, in the order it reads them: per component its Sources,
    /// then per architecture its Packages and its debian-installer Packages, each the first variant present
    /// (``indexSuffixes``). The one place that decides which files a distribution is made of, so what is read
    /// and what ``contentDigest(releasePath:releaseSHA256:)`` covers cannot drift apart.
    static func indexFiles(_ files: DistributionFiles, components: [String], architectures: [String],
                           listed: [String: (size: Int64, sha256: String)]) -> [IndexFile] {
        var result: [IndexFile] = []
        func add(_ kind: IndexFile.Kind, _ component: String, _ base: String) {
            for suffix in indexSuffixes {
                let path = files.path(base + suffix)
                guard FileSystem.status(path) != nil else { continue }
                result.append(IndexFile(kind: kind, component: component, base: base, suffix: suffix, path: path))
                return
            }
        }
        for component in components {
            let folder = indexFolder(component, files: files, listed: listed)
            // reprepro does not list "source" in Architectures; the Sources index is there all the same.
            add(.sources, component, "\(folder)/source/Sources")
            for architecture in architectures where architecture != "source" {
                // debian-installer holds the component's .udebs (reprepro's UDebComponents).
                add(.packages, component, "\(folder)/binary-\(architecture)/Packages")
                add(.packages, component, "\(folder)/debian-installer/binary-\(architecture)/Packages")
            }
        }
        return result
    }

    /// The digest a distribution is recorded and compared under: SHA-256 over the Release's own SHA-256 and,
    /// for each index ``read(releasePath:root:)`` would read, its name relative to the distribution folder
    /// (with its compression suffix) and its SHA-256.
    ///
    /// A distribution is one work item, its Release, but its content is the Packages and Sources files too: a
    /// mirror half-synced or tampered with, or a test fixture rewritten, changes them behind a byte-identical
    /// Release. Over the Release alone, `index` would call such a distribution unchanged and keep serving the
    /// old stanzas; over every file read, a changed, added or removed index (or one now read in another
    /// compression) changes the digest, and the distribution is read again, where the checksum check names a
    /// file that no longer matches its Release. It lives here, next to ``indexFiles(_:components:architectures:listed:)``,
    /// because the reader alone knows which files a Release leads to; the indexer only compares.
    ///
    /// Nothing is parsed but the Release: an unchanged distribution costs a hash of its indices as they lie
    /// on disk (bookworm main: ~10–90 MB, depending on the compression kept).
    ///
    /// - Parameters:
    ///   - releasePath: the Release or InRelease file, as for ``read(releasePath:root:)``.
    ///   - releaseSHA256: its SHA-256 (the caller has hashed it already).
    /// - Throws: ``ArtifactError`` when the Release cannot be read or names folders outside the distribution,
    ///   or an index cannot be hashed: the distribution cannot be vouched unchanged, and reading it reports why.
    public static func contentDigest(releasePath: String, releaseSHA256: String) throws(ArtifactError) -> String {
        let files = DistributionFiles(releasePath: releasePath)
        let release = try ControlFile.read(path: releasePath, kind: "Release file").paragraph
        let (components, architectures) = try folderNames(of: release, file: releasePath)
        let indices = indexFiles(files, components: components, architectures: architectures, listed: listedIndices(release))
        // Component and file names are plain (checked above), so one line per file cannot be mistaken for two.
        var text = "Release \(releaseSHA256)\n"
        for index in indices {
            let digest: String?
            do { digest = try FileDigest.compute(path: index.path, algorithms: [.sha256])[.sha256] } catch {
                throw ArtifactError(file: index.path, underlying: error)
            }
            text += "\(index.base)\(index.suffix) \(digest ?? "")\n"
        }
        do { return try Hasher.hash(Array(text.utf8), .sha256) } catch {
            throw ArtifactError(file: releasePath, underlying: error)
        }
    }
}
