import DebianFormats
import Diff
#if canImport(Glibc)
import Glibc
#endif

/// Walks two unpacked trees the way `diff -Nru OLD NEW` does and renders its output: directories
/// merged by name in byte order, a missing file compared as an empty one, symlinks followed, files
/// with equal SHA-256 never read. Contents are read from disk one pair at a time, so memory is bounded
/// by the largest pair of files compared (plus the report).
struct TreeComparison {
    struct Side {
        var tree: ExtractedTree
        /// The directory name printed in labels (`dwhello-1.0`).
        var label: String
        var children: [String: Set<String>]
    }

    /// One path that differs, for diffstat and JSON.
    struct FileDifference: Sendable {
        enum Status: String, Sendable { case added, removed, changed }
        var path: String
        var status: Status
        var old: ExtractedTree.Entry?
        var new: ExtractedTree.Entry?
        var isBinary = false
        var insertions = 0
        var deletions = 0
        var hunks = 0
        /// The `+++` name diffstat reads.
        var diffstatName: String
    }

    let old: Side
    let new: Side
    let options: DebdiffOptions
    /// Print git-style `old mode`/`new mode` and symlink lines (not devscripts' output).
    let showModes: Bool
    /// The `diff -Nru …` prefix of each file header, options included as debdiff passes them.
    let command: String

    private let oldSpool: SpoolFile
    private let newSpool: SpoolFile
    private(set) var output: [UInt8] = []
    private(set) var differences: [FileDifference] = []
    private(set) var warnings: [String] = []

    init(old: ExtractedTree, oldLabel: String, new: ExtractedTree, newLabel: String, options: DebdiffOptions, showModes: Bool) throws {
        oldSpool = try SpoolFile(path: old.spool, writable: false)
        newSpool = try SpoolFile(path: new.spool, writable: false)
        self.old = Side(tree: old, label: oldLabel, children: old.children())
        self.new = Side(tree: new, label: newLabel, children: new.children())
        self.options = options
        self.showModes = showModes
        var words = ["diff", "-Nru"]
        if options.ignoreSpace { words.append("-w") }
        for pattern in options.excludes { words += ["--exclude", ShellQuote.quote(pattern)] }
        command = words.joined(separator: " ")
    }

    /// A path as `diff` sees it after following symlinks.
    private enum Node {
        case absent
        case file(ExtractedTree.Entry, resolved: String)
        case directory(resolved: String)
        case dangling(ExtractedTree.Entry)
    }

    private func node(_ side: Side, _ path: String?) -> Node {
        guard let path else { return .absent }
        if path.isEmpty { return .directory(resolved: "") }
        guard side.tree.entries[path] != nil || side.children[path] != nil else { return .absent }
        guard let resolved = side.tree.resolve(path, children: side.children) else {
            return side.tree.entries[path].map { .dangling($0) } ?? .absent
        }
        if side.tree.isDirectory(resolved, children: side.children) { return .directory(resolved: resolved) }
        guard let entry = side.tree.entries[resolved], entry.type == .regular else {
            return side.tree.entries[path].map { .dangling($0) } ?? .absent
        }
        return .file(entry, resolved: resolved)
    }

    mutating func run() throws {
        try compareDirectories(oldPath: "", newPath: "", display: "")
    }

    /// `diff_dirs`: the union of both listings, excluded basenames dropped, in byte order.
    private mutating func compareDirectories(oldPath: String?, newPath: String?, display: String) throws {
        let oldNames = oldPath.flatMap { old.children[$0] } ?? []
        let newNames = newPath.flatMap { new.children[$0] } ?? []
        let names = oldNames.union(newNames)
            .filter { name in !options.excludes.contains { fnmatch($0, name, 0) == 0 } }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in names {
            func child(_ parent: String?, _ names: Set<String>) -> String? {
                guard let parent, names.contains(name) else { return nil }
                return parent.isEmpty ? name : parent + "/" + name
            }
            let path = display.isEmpty ? name : display + "/" + name
            try compare(oldPath: child(oldPath, oldNames), newPath: child(newPath, newNames), display: path)
        }
    }

    private mutating func compare(oldPath: String?, newPath: String?, display: String) throws {
        let oldNode = node(old, oldPath), newNode = node(new, newPath)
        let oldLabel = old.label + "/" + display, newLabel = new.label + "/" + display
        recordExtras(oldPath: oldPath, newPath: newPath, display: display)
        switch (oldNode, newNode) {
        case (.directory(let a), .directory(let b)):
            try compareDirectories(oldPath: a, newPath: b, display: display)
        case (.directory(let a), .absent):
            try compareDirectories(oldPath: a, newPath: nil, display: display)
        case (.absent, .directory(let b)):
            try compareDirectories(oldPath: nil, newPath: b, display: display)
        case (.directory, .file), (.file, .directory):
            let oldKind = Self.kindName(oldNode), newKind = Self.kindName(newNode)
            output += Array("File \(oldLabel) is a \(oldKind) while file \(newLabel) is a \(newKind)\n".utf8)
        case (.dangling, _), (_, .dangling):
            // diff reports a dangling link on stderr ("No such file or directory") and goes on.
            warnings.append("\(display): a symlink that leads nowhere inside the tree; not compared")
        case (.absent, .absent):
            break
        default:
            try compareFiles(oldNode, newNode, oldLabel: oldLabel, newLabel: newLabel, display: display)
        }
    }

    private mutating func compareFiles(_ oldNode: Node, _ newNode: Node, oldLabel: String, newLabel: String, display: String) throws {
        var oldEntry: ExtractedTree.Entry?, newEntry: ExtractedTree.Entry?
        var oldBytes: [UInt8] = [], newBytes: [UInt8] = []
        if case .file(let entry, _) = oldNode { oldEntry = entry }
        if case .file(let entry, _) = newNode { newEntry = entry }
        if oldEntry?.size ?? 0 == newEntry?.size ?? 0 && (oldEntry?.sha256 == newEntry?.sha256 || (oldEntry?.size ?? 0) == 0) {
            return
        }
        if let oldEntry { oldBytes = try old.tree.contents(oldEntry, from: oldSpool) }
        if let newEntry { newBytes = try new.tree.contents(newEntry, from: newSpool) }
        let diffOptions = UnifiedDiffOptions(whitespace: options.ignoreSpace ? .ignoreAllSpace : .exact)
        var difference = FileDifference(
            path: display, status: oldEntry == nil ? .added : newEntry == nil ? .removed : .changed,
            old: oldEntry, new: newEntry, diffstatName: newLabel)
        switch UnifiedDiff.compare(old: oldBytes, new: newBytes, options: diffOptions) {
        case .identical:
            return
        case .binaryFilesDiffer:
            output += Array(BinaryDetection.message(oldName: oldLabel, newName: newLabel).utf8)
            difference.isBinary = true
        case .text(let diff):
            output += Array("\(command) \(oldLabel) \(newLabel)\n".utf8)
            output += diff.render(oldLabel: label(oldLabel, oldEntry), newLabel: label(newLabel, newEntry))
            difference.insertions = diff.insertions
            difference.deletions = diff.deletions
            difference.hunks = diff.hunks.count
        }
        differences.append(difference)
    }

    /// `name<TAB>time` as GNU diff prints it; an absent file has the epoch.
    private func label(_ name: String, _ entry: ExtractedTree.Entry?) -> String {
        guard options.timestamps else { return name }
        return name + "\t" + Self.timestamp(entry?.mtime ?? 0)
    }

    /// Mode and symlink changes, which `diff -Nru` does not show: kept for JSON and `showModes`.
    private mutating func recordExtras(oldPath: String?, newPath: String?, display: String) {
        let a = oldPath.flatMap { old.tree.entries[$0] }, b = newPath.flatMap { new.tree.entries[$0] }
        let isLink = a?.type == .symlink || b?.type == .symlink
        let modeChanged = a != nil && b != nil && a?.type == b?.type && a?.permissions != b?.permissions && a?.type != .directory
        let linkChanged = isLink && (a?.type != b?.type || a?.linkTarget != b?.linkTarget)
        guard modeChanged || linkChanged else { return }
        let status: FileDifference.Status = a == nil ? .added : b == nil ? .removed : .changed
        differences.append(FileDifference(path: display, status: status, old: a, new: b,
                                          diffstatName: new.label + "/" + display))
        guard showModes else { return }
        output += Array("diff -Nru \(old.label)/\(display) \(new.label)/\(display)\n".utf8)
        if modeChanged, let a, let b {
            output += Array("old mode \(Self.octal(a))\nnew mode \(Self.octal(b))\n".utf8)
        }
        if linkChanged {
            if let a, a.type == .symlink { output += Array("old symlink \(a.linkTarget ?? "")\n".utf8) }
            if let b, b.type == .symlink { output += Array("new symlink \(b.linkTarget ?? "")\n".utf8) }
        }
    }

    static func octal(_ entry: ExtractedTree.Entry) -> String {
        let typeBits: UInt32 = entry.type == .symlink ? 0o120000 : entry.type == .directory ? 0o040000 : 0o100000
        return String(typeBits | entry.permissions, radix: 8)
    }

    private static func kindName(_ node: Node) -> String {
        switch node {
        case .directory: return "directory"
        case .file(let entry, _): return entry.size == 0 ? "regular empty file" : "regular file"
        default: return "file"
        }
    }

    /// `%Y-%m-%d %H:%M:%S.%N %z` in UTC (archive times are whole seconds).
    static func timestamp(_ seconds: Int64) -> String {
        let time = CivilTime(timestamp: Int(seconds))
        return "\(CivilTime.padded(time.year, 4))-\(CivilTime.padded(time.month))-\(CivilTime.padded(time.day)) "
            + "\(CivilTime.padded(time.hour)):\(CivilTime.padded(time.minute)):\(CivilTime.padded(time.second)).000000000 +0000"
    }
}
