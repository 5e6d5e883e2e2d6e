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
    /// then unpacks it with ``Artifacts/SourceUnpacker`` as `dpkg-source -x` does (patches applied, every
    /// check dpkg makes), keeping only debian/changelog and debian/control: a package dpkg-source refuses
    /// is not ported. Device, FIFO and socket members are refused here (the tarball writer cannot write
    /// them), before anything is written.
    static func load(dscPath: String) throws -> PortSource {
        let package = try SourceReader(unpack: false).read(path: dscPath)
        let directory = FileSystem.directory(of: dscPath)
        for file in package.files where FileSystem.status(FileSystem.join(directory, file.name)) == nil {
            throw PortError(file: dscPath, "listed file '\(file.name)' is not next to the .dsc")
        }
        for file in package.files where file.name.contains("/") || file.name.hasPrefix(".") {
            throw PortError(file: dscPath, "listed file name '\(file.name)' is not a plain file name")
        }
        let format = SourceFormat(package.format)
        if case .other(let text) = format {
            throw PortError(file: dscPath, "cannot port source format '\(text)' (supported: 3.0 (quilt), 3.0 (native), 1.0 with a .diff.gz)")
        }
        let plan = try SourceUnpackPlan(package: package, dscPath: dscPath)
        var texts = SourceCaptureSink(paths: ["debian/changelog", "debian/control"])
        let summary = try SourceUnpacker(applyPatches: true).run(plan, into: &texts)
        if let special = summary.specialMembers.first {
            throw PortError(file: dscPath, "'\(special)' is a device, FIFO or socket, which port cannot write into a tarball")
        }
        let layout: Layout
        var file = dscPath
        switch format {
        case .quilt:
            guard let debian = package.files.first(where: { $0.name.contains(".debian.tar.") }) else {
                throw PortError(file: dscPath, "format 3.0 (quilt) needs a .debian.tar.* file")
            }
            file = FileSystem.join(directory, debian.name)
            layout = .quilt(debianTarball: debian.name)
        case .native, .v1, .other:
            if let diffPath = plan.diffPath {
                let patches = try DiffGzFile.read(diffPath)
                guard patches.patches.contains(where: { $0.path == "debian/changelog" && $0.creates }) else {
                    throw PortError(file: diffPath, "no patch creating debian/changelog (one in the orig tarball is not supported)")
                }
                file = diffPath
                layout = .diff(diffGz: FileSystem.baseName(diffPath), patches: patches)
            } else {
                // 3.0 (native), or format 1.0 native: one tarball holding the whole tree, rewritten.
                guard case .tarball(let path, _, _, _)? = plan.steps.first else {
                    throw PortError(file: dscPath, "format \(format) needs a .tar.* file")
                }
                file = path
                layout = .native(tarball: FileSystem.baseName(path))
            }
        }
        guard let changelogText = texts.text(of: "debian/changelog") else {
            throw PortError(file: file, "no debian/changelog in the unpacked source")
        }
        return try finish(dscPath: dscPath, directory: directory, package: package, layout: layout,
                          changelogText: changelogText, controlText: texts.text(of: "debian/control") ?? "", file: file)
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
