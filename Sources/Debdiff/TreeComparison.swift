import Artifacts
import DebianFormats
import Diff
#if canImport(Glibc)
import Glibc
#endif

/// Walks two unpacked trees the way `diff -Nru OLD NEW` does and renders its output: directories
/// merged by name in byte order, a missing file compared as an empty one, symlinks followed, files
/// of the same size compared byte for byte before anything else.
///
/// The walk only lists what to print, in order; the file pairs it finds are then diffed on
/// ``workers`` threads by a ``FilePairDiffer`` and the report is assembled in walk order, so the
/// output does not depend on the number of threads. Each thread reads one pair at a time and keeps
/// only the rendered diff, so memory is bounded by the largest pairs of files being compared (plus
/// the report).
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
    /// Threads that diff file pairs (1: all on the calling thread).
    let workers: Int

    private let differ: FilePairDiffer
    private(set) var output: [UInt8] = []
    private(set) var differences: [FileDifference] = []
    private(set) var warnings: [String] = []

    /// One piece of the report, in walk order.
    private enum Step {
        case text([UInt8])
        case difference(FileDifference)
        /// The diff of `pairs[index]`, if the files differ.
        case pair(Int)
    }

    private var steps: [Step] = []
    private var pairs: [FilePairDiffer.Pair] = []

    init(old: ExtractedTree, oldLabel: String, new: ExtractedTree, newLabel: String, options: DebdiffOptions,
         showModes: Bool, workers: Int = 1) throws(DebdiffError) {
        // Listing the directories walks every path of a tree (thousands of strings): a thread per side.
        let children = try orderedParallelMap([old, new]) { tree throws(DebdiffError) in tree.children() }
        self.old = Side(tree: old, label: oldLabel, children: children[0])
        self.new = Side(tree: new, label: newLabel, children: children[1])
        self.options = options
        self.showModes = showModes
        self.workers = workers
        var words = ["diff", "-Nru"]
        if options.ignoreSpace { words.append("-w") }
        for pattern in options.excludes { words += ["--exclude", ShellQuote.quote(pattern)] }
        differ = FilePairDiffer(
            oldSpool: try SpoolReader(path: old.spool), newSpool: try SpoolReader(path: new.spool),
            command: words.joined(separator: " "),
            options: UnifiedDiffOptions(whitespace: options.ignoreSpace ? .ignoreAllSpace : .exact),
            timestamps: options.timestamps)
    }

    /// A path as `diff` sees it after following symlinks.
    private enum Node {
        case absent
        case file(ExtractedTree.Entry, resolved: String)
        case directory(resolved: String)
        case dangling(ExtractedTree.Entry)
        /// A device, FIFO or socket (no data): diff names its type. Compared by type only: device
        /// numbers are not read, so two devices are always reported, as diff reports two FIFOs.
        case special(ExtractedTree.Entry)
    }

    private func node(_ side: Side, _ path: String?) -> Node {
        guard let path else { return .absent }
        if path.isEmpty { return .directory(resolved: "") }
        guard side.tree.entries[path] != nil || side.children[path] != nil else { return .absent }
        guard let resolved = side.tree.resolve(path, children: side.children) else {
            return side.tree.entries[path].map { .dangling($0) } ?? .absent
        }
        if side.tree.isDirectory(resolved, children: side.children) { return .directory(resolved: resolved) }
        if let entry = side.tree.entries[resolved], MemberPathChecker.isSpecial(entry.type) { return .special(entry) }
        guard let entry = side.tree.entries[resolved], entry.type == .regular else {
            return side.tree.entries[path].map { .dangling($0) } ?? .absent
        }
        return .file(entry, resolved: resolved)
    }

    /// Walks both trees, diffs the changed files and fills ``output``, ``differences`` and ``warnings``.
    /// - Throws: ``DebdiffError`` when a spool cannot be read.
    mutating func run() throws(DebdiffError) {
        // Depth first with an explicit stack: a tree 10,000 folders deep must not exhaust the thread's stack.
        var pending = children(oldPath: "", newPath: "", display: "").reversed() as [Visit]
        while let visit = pending.popLast() {
            pending += compare(oldPath: visit.oldPath, newPath: visit.newPath, display: visit.display).reversed()
        }
        var rendered = try differ.diffAll(pairs, workers: workers)
        pairs = []
        var size = 0
        for step in steps {
            switch step {
            case .text(let bytes): size += bytes.count
            case .pair(let index): size += rendered[index]?.bytes.count ?? 0
            case .difference: break
            }
        }
        output.reserveCapacity(size)
        for step in steps {
            switch step {
            case .text(let bytes):
                output += bytes
            case .difference(let difference):
                differences.append(difference)
            case .pair(let index):
                guard let result = rendered[index] else { continue }
                rendered[index] = nil // the report holds the bytes from here on
                output += result.bytes
                differences.append(result.difference)
            }
        }
        steps = []
    }

    /// One pair of paths still to compare (either side may be absent).
    private struct Visit {
        var oldPath: String?
        var newPath: String?
        var display: String
    }

    /// `diff_dirs`: the union of both listings, excluded basenames dropped, in byte order; the pairs to visit.
    private func children(oldPath: String?, newPath: String?, display: String) -> [Visit] {
        let oldNames = oldPath.flatMap { old.children[$0] } ?? []
        let newNames = newPath.flatMap { new.children[$0] } ?? []
        let names = oldNames.union(newNames)
            .filter { name in !options.excludes.contains { fnmatch($0, name, 0) == 0 } }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return names.map { name in
            func child(_ parent: String?, _ names: Set<String>) -> String? {
                guard let parent, names.contains(name) else { return nil }
                return parent.isEmpty ? name : parent + "/" + name
            }
            let path = display.isEmpty ? name : display + "/" + name
            return Visit(oldPath: child(oldPath, oldNames), newPath: child(newPath, newNames), display: path)
        }
    }

    /// Compares one pair; for directories, returns the pairs inside them (visited next, in order).
    private mutating func compare(oldPath: String?, newPath: String?, display: String) -> [Visit] {
        let oldNode = node(old, oldPath), newNode = node(new, newPath)
        let oldLabel = old.label + "/" + display, newLabel = new.label + "/" + display
        recordExtras(oldPath: oldPath, newPath: newPath, display: display)
        switch (oldNode, newNode) {
        case (.directory(let a), .directory(let b)):
            return children(oldPath: a, newPath: b, display: display)
        case (.directory(let a), .absent):
            return children(oldPath: a, newPath: nil, display: display)
        case (.absent, .directory(let b)):
            return children(oldPath: nil, newPath: b, display: display)
        case (.special, .absent), (.absent, .special):
            // diff -N compares a missing file as empty only against a regular file.
            var label = old.label
            if case .absent = oldNode { label = new.label }
            let slash = display.lastIndex(of: "/")
            let parent = slash.map { label + "/" + display[..<$0] } ?? label
            let name = slash.map { String(display[display.index(after: $0)...]) } ?? display
            steps.append(.text(Array("Only in \(parent): \(name)\n".utf8)))
        case (.special, _), (_, .special), (.directory, .file), (.file, .directory):
            let oldKind = Self.kindName(oldNode), newKind = Self.kindName(newNode)
            steps.append(.text(Array("File \(oldLabel) is a \(oldKind) while file \(newLabel) is a \(newKind)\n".utf8)))
        case (.dangling, _), (_, .dangling):
            // diff reports a dangling link on stderr ("No such file or directory") and goes on.
            warnings.append("\(display): a symlink that leads nowhere inside the tree; not compared")
        case (.absent, .absent):
            break
        default:
            compareFiles(oldNode, newNode, oldLabel: oldLabel, newLabel: newLabel, display: display)
        }
        return []
    }

    /// Queues a pair of files for ``FilePairDiffer``, unless both are empty (or absent).
    private mutating func compareFiles(_ oldNode: Node, _ newNode: Node, oldLabel: String, newLabel: String, display: String) {
        var oldEntry: ExtractedTree.Entry?, newEntry: ExtractedTree.Entry?
        if case .file(let entry, _) = oldNode { oldEntry = entry }
        if case .file(let entry, _) = newNode { newEntry = entry }
        if oldEntry?.size ?? 0 == 0 && newEntry?.size ?? 0 == 0 { return }
        steps.append(.pair(pairs.count))
        pairs.append(FilePairDiffer.Pair(old: oldEntry, new: newEntry, oldLabel: oldLabel, newLabel: newLabel, display: display))
    }

    /// Mode and symlink changes, which `diff -Nru` does not show: kept for JSON and `showModes`.
    private mutating func recordExtras(oldPath: String?, newPath: String?, display: String) {
        let a = oldPath.flatMap { old.tree.entries[$0] }, b = newPath.flatMap { new.tree.entries[$0] }
        let isLink = a?.type == .symlink || b?.type == .symlink
        let modeChanged = a != nil && b != nil && a?.type == b?.type && a?.permissions != b?.permissions && a?.type != .directory
        let linkChanged = isLink && (a?.type != b?.type || a?.linkTarget != b?.linkTarget)
        guard modeChanged || linkChanged else { return }
        let status: FileDifference.Status = a == nil ? .added : b == nil ? .removed : .changed
        steps.append(.difference(FileDifference(path: display, status: status, old: a, new: b,
                                                diffstatName: new.label + "/" + display)))
        guard showModes else { return }
        var text = Array("diff -Nru \(old.label)/\(display) \(new.label)/\(display)\n".utf8)
        if modeChanged, let a, let b {
            text += Array("old mode \(Self.octal(a))\nnew mode \(Self.octal(b))\n".utf8)
        }
        if linkChanged {
            if let a, a.type == .symlink { text += Array("old symlink \(a.linkTarget ?? "")\n".utf8) }
            if let b, b.type == .symlink { text += Array("new symlink \(b.linkTarget ?? "")\n".utf8) }
        }
        steps.append(.text(text))
    }

    static func octal(_ entry: ExtractedTree.Entry) -> String {
        let typeBits: UInt32 = entry.type == .symlink ? 0o120000 : entry.type == .directory ? 0o040000 : 0o100000
        return String(typeBits | entry.permissions, radix: 8)
    }

    private static func kindName(_ node: Node) -> String {
        switch node {
        case .directory: return "directory"
        case .file(let entry, _): return entry.size == 0 ? "regular empty file" : "regular file"
        case .special(let entry): return MemberPathChecker.typeName(entry.type)
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
