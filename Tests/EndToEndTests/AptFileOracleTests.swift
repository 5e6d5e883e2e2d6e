import DebworkTestSupport
import Foundation
import Testing

/// `search --path`/`--path-regex` against `apt-file search` on the same Contents file: ContentsSearchTests'
/// tree gets a Release written by `apt-ftparchive release`, a sandboxed `apt-get update` (a `file:` source
/// with `[trusted=yes]`) fetches its Contents, and apt-file's `package: path` lines must equal debwork's
/// contents hits.
///
/// What apt needed, found by experiment (apt 2.6, apt-file 3.3):
/// - A Release with checksums that lists the uncompressed name `main/Contents-amd64`: apt-file's index
///   target has MetaKey `$(COMPONENT)/Contents-$(ARCHITECTURE)` and is optional, so a Release listing only
///   `main/Contents-amd64.gz` (or no checksums at all) makes apt skip it without a word. The tree keeps only
///   the .gz; apt fetches it and checks the decompressed stream against the uncompressed entry.
/// - No Packages file: an architecture named in `Architectures` with no Packages listed is skipped silently.
/// - apt keeps the file as `lists/<site>_dists_dw_main_Contents-amd64.lz4` (KeepCompressedAs lz4 first).
/// - Everything sandboxed through one config file read last (`-c`): sources, lists, cache, architecture,
///   and the `APT::Update::Post-Invoke-Success` hooks cleared (this machine's would refresh AppStream's
///   system catalogue).
/// - `apt-file search -F` matches the whole path, not a substring: the substring oracle is plain
///   `apt-file search` (substring is its default). `-x` is a Perl regex over the path with its leading `/`,
///   but apt-file rewrites it textually (`fix_regexp`): an end not anchored by `$` gets `\S*`, so a match
///   followed by a blank later in the path is missed (`a b/` finds no `a b/READ ME`), and a top-level `|`
///   splits its `.*?` prefix from the second branch. The regexes here stay inside what it keeps faithful:
///   alternatives in a group, and `$` on patterns that meet a path with blanks.
@Suite(.serialized, .enabled(if: Fixtures.hasTool("apt-file") && Fixtures.hasTool("apt-ftparchive"),
                             "needs apt-file and apt-ftparchive (apt-utils)"))
struct AptFileOracleTests {
    /// ContentsSearchTests' tree with a real Release and an apt configuration whose lists hold its Contents
    /// (and, with `packages`, its Packages: apt's lists directory as `apt-get update` leaves it).
    struct AptTree {
        let tree: ContentsSearchTests.Tree
        let config: String
        /// apt's lists directory.
        let lists: String
    }

    static func makeAptTree(packages: Bool = false) throws -> AptTree {
        let tree = try ContentsSearchTests.makeTree()
        let dist = tree.root + "/dists/dw"
        // apt-ftparchive hashes the files present: the plain Contents (and Packages) only while the Release is
        // written; the tree keeps their .gz.
        try FileManager.default.removeItem(atPath: dist + "/Release")
        var plainFiles = [try tree.scratch.write("repo/dists/dw/main/Contents-amd64", tree.contents)]
        if packages {
            let debs = URL(fileURLWithPath: tree.debs.path)
            let generated = try runCommand("apt-ftparchive", ["packages", debs.lastPathComponent],
                                           directory: debs.deletingLastPathComponent().path)
            guard generated.status == 0 else { throw TestSupportError("apt-ftparchive packages: \(generated.stderr)") }
            let plain = try tree.scratch.write("repo/dists/dw/main/binary-amd64/Packages", generated.stdout)
            #expect(try runCommand("gzip", ["-nk", plain]).status == 0)
            plainFiles.append(plain)
        }
        let fields = ["Suite": "dw", "Codename": "dw", "Components": "main", "Architectures": "amd64"]
        let release = try runCommand("apt-ftparchive",
                                     fields.flatMap { ["-o", "APT::FTPArchive::Release::\($0.key)=\($0.value)"] } + ["release", "."],
                                     directory: dist)
        guard release.status == 0 else { throw TestSupportError("apt-ftparchive release: \(release.stderr)") }
        for plain in plainFiles { try FileManager.default.removeItem(atPath: plain) }
        try tree.scratch.write("repo/dists/dw/Release", release.stdout)

        let apt = tree.scratch.appending("apt")
        try tree.scratch.write("apt/sources.list", "deb [trusted=yes] file:\(tree.root) dw main\n")
        try tree.scratch.write("apt/sources.list.d/.keep", "")
        try tree.scratch.write("apt/lists/partial/.keep", "")
        try tree.scratch.write("apt/cache/.keep", "")
        let config = try tree.scratch.write("apt/apt.conf", """
            Dir::Etc::sourcelist "\(apt)/sources.list";
            Dir::Etc::sourceparts "\(apt)/sources.list.d";
            Dir::State::Lists "\(apt)/lists";
            Dir::Cache "\(apt)/cache";
            APT::Architecture "amd64";
            #clear APT::Architectures;
            APT::Architectures:: "amd64";
            APT::Sandbox::User "root";
            #clear APT::Update::Pre-Invoke;
            #clear APT::Update::Post-Invoke;
            #clear APT::Update::Post-Invoke-Success;

            """)
        let update = try runCommand("apt-get", ["-c", config, "update"])
        guard update.status == 0 else { throw TestSupportError("apt-get update: \(update.stderr)") }
        let lists = try FileManager.default.contentsOfDirectory(atPath: apt + "/lists")
        guard lists.contains(where: { $0.contains("_dists_dw_main_Contents-amd64") }) else {
            throw TestSupportError("apt-get update fetched no Contents: \(lists.sorted())\n\(update.stdout)\(update.stderr)")
        }
        return AptTree(tree: tree, config: config, lists: apt + "/lists")
    }

    /// apt-file's `package: path` lines for one search (status 1 is "no hits").
    static func aptFile(_ arguments: [String], config: String) throws -> Set<String> {
        let result = try runCommand("apt-file", ["-c", config, "search"] + arguments)
        #expect(result.status == 0 || result.status == 1, "\(arguments): \(result.stderr)")
        return Set(result.stdout.split(separator: "\n").map(String.init))
    }

    @Test func hitsAgreeWithAptFile() throws {
        let apt = try Self.makeAptTree()
        let index = apt.tree.index
        let indexed = try debwork(["index", apt.tree.root], index: index)
        // The Release's checksums vouch for the Contents file: no warning names it.
        #expect(indexed.status == 0 && !indexed.stderr.contains("Contents-amd64"), "\(indexed.stderr)")

        for substring in ["bin/dw", "a b/RE", "libdw", "/usr/", "dwa.conf", "E", "/etc/dwa/dwa.conf", "system/dwc.t", "r/b"] {
            let expected = try Self.aptFile(["--", substring], config: apt.config)
            #expect(!expected.isEmpty, "\(substring)")
            let found = ContentsSearchTests.pairs(try ContentsSearchTests.hits(["--path", substring], index: index))
            #expect(found == expected, "\(substring): \(found.symmetricDifference(expected).sorted())")
        }
        for regex in ["^/usr/s?bin/dw[a-c]d?$", "\\.(conf|timer)$", "/a b/[A-Z]+ ME$", "lib[a-z]+\\.so", "/usr/(s?bin|lib)/dw",
                      "(x|dwb)", "(\\.timer|bin/dwa)$", "^/etc/", "[A-Z]{4} [A-Z]{2}$"] {
            let expected = try Self.aptFile(["-x", "--", regex], config: apt.config)
            #expect(!expected.isEmpty, "\(regex)")
            let found = ContentsSearchTests.pairs(try ContentsSearchTests.hits(["--path-regex", regex], index: index))
            #expect(found == expected, "\(regex): \(found.symmetricDifference(expected).sorted())")
        }
        // -F is a whole-path match: the same pairs as debwork's hits whose path is the pattern.
        for path in ["/usr/bin/dwa", "/usr/share/doc/a b/READ ME"] {
            let expected = try Self.aptFile(["-F", "--", path], config: apt.config)
            #expect(!expected.isEmpty, "\(path)")
            let found = ContentsSearchTests.pairs(try ContentsSearchTests.hits(["--path", path], index: index))
                .filter { $0.hasSuffix(": " + path) }
            #expect(found == expected, "\(path): \(found.symmetricDifference(expected).sorted())")
        }
    }
}
