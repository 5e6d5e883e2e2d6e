import Artifacts

/// debdiff's no-argument mode, as devscripts does it: inside an unpacked source tree, the source packages
/// of the last two versions in `debian/changelog`, `<debs dir>/<source>_<version without epoch>.dsc`,
/// older first. (devscripts' `--auto-ver-sort` does not apply: the order is the changelog's.)
///
/// debwork's addition: a .dsc that is not in the debs directory is looked up in the index (repository pools,
/// then builds, then uploads), and a note says which file was used.
public enum PreviousVersion {
    /// The two source packages to compare, and what was taken from the index.
    public struct Pair: Sendable {
        public var old: String
        public var new: String
        /// One line per .dsc found in the index instead of the debs directory.
        public var notes: [String] = []
    }

    /// The two .dsc paths for the tree in the current directory.
    /// - Parameters:
    ///   - debsDirectory: ``DebdiffOptions/debsDirectory``.
    ///   - fromCommandLine: whether it came from `--debs-dir` (devscripts names the source of a missing one).
    ///   - index: where a .dsc missing from the debs directory is looked for (by source and full version).
    /// - Throws: ``DebdiffError`` with devscripts' messages: a missing debs directory, an unreadable
    ///   `debian/changelog`, fewer than two versions in it, a .dsc that cannot be read (nor found in the index).
    public static func dscFiles(debsDirectory: String, fromCommandLine: Bool,
                                index: SourceLocator? = nil) throws(DebdiffError) -> Pair {
        guard FileSystem.status(debsDirectory)?.isDirectory == true else {
            throw DebdiffError(fromCommandLine
                ? "--debs-dir directory \(debsDirectory) does not exist!"
                : "config file specified DEBRELEASE_DEBS_DIR directory \(debsDirectory) does not exist!")
        }
        let changelog = "debian/changelog"
        guard FileSystem.isReadable(changelog), let bytes = try? FileSystem.read(changelog, maximumSize: 64 << 20) else {
            throw DebdiffError("Can't read file: debian/changelog")
        }
        let versions = lastTwoEntries(String(decoding: bytes, as: UTF8.self))
        guard versions.count == 2 else {
            throw DebdiffError("Need exactly two deb files or changes files to compare")
        }
        var paths: [String] = []
        var notes: [String] = []
        for entry in versions.reversed() {
            let path = debsDirectory + "/" + entry.source + "_" + entry.withoutEpoch + ".dsc"
            if FileSystem.isReadable(path) {
                paths.append(path)
            } else if let found = try? index?.dsc(source: entry.source, version: entry.version, repository: nil) {
                notes.append("\(path) is missing: using \(entry.source) \(entry.version) from the index, \(found)")
                paths.append(found)
            } else {
                throw DebdiffError("Can't read file: \(path)")
            }
        }
        return Pair(old: paths[0], new: paths[1], notes: notes)
    }

    /// The first two changelog lines that devscripts takes for entry headers,
    /// `/^(\w[-+0-9a-z.]*)\s\((\d+:)?(.+)\)((\s+[-+0-9a-z.]+)+)\;\surgency=.+$/i`: source and version
    /// (with and without its epoch), newest first.
    static func lastTwoEntries(_ changelog: String) -> [(source: String, version: String, withoutEpoch: String)] {
        let header = /^(\w[\-+0-9a-z.]*)\s\((\d+:)?(.+)\)((\s+[\-+0-9a-z.]+)+);\surgency=.+$/
            .ignoresCase().asciiOnlyWordCharacters().asciiOnlyWhitespace().asciiOnlyDigits()
        var entries: [(source: String, version: String, withoutEpoch: String)] = []
        for line in changelog.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let match = try? header.wholeMatch(in: line) else { continue }
            let epoch = match.output.2.map(String.init) ?? ""
            entries.append((String(match.output.1), epoch + match.output.3, String(match.output.3)))
            if entries.count == 2 { break }
        }
        return entries
    }
}
