import Artifacts

/// debdiff's no-argument mode, as devscripts does it: inside an unpacked source tree, the source packages
/// of the last two versions in `debian/changelog`, `<debs dir>/<source>_<version without epoch>.dsc`,
/// older first. (devscripts' `--auto-ver-sort` does not apply: the order is the changelog's.)
public enum PreviousVersion {
    /// The two .dsc paths for the tree in the current directory.
    /// - Parameters:
    ///   - debsDirectory: ``DebdiffOptions/debsDirectory``.
    ///   - fromCommandLine: whether it came from `--debs-dir` (devscripts names the source of a missing one).
    /// - Throws: ``DebdiffError`` with devscripts' messages: a missing debs directory, an unreadable
    ///   `debian/changelog`, fewer than two versions in it, a .dsc that cannot be read.
    public static func dscFiles(debsDirectory: String,
                                fromCommandLine: Bool) throws(DebdiffError) -> (old: String, new: String) {
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
        let paths = versions.reversed().map { debsDirectory + "/" + $0.source + "_" + $0.version + ".dsc" }
        for path in paths where !FileSystem.isReadable(path) {
            throw DebdiffError("Can't read file: \(path)")
        }
        return (paths[0], paths[1])
    }

    /// The first two changelog lines that devscripts takes for entry headers,
    /// `/^(\w[-+0-9a-z.]*)\s\((\d+:)?(.+)\)((\s+[-+0-9a-z.]+)+)\;\surgency=.+$/i`: source and version
    /// without its epoch, newest first.
    static func lastTwoEntries(_ changelog: String) -> [(source: String, version: String)] {
        let header = /^(\w[\-+0-9a-z.]*)\s\((\d+:)?(.+)\)((\s+[\-+0-9a-z.]+)+);\surgency=.+$/
            .ignoresCase().asciiOnlyWordCharacters().asciiOnlyWhitespace().asciiOnlyDigits()
        var entries: [(source: String, version: String)] = []
        for line in changelog.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let match = try? header.wholeMatch(in: line) else { continue }
            entries.append((String(match.output.1), String(match.output.3)))
            if entries.count == 2 { break }
        }
        return entries
    }
}
