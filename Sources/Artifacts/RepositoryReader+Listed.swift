import DebianFormats
import Digest

extension RepositoryReader {
    /// Checks a file a distribution carries besides its indices (a Contents file) against the `SHA256` entries
    /// of the distribution's Release, as ``read(releasePath:root:)`` checks Packages and Sources: a file the
    /// Release lists must have the size and digest it lists; a compressed file it does not list (apt's lists
    /// keep what they fetch as `.lz4`) must decompress to the size and digest of the uncompressed file's entry.
    /// With keyrings, only a Release a trusted key signed vouches for anything.
    ///
    /// - Parameters:
    ///   - areaPath: the file relative to `root`: `dists/<dist>/main/Contents-amd64.gz` in a tree,
    ///     `<site>_dists_<dist>_main_Contents-amd64.lz4` in apt's lists directory (``AptListsName``).
    ///   - size, sha256: what the file on disk has (hashed once by the caller).
    /// - Returns: a warning when the Release lists checksums but not this file, or when there is no Release.
    /// - Throws: ``ArtifactError`` when the listed size or digest differs, or (with keyrings) when the Release
    ///   is not signed by a trusted key.
    public func checkListed(path: String, areaPath: String, root: String, size: Int64, sha256: String) throws(ArtifactError) -> [String] {
        guard let (files, relative) = Self.distribution(listing: areaPath, root: root) else { return [] }
        let releasePath: String
        if !keyrings.isEmpty {
            releasePath = try ReleaseSignature.verify(files, keyrings: keyrings).path
        } else if let found = ["Release", "InRelease"].map({ files.path($0) }).first(where: { FileSystem.status($0) != nil }) {
            releasePath = found
        } else {
            let apt = files.aptListsPrefix.map { " for '\(Printable.escaped($0))'" } ?? ""
            return ["no Release file in '\(Printable.escaped(files.directory))'\(apt) lists it: its content is not vouched for"]
        }
        let listed = Self.listedIndices(try ControlFile.read(path: releasePath, kind: "Release file").paragraph)
        if let expected = listed[relative] {
            guard expected.size == size, expected.sha256 == sha256 else {
                throw ArtifactError(file: path, reason: "does not match its SHA256 entry in '\(releasePath)'")
            }
            return []
        }
        if let suffix = Self.indexSuffixes.first(where: { !$0.isEmpty && relative.hasSuffix($0) }),
           let expected = listed[String(relative.dropLast(suffix.count))] {
            let plain = try Self.decompressedDigest(path)
            guard plain.size == expected.size, plain.sha256 == expected.sha256 else {
                throw ArtifactError(file: path, reason: "does not match the SHA256 entry of '\(relative.dropLast(suffix.count))' in '\(releasePath)' once decompressed")
            }
            return []
        }
        return listed.isEmpty ? [] : ["'\(Printable.escaped(releasePath))' does not list it: its content is not vouched for"]
    }

    /// The distribution whose Release would list the file at `areaPath` (see
    /// ``checkListed(path:areaPath:root:size:sha256:)``), and the file's path relative to it.
    static func distribution(listing areaPath: String, root: String) -> (DistributionFiles, relative: String)? {
        let parts = areaPath.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count >= 3, parts[0] == "dists" {
            return (DistributionFiles(directory: FileSystem.join(root, "dists/" + parts[1])), parts[2...].joined(separator: "/"))
        }
        if parts.count == 1, let name = AptListsName(areaPath) {
            return (DistributionFiles(directory: root, aptListsPrefix: name.prefix), name.relative)
        }
        return nil
    }

    /// What a listed file's content is recorded under: its own SHA-256 with those of the Release and InRelease beside
    /// it, so that a file whose bytes stay while its Release changes is checked against the new Release (and dropped
    /// if the new Release no longer vouches for it), as an index of the same tree made afresh would be.
    public static func listedDigest(areaPath: String, root: String, sha256: String) throws(ArtifactError) -> String {
        var text = "File \(sha256)\n"
        if let (files, _) = distribution(listing: areaPath, root: root) {
            for name in ["Release", "InRelease"] {
                let path = files.path(name)
                guard FileSystem.status(path) != nil else { continue }
                let digest: String?
                do { digest = try FileDigest.compute(path: path, algorithms: [.sha256])[.sha256] } catch {
                    throw ArtifactError(file: path, underlying: error)
                }
                text += "\(name) \(digest ?? "")\n"
            }
        }
        do { return try Hasher.hash(Array(text.utf8), .sha256) } catch {
            throw ArtifactError(file: FileSystem.join(root, areaPath), underlying: error)
        }
    }

    /// The size and SHA-256 of a compressed file's decompressed stream.
    static func decompressedDigest(_ path: String) throws(ArtifactError) -> (size: Int64, sha256: String) {
        do {
            let hasher = try Hasher([.sha256])
            var size: Int64 = 0
            try CompressedFile.stream(path) { chunk in
                hasher.update(chunk)
                size += Int64(chunk.count)
            }
            return (size, hasher.finalize()[.sha256] ?? "")
        } catch let error as ArtifactError {
            throw error
        } catch {
            throw ArtifactError.wrapping(error, file: path)
        }
    }
}
