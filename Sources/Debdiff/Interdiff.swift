import Artifacts
import Diff

/// What devscripts prints for two format 1.0 packages with the same orig tarball: `interdiff -z` of
/// their `.diff.gz` files (patchutils' layout: files changed by both diffs as `diff -u`, files only
/// the first diff changed as `reverted:` plus that section inverted, files only the second diff
/// changed as `only in patch2:` / `unchanged:` plus its section as is).
struct Interdiff {
    let old: LoadedSource
    let new: LoadedSource
    let options: DebdiffOptions

    private(set) var output: [UInt8] = []
    private(set) var differences: [TreeComparison.FileDifference] = []

    init(old: LoadedSource, new: LoadedSource, options: DebdiffOptions) {
        self.old = old
        self.new = new
        self.options = options
    }

    mutating func run() throws {
        guard let oldDiff = old.diffPath, let newDiff = new.diffPath else { return }
        let first = try PatchFile(CompressedFile.read(oldDiff), name: oldDiff)
        let second = try PatchFile(CompressedFile.read(newDiff), name: newDiff)
        var secondByPath: [String: PatchFile.Section] = [:]
        for section in second.sections { if let path = section.path(strip: 1) { secondByPath[path] = section } }
        let oldSpool = try SpoolReader(path: old.tree.spool)
        let newSpool = try SpoolReader(path: new.tree.spool)
        var seen: Set<String> = []
        let diffOptions = UnifiedDiffOptions(whitespace: options.ignoreSpace ? .ignoreAllSpace : .exact)
        for section in first.sections {
            guard let path = section.path(strip: 1) else { continue }
            seen.insert(path)
            if let other = secondByPath[path] {
                let a = try contents(old.tree, path, oldSpool), b = try contents(new.tree, path, newSpool)
                guard case .text(let diff) = UnifiedDiff.compare(old: a, new: b, options: diffOptions) else { continue }
                output += Array("diff -\(options.ignoreSpace ? "wu" : "u") \(section.newName) \(other.newName)\n".utf8)
                output += diff.render(oldLabel: section.newName, newLabel: other.newName)
                differences.append(.init(path: path, status: .changed, old: old.tree.entries[path], new: new.tree.entries[path],
                                         insertions: diff.insertions, deletions: diff.deletions, hunks: diff.hunks.count,
                                         diffstatName: other.newName))
            } else {
                output += Array("reverted:\n--- \(section.newName)\n+++ \(section.oldName)\n".utf8)
                var difference = TreeComparison.FileDifference(
                    path: path, status: .changed, old: old.tree.entries[path], new: new.tree.entries[path],
                    diffstatName: Self.diffstatName(old: section.newName, new: section.oldName))
                for hunk in section.hunks {
                    output += Self.inverted(hunk)
                    difference.insertions += hunk.lines.filter { $0.kind == .deleted }.count
                    difference.deletions += hunk.lines.filter { $0.kind == .inserted }.count
                    difference.hunks += 1
                }
                differences.append(difference)
            }
        }
        for section in second.sections {
            guard let path = section.path(strip: 1), !seen.contains(path) else { continue }
            // interdiff prints "unchanged:" only when it compared without -w (observed with patchutils 0.4.2).
            output += Array((options.ignoreSpace ? "only in patch2:\n" : "only in patch2:\nunchanged:\n").utf8)
            output += section.raw
            differences.append(.init(
                path: path, status: .changed, old: old.tree.entries[path], new: new.tree.entries[path],
                insertions: section.hunks.reduce(0) { $0 + $1.lines.filter { $0.kind == .inserted }.count },
                deletions: section.hunks.reduce(0) { $0 + $1.lines.filter { $0.kind == .deleted }.count },
                hunks: section.hunks.count, diffstatName: Self.diffstatName(old: section.oldName, new: section.newName)))
        }
    }

    private func contents(_ tree: ExtractedTree, _ path: String, _ spool: SpoolReader) throws -> [UInt8] {
        guard let entry = tree.entries[path], entry.type == .regular else { return [] }
        return try tree.contents(entry, from: spool)
    }

    /// The name diffstat gives a section whose `---`/`+++` names differ in their first directory
    /// (`dwold-2.0.orig/x` against `dwold-2.0/x`): the path without it.
    static func diffstatName(old: String, new: String) -> String {
        let a = old.split(separator: "/", maxSplits: 1), b = new.split(separator: "/", maxSplits: 1)
        guard a.count == 2, b.count == 2, a[0] != b[0], a[1] == b[1] else { return new }
        return String(b[1])
    }

    /// A hunk with its sides swapped line by line, as interdiff prints a reverted change.
    static func inverted(_ hunk: PatchFile.Hunk) -> [UInt8] {
        func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
        var out = Array("@@ -\(range(hunk.newStart, hunk.newCount)) +\(range(hunk.oldStart, hunk.oldCount)) @@\n".utf8)
        for line in hunk.lines {
            switch line.kind {
            case .context: out.append(UInt8(ascii: " "))
            case .deleted: out.append(UInt8(ascii: "+"))
            case .inserted: out.append(UInt8(ascii: "-"))
            }
            out += line.text
            out.append(0x0A)
            if !line.hasNewline { out += Array("\\ No newline at end of file\n".utf8) }
        }
        return out
    }
}
