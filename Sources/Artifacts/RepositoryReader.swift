import DebianFormats
import Digest
import SystemCalls

/// Reads an APT repository distribution from its `Release` file and the `Sources`/`Packages`
/// indices it lists, verifying each index against the Release checksums.
public struct RepositoryReader: Sendable {
    /// Keyrings to check each distribution's signature against (``ReleaseSignature``); empty: not checked.
    public var keyrings: [String]

    public init(keyrings: [String] = []) {
        self.keyrings = keyrings
    }

    /// Reads the distribution whose `Release` file is at `releasePath`.
    ///
    /// - Parameters:
    ///   - releasePath: `<root>/dists/<name>/Release` or `<root>/dists/<name>/snapshots/<snap>/Release`; or
    ///     in apt's lists directory (the root), `<root>/<site>_dists_<name>_InRelease` (``AptListsName``).
    ///   - root: the repository root.
    /// - Throws: ``ArtifactError`` for a malformed Release, a missing or corrupt index, a checksum mismatch.
    public func read(releasePath: String, root: String) throws(ArtifactError) -> RepositoryDistribution {
        let files = DistributionFiles(releasePath: releasePath)
        let name: String
        let snapshot: String?
        if files.aptListsPrefix != nil, let listsName = AptListsName(FileSystem.baseName(releasePath)) {
            (name, snapshot) = (listsName.distribution, nil)
        } else {
            let relative = String(files.directory.dropFirst(FileSystem.join(root, "dists/").count))
            let parts = relative.split(separator: "/").map(String.init)
            name = parts.first ?? relative
            snapshot = parts.count >= 3 && parts[1] == "snapshots" ? parts[2...].joined(separator: "/") : nil
        }

        // With keyrings, only what a trusted key signed is read: the InRelease itself, or the Release its
        // Release.gpg signs.
        let verified = keyrings.isEmpty ? nil : try ReleaseSignature.verify(files, keyrings: keyrings)
        let control = try ControlFile.read(path: verified?.path ?? releasePath, kind: "Release file")
        let release = control.paragraph
        let listed = Self.listedIndices(release)
        var distribution = RepositoryDistribution(
            root: root, name: name, snapshot: snapshot, release: release, releaseText: control.text,
            sources: [], binaries: [], warnings: [], signedBy: verified?.fingerprint)
        do throws(FieldError) {
            try ControlNames.checkDistributionName(name, field: "distribution folder", file: releasePath)
            if let snapshot { try ControlNames.checkDistributionName(snapshot, field: "snapshot folder", file: releasePath) }
            // Values, not folders (a snapshot's Suite is `<dist>/snapshots/<name>`): one word, no control characters.
            if let codename = release["Codename"] {
                try ControlNames.checkDistributionName(codename, field: "Codename", file: releasePath)
            }
            if let suite = release["Suite"], suite.isEmpty
                || suite.unicodeScalars.contains(where: { Printable.needsEscape($0) || $0 == " " })
                || suite.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
                throw FieldError(file: releasePath, field: "Suite", reason: "'\(Printable.escaped(suite))' is not a suite name")
            }
        } catch {
            throw ArtifactError(file: releasePath, error)
        }
        let (components, architectures) = try Self.folderNames(of: release, file: releasePath)

        let indices = Self.indexFiles(files, components: components, architectures: architectures, listed: listed)
        for index in indices {
            distribution.warnings += try readIndex(index, files: files, listed: listed, release: releasePath) {
                (paragraph: Deb822Paragraph, file: String) throws(ArtifactError) in
                switch index.kind {
                case .sources: try Self.addSource(paragraph, component: index.component, into: &distribution, file: file)
                case .packages: try Self.addBinary(paragraph, component: index.component, into: &distribution, file: file)
                }
            }
        }
        if indices.isEmpty && !components.isEmpty {
            distribution.warnings.append("no Sources or Packages index found for components \(components.joined(separator: " ")) (architectures: \(architectures.joined(separator: " ")))")
        }
        return distribution
    }

    /// The folder holding a component's indices. Debian security's Release says `Components: updates/main`
    /// but lists (and serves) `main/binary-amd64/Packages`: as apt does, a component with a `/` whose own
    /// folder is absent is read from its last path component.
    static func indexFolder(_ component: String, files: DistributionFiles, listed: [String: (size: Int64, sha256: String)]) -> String {
        guard let slash = component.lastIndex(of: "/") else { return component }
        let last = String(component[component.index(after: slash)...])
        let ownListed = listed.keys.contains { $0.hasPrefix(component + "/") }
        let lastListed = listed.keys.contains { $0.hasPrefix(last + "/") }
        if ownListed || files.isDirectory(component) { return component }
        if lastListed || files.isDirectory(last) { return last }
        return component
    }

    /// A path an index gives for a pool file or folder (`Filename`, `Directory`): relative, and every component
    /// a plain name (no `..`, no control characters), so it stays inside the repository.
    static func isPoolPath(_ path: String) -> Bool {
        !path.hasPrefix("/") && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            ControlNames.isPlainComponent(String($0))
        }
    }

    /// `SHA256` entries of the Release file by relative path.
    static func listedIndices(_ release: Deb822Paragraph) -> [String: (size: Int64, sha256: String)] {
        var result: [String: (Int64, String)] = [:]
        for line in release.lines(of: "SHA256") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 3, let size = Int64(parts[1]) else { continue }
            result[String(parts[2])] = (size, String(parts[0]))
        }
        return result
    }

    /// The compression suffixes of an index, in the order one variant is chosen (apt's lists keep `.lz4`,
    /// or `.gz` with `Acquire::GzipIndexes`).
    static let indexSuffixes = ["", ".xz", ".gz", ".lz4", ".zst", ".bz2"]

    /// Streams one index (``indexFiles(_:components:architectures:listed:)`` chose the variant), verified
    /// against the Release, paragraph by paragraph to `body`: a whole Packages or Sources file is never held in
    /// memory. A variant the Release lists is checked before it is read; one it does not list (apt re-compresses
    /// what it downloads) is checked, as it is read, against the entry of the uncompressed file; with neither
    /// entry it is read unchecked.
    /// - Returns: the index's warnings, each naming it.
    private func readIndex(_ index: IndexFile, files: DistributionFiles, listed: [String: (size: Int64, sha256: String)],
                           release: String, _ body: (Deb822Paragraph, String) throws(ArtifactError) -> Void) throws(ArtifactError) -> [String] {
        let (base, suffix, path) = (index.base, index.suffix, index.path)
        var decompressed: (size: Int64, sha256: String)?
        if let expected = listed[base + suffix] {
            let digest: FileDigest
            do { digest = try FileDigest.compute(path: path, algorithms: [.sha256]) } catch {
                throw ArtifactError(file: path, underlying: error)
            }
            // The distribution is what fails (its Release names the failure): the reason names the index.
            guard digest.size == expected.size, digest[.sha256] == expected.sha256 else {
                throw ArtifactError(file: release, reason: "'\(Printable.escaped(path))' does not match its SHA256 entry")
            }
        } else if !suffix.isEmpty {
            decompressed = listed[base]
        }
        let file = files.path(base)
        do {
            let hasher = decompressed == nil ? nil : try Hasher([.sha256])
            var size: Int64 = 0
            let warnings = try CompressedFile.forEachParagraph(path, observing: hasher.map { hasher in { chunk in
                hasher.update(chunk)
                size += Int64(chunk.count)
            } }) { bytes, line in
                let paragraph: Deb822Paragraph
                do throws(Deb822Error) {
                    guard let parsed = try Deb822Document.parse(bytes: bytes, file: file).paragraphs.first else { return }
                    paragraph = parsed
                } catch {
                    throw ArtifactError(file: file, Deb822Error(file: file, line: line + error.line - 1, reason: error.reason))
                }
                var numbered = paragraph
                numbered.line = line
                try body(numbered, file)
            }
            if let decompressed, let hasher {
                guard size == decompressed.size, hasher.finalize()[.sha256] == decompressed.sha256 else {
                    throw ArtifactError(file: release, reason: "'\(Printable.escaped(path))' does not match the SHA256 entry of '\(base)' once decompressed")
                }
            }
            return warnings.map { "\(path): \($0)" }
        } catch let error as ArtifactError {
            throw error
        } catch {
            throw ArtifactError.wrapping(error, file: path)
        }
    }

    static func addSource(_ paragraph: Deb822Paragraph, component: String, into distribution: inout RepositoryDistribution,
                          file: String) throws(ArtifactError) {
        guard let package = paragraph["Package"], let version = paragraph["Version"],
              let directory = paragraph["Directory"] else {
            distribution.warnings.append("\(file):\(paragraph.line): stanza without Package, Version or Directory")
            return
        }
        guard Self.isPoolPath(directory) else {
            throw ArtifactError(file: file, reason: "line \(paragraph.line): Directory '\(Printable.escaped(directory))' is not a plain path inside the repository")
        }
        guard Self.namesAreValid(paragraph, file: file, into: &distribution, { file throws(FieldError) in
            try ControlNames.checkPackage(package, field: "Package", file: file)
            try ControlNames.checkVersion(version, file: file)
        }) else { return }
        let dsc = paragraph.lines(of: "Files").compactMap { line -> String? in
            let name = line.split(separator: " ").last.map(String.init)
            return name?.hasSuffix(".dsc") == true ? name : nil
        }.first ?? "\(package)_\(Self.withoutEpoch(version)).dsc"
        // The .dsc is a file of the Directory (a `Files` name, or one made of Package and Version): one plain name.
        guard ControlNames.isPlainComponent(dsc) else {
            throw ArtifactError(file: file, reason: "line \(paragraph.line): the .dsc '\(Printable.escaped(dsc))' is not a plain file name")
        }
        // What the pool's .dsc should be: its `<digest> <size> <name>` line (checked against the file once both
        // are indexed; `IndexStore.recordPoolMismatches`).
        func dscLine(of field: String) -> (digest: String, size: Int64)? {
            paragraph.lines(of: field).lazy.compactMap { line -> (digest: String, size: Int64)? in
                let parts = line.split(separator: " ")
                guard parts.count == 3, parts[2] == dsc, let size = Int64(parts[1]) else { return nil }
                return (String(parts[0]).lowercased(), size)
            }.first
        }
        let checksummed = dscLine(of: "Checksums-Sha256")
        // A Sources stanza names its package `Package`; a .dsc (and so `sources.fields`) `Source`.
        var fields = StanzaFields()
        fields.append(name: "source", value: package)
        for (name, value) in StanzaFields(paragraph, dropping: Self.sourceLocationFields).pairs where name != "package" {
            fields.append(name: name, value: value)
        }
        distribution.sources.append(.init(package: package, version: version, component: component,
                                          dscPath: FileSystem.join(directory, dsc),
                                          dscSize: checksummed?.size ?? dscLine(of: "Files")?.size,
                                          dscSHA256: checksummed?.digest, fields: fields))
    }

    static func addBinary(_ paragraph: Deb822Paragraph, component: String, into distribution: inout RepositoryDistribution,
                          file: String) throws(ArtifactError) {
        guard let package = paragraph["Package"], let version = paragraph["Version"],
              let filename = paragraph["Filename"] else {
            distribution.warnings.append("\(file):\(paragraph.line): stanza without Package, Version or Filename")
            return
        }
        guard Self.isPoolPath(filename) else {
            throw ArtifactError(file: file, reason: "line \(paragraph.line): Filename '\(Printable.escaped(filename))' is not a plain path inside the repository")
        }
        var source = package
        var sourceVersion = version
        if let field = paragraph["Source"] {
            let parts = field.split(separator: " ")
            source = parts.first.map(String.init) ?? package
            if parts.count > 1 { sourceVersion = parts[1].trimmingCharacters(in: "()") }
        }
        let architecture = paragraph["Architecture"] ?? ""
        guard Self.namesAreValid(paragraph, file: file, into: &distribution, { file throws(FieldError) in
            try ControlNames.checkPackage(package, field: "Package", file: file)
            try ControlNames.checkVersion(version, file: file)
            try ControlNames.checkArchitecture(architecture, file: file)
            try ControlNames.checkPackage(source, field: "Source", file: file)
            try ControlNames.checkVersion(sourceVersion, field: "Source", file: file)
        }) else { return }
        distribution.binaries.append(.init(
            package: package, version: version, architecture: architecture,
            component: component, source: source, sourceVersion: sourceVersion, path: filename,
            size: Int64(paragraph["Size"] ?? "") ?? 0, sha256: paragraph["SHA256"],
            fields: StanzaFields(paragraph, dropping: Self.binaryLocationFields)))
    }

    /// Whether a stanza's names pass `check` (Debian policy's grammars, ``ControlNames``): one that does not is
    /// skipped with a warning naming the file, line and value (a package that cannot be named cannot be found by
    /// its name, and its values are not what they claim), and the rest of the index is read.
    static func namesAreValid(_ paragraph: Deb822Paragraph, file: String, into distribution: inout RepositoryDistribution,
                              _ check: (String) throws(FieldError) -> Void) -> Bool {
        do {
            try check(file)
            return true
        } catch {
            distribution.warnings.append("\(file):\(paragraph.line): stanza skipped: field '\(error.field)': \(error.reason)")
            return false
        }
    }

    /// What a Packages stanza adds to a .deb's control fields: where the file is and its checksums; and the
    /// fields the member itself holds (`search --where` reads Package, Version and Architecture from there).
    static let binaryLocationFields: Set<String> = ["filename", "size", "md5sum", "sha1", "sha256", "sha512", "description-md5",
                                                    "package", "version", "architecture"]
    /// What a Sources stanza adds to a .dsc's fields, and the .dsc's file lists.
    static let sourceLocationFields: Set<String> = ["directory", "files", "checksums-sha1", "checksums-sha256", "checksums-sha512"]

    static func withoutEpoch(_ version: String) -> String {
        guard let colon = version.firstIndex(of: ":") else { return version }
        return String(version[version.index(after: colon)...])
    }
}
