/// The options of `debdiff`, devscripts' names and meanings, plus debwork's extras.
public struct DebdiffOptions: Sendable, Hashable {
    // devscripts
    /// `--dirs`: list directories in binary file lists.
    public var showDirectories = false
    /// `--controlfiles LIST|ALL`: control members to compare (default `control`).
    public var controlFiles: [String] = ["control"]
    /// `--nocontrol`: skip control comparison.
    public var compareControl = true
    /// `--move FROM TO` / `--move-regex FROM TO`: path prefix (or regex) substitutions applied to the first package's files.
    public var moves: [(from: String, to: String, isRegex: Bool)] = []
    /// `--renamed FROM TO`: package renames for .changes comparisons.
    public var renames: [(from: String, to: String)] = []
    /// `--show-moved`: report files that moved between packages (.changes, --from/--to).
    public var showMoved = false
    /// `-q`: print nothing when there are no differences.
    public var quiet = false
    /// `--diffstat`: append diffstat output (source diffs).
    public var diffstat = false
    /// `--exclude PATTERN` (repeatable): paths left out of source diffs.
    public var excludes: [String] = []
    /// `-w`: ignore all white space in source diffs.
    public var ignoreSpace = false
    /// `--apply-patches`: compare 3.0 (quilt) trees with their patches applied.
    public var applyPatches = false
    /// `--auto-ver-sort`: order the two packages by version, oldest first.
    public var autoVersionSort = false
    /// `--wdiff-source-control`: for source packages, also compare `debian/control` (or the `--controlfiles`)
    /// word by word, as for binary packages.
    public var wdiffSourceControl = false
    /// `--unpack-tarballs` (default) / `--no-unpack-tarballs`: compare the contents of tarballs found at the
    /// top of source trees, unpacked as `=unpacked-tarN=`.
    public var unpackTarballs = true
    /// `--wp`, `--wl`, `--wt` (`DEBDIFF_WDIFF_OPT`): wdiff's printer, less or terminal mode for control files.
    public var wdiffMode: WdiffMode?
    /// `--debs-dir DIR` (`DEBRELEASE_DEBS_DIR`, default `..`): where the no-argument mode looks for the .dsc files.
    public var debsDirectory = ".."

    // debwork
    /// `--no-timestamps`: drop timestamps from `---`/`+++` lines.
    public var timestamps = true
    /// `--contents`: compare the data of binary packages (sizes, checksums, text diffs).
    public var contents = false
    /// `--show-modes`: git-style `old mode`/`new mode` and symlink lines in source diffs (devscripts drops them).
    public var showModes = false
    /// `--no-index`: read every package from its archive even when the index holds it.
    public var useIndex = true
    /// The environment `--wt` reads (wdiff looks `TERM` up in the terminfo database).
    public var terminal = TerminalEnvironment()

    public init() {}

    public static func == (lhs: DebdiffOptions, rhs: DebdiffOptions) -> Bool {
        lhs.showDirectories == rhs.showDirectories && lhs.controlFiles == rhs.controlFiles
            && lhs.compareControl == rhs.compareControl && lhs.showMoved == rhs.showMoved && lhs.quiet == rhs.quiet
            && lhs.diffstat == rhs.diffstat && lhs.excludes == rhs.excludes && lhs.ignoreSpace == rhs.ignoreSpace
            && lhs.applyPatches == rhs.applyPatches && lhs.autoVersionSort == rhs.autoVersionSort && lhs.unpackTarballs == rhs.unpackTarballs && lhs.wdiffSourceControl == rhs.wdiffSourceControl
            && lhs.wdiffMode == rhs.wdiffMode && lhs.debsDirectory == rhs.debsDirectory && lhs.terminal == rhs.terminal
            && lhs.timestamps == rhs.timestamps && lhs.contents == rhs.contents && lhs.showModes == rhs.showModes && lhs.useIndex == rhs.useIndex
            && lhs.moves.map { "\($0.from)\u{0}\($0.to)\u{0}\($0.isRegex)" } == rhs.moves.map { "\($0.from)\u{0}\($0.to)\u{0}\($0.isRegex)" }
            && lhs.renames.map { "\($0.from)\u{0}\($0.to)" } == rhs.renames.map { "\($0.from)\u{0}\($0.to)" }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(controlFiles)
        hasher.combine(excludes)
    }
}
