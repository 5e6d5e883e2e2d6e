/// A source package debwork generates itself (mini-buildd's test and keyring packages): one binary
/// package, `3.0 (native)`, built with dh. ``TemplateWriter`` turns it into a tarball and a .dsc.
public struct TemplatePackage: Sendable {
    /// One file of the tree, relative to its top directory.
    public struct File: Sendable {
        public var path: String
        public var contents: [UInt8]
        public var executable: Bool

        public init(_ path: String, _ contents: [UInt8], executable: Bool = false) {
            self.path = path
            self.contents = contents
            self.executable = executable
        }

        public init(_ path: String, _ text: String, executable: Bool = false) {
            self.init(path, Array(text.utf8), executable: executable)
        }
    }

    /// Source and binary package name.
    public var name: String
    /// `all` or `any`.
    public var architecture: String
    public var section: String
    public var priority: String
    public var buildDepends: String
    /// The binary package's synopsis and (one-paragraph) long description.
    public var synopsis: String
    public var longDescription: String
    /// The changelog item of the generated block, mini-buildd's text (`%VERSION%` becomes the version).
    public var changelogItem: String
    /// Extra `debian/rules` lines after the `%:` rule (overrides).
    public var rulesOverrides: String
    /// Upstream files and extra `debian/` files (install lists, …).
    public var files: [File]

    public init(name: String, architecture: String, section: String = "misc", priority: String = "optional",
                buildDepends: String = "debhelper-compat (= 13)", synopsis: String, longDescription: String,
                changelogItem: String, rulesOverrides: String = "", files: [File] = []) {
        self.name = name
        self.architecture = architecture
        self.section = section
        self.priority = priority
        self.buildDepends = buildDepends
        self.synopsis = synopsis
        self.longDescription = longDescription
        self.changelogItem = changelogItem
        self.rulesOverrides = rulesOverrides
        self.files = files
    }

    static let standardsVersion = "4.6.2"

    /// The whole tree: the `debian/` files generated for `version`, `maintainer` and `date`, then ``files``.
    func tree(version: String, maintainer: String, date: String) -> [File] {
        let control = """
            Source: \(name)
            Section: \(section)
            Priority: \(priority)
            Maintainer: \(maintainer)
            Build-Depends: \(buildDepends)
            Standards-Version: \(Self.standardsVersion)
            Rules-Requires-Root: no

            Package: \(name)
            Architecture: \(architecture)
            Depends: ${misc:Depends}\(architecture == "all" ? "" : ", ${shlibs:Depends}")
            Description: \(synopsis)
             \(longDescription)

            """
        let changelog = """
            \(name) (\(version)) UNRELEASED; urgency=medium

              * \(changelogItem.replacing("%VERSION%", with: version))

             -- \(maintainer)  \(date)

            """
        let copyright = """
            Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
            Upstream-Name: \(name)

            Files: *
            Copyright: \(maintainer)
            License: GPL-2+
             On Debian systems, the complete text of the GNU General Public License version 2 can be found
             in '/usr/share/common-licenses/GPL-2'.

            """
        let rules = "#!/usr/bin/make -f\n\n%:\n\tdh $@\n" + (rulesOverrides.isEmpty ? "" : "\n" + rulesOverrides)
        return [
            File("debian/changelog", changelog),
            File("debian/control", control),
            File("debian/copyright", copyright),
            File("debian/rules", rules, executable: true),
            File("debian/source/format", "3.0 (native)\n"),
        ] + files
    }
}
