import DebianFormats

extension RepositoryReader {
    /// Checks a file a distribution carries besides its indices (a Contents file) against the `SHA256` entries
    /// of the distribution's Release, as ``read(releasePath:root:)`` checks Packages and Sources: a file the
    /// Release lists must have the size and digest it lists. With keyrings, only a Release a trusted key signed
    /// vouches for anything.
    ///
    /// - Parameters:
    ///   - areaPath: the file relative to `root` (`dists/<dist>/main/Contents-amd64.gz`).
    ///   - size, sha256: what the file on disk has (hashed once by the caller).
    /// - Returns: a warning when the Release lists checksums but not this file, or when there is no Release.
    /// - Throws: ``ArtifactError`` when the listed size or digest differs, or (with keyrings) when the Release
    ///   is not signed by a trusted key.
    public func checkListed(path: String, areaPath: String, root: String, size: Int64, sha256: String) throws(ArtifactError) -> [String] {
        let parts = areaPath.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "dists" else { return [] }
        let directory = FileSystem.join(root, "dists/" + parts[1])
        let relative = parts[2...].joined(separator: "/")
        let releasePath: String
        if !keyrings.isEmpty {
            releasePath = try ReleaseSignature.verify(directory: directory, keyrings: keyrings).path
        } else if let found = ["Release", "InRelease"].map({ FileSystem.join(directory, $0) }).first(where: { FileSystem.status($0) != nil }) {
            releasePath = found
        } else {
            return ["no Release file in '\(Printable.escaped(directory))' lists it: its content is not vouched for"]
        }
        let listed = Self.listedIndices(try ControlFile.read(path: releasePath, kind: "Release file").paragraph)
        guard let expected = listed[relative] else {
            return listed.isEmpty ? [] : ["'\(Printable.escaped(releasePath))' does not list it: its content is not vouched for"]
        }
        guard expected.size == size, expected.sha256 == sha256 else {
            throw ArtifactError(file: path, reason: "does not match its SHA256 entry in '\(releasePath)'")
        }
        return []
    }
}
