import Artifacts
import DebianFormats
import Digest

/// The source package a port starts from: the verified .dsc, its files, changelog and control text.
struct PortSource {
    enum Layout {
        /// `3.0 (quilt)`: orig tarball(s) (with `.asc`) reused, the debian tarball rewritten.
        case quilt(debianTarball: String)
        /// `3.0 (native)`: the one tarball rewritten.
        case native(tarball: String)
        /// `1.0` with an orig tarball: the orig reused, the `.diff.gz` rewritten (its changelog patch replaced).
        case diff(diffGz: String, patches: DiffGzFile)
    }

    var dscPath: String
    var directory: String
    var package: SourcePackage
    var layout: Layout
    /// SHA1 of the .dsc file's bytes (mini-buildd's changelog item).
    var dscSHA1: String
    var changelogText: String
    var changelog: Changelog
    var controlText: String

    var source: String { package.package }
    var version: String { package.version }
    /// The listed file names in .dsc order.
    var fileNames: [String] { package.files.map(\.name) }

    /// Reads and verifies the .dsc (every listed file present with matching size, MD5, SHA1 and SHA256),
    /// then reads debian/changelog and debian/control from the debian (or native) tarball.
    static func load(dscPath: String) throws -> PortSource {
        let package = try SourceReader(unpack: false).read(path: dscPath)
        let directory = FileSystem.directory(of: dscPath)
        for file in package.files where FileSystem.status(FileSystem.join(directory, file.name)) == nil {
            throw PortError(file: dscPath, "listed file '\(file.name)' is not next to the .dsc")
        }
        for file in package.files where file.name.contains("/") || file.name.hasPrefix(".") {
            throw PortError(file: dscPath, "listed file name '\(file.name)' is not a plain file name")
        }
        let layout: Layout
        let tarball: String
        switch package.format {
        case "3.0 (quilt)":
            guard let debian = package.files.first(where: { $0.name.contains(".debian.tar.") }) else {
                throw PortError(file: dscPath, "format 3.0 (quilt) needs a .debian.tar.* file")
            }
            tarball = FileSystem.join(directory, debian.name)
            layout = .quilt(debianTarball: debian.name)
        case "3.0 (native)":
            guard let native = package.files.first(where: { $0.name.contains(".tar.") && !$0.name.hasSuffix(".asc") }) else {
                throw PortError(file: dscPath, "format 3.0 (native) needs a .tar.* file")
            }
            tarball = FileSystem.join(directory, native.name)
            layout = .native(tarball: native.name)
        case "1.0":
            guard let diff = package.files.first(where: { $0.name.hasSuffix(".diff.gz") }) else {
                // Format 1.0 native: one .tar.gz holding the whole tree, rewritten like 3.0 (native).
                guard let native = package.files.first(where: { $0.name.hasSuffix(".tar.gz") }) else {
                    throw PortError(file: dscPath, "format 1.0 needs a .diff.gz or a native .tar.gz")
                }
                tarball = FileSystem.join(directory, native.name)
                layout = .native(tarball: native.name)
                break
            }
            let path = FileSystem.join(directory, diff.name)
            let patches = try DiffGzFile.read(path)
            func created(_ file: String) -> String? {
                patches.patches.first { $0.path == file && $0.creates }?.createdText
            }
            guard let changelogText = created("debian/changelog") else {
                throw PortError(file: path, "no patch creating debian/changelog (one in the orig tarball is not supported)")
            }
            return try finish(dscPath: dscPath, directory: directory, package: package,
                              layout: .diff(diffGz: diff.name, patches: patches), changelogText: changelogText,
                              controlText: created("debian/control") ?? "", file: path)
        default:
            throw PortError(file: dscPath, "cannot port source format '\(package.format)' (supported: 3.0 (quilt), 3.0 (native), 1.0 with a .diff.gz)")
        }
        let isNative: Bool
        if case .native = layout { isNative = true } else { isNative = false }
        let texts = try TarballRewriter.texts(of: ["debian/changelog", "debian/control"], in: tarball, stripTop: isNative)
        guard let changelogText = texts["debian/changelog"] else {
            throw PortError(file: tarball, "no debian/changelog in the tarball")
        }
        return try finish(dscPath: dscPath, directory: directory, package: package, layout: layout,
                          changelogText: changelogText, controlText: texts["debian/control"] ?? "", file: tarball)
    }

    /// Parses and checks the changelog against the .dsc, hashes the .dsc.
    private static func finish(dscPath: String, directory: String, package: SourcePackage, layout: Layout,
                               changelogText: String, controlText: String, file: String) throws -> PortSource {
        let changelog = try Changelog.parse(changelogText, file: "debian/changelog")
        guard let top = changelog.entries.first else { throw PortError(file: file, "debian/changelog has no entry") }
        guard top.version == package.version else {
            throw PortError(file: dscPath, "version '\(package.version)' differs from debian/changelog's '\(top.version)'")
        }
        let digest = try FileDigest.compute(path: dscPath, algorithms: [.sha1])
        return PortSource(dscPath: dscPath, directory: directory, package: package, layout: layout,
                          dscSHA1: digest[.sha1] ?? "", changelogText: changelogText, changelog: changelog,
                          controlText: controlText)
    }

    /// Section and priority of debian/control's source stanza, `-` when missing (as dpkg-genchanges).
    var sectionAndPriority: (section: String, priority: String) {
        guard let stanza = (try? Deb822Document.parse(controlText, file: "debian/control"))?.paragraphs.first else {
            return ("-", "-")
        }
        return (stanza["Section"] ?? "-", stanza["Priority"] ?? "-")
    }
}
