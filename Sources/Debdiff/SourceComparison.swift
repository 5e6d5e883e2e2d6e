import Diff
import JSONOutput

/// What a source comparison found, computed by ``SourceDebdiff/run(old:new:)`` and read by two renderers that do
/// no I/O: ``text`` (devscripts' `diff -Nru` or interdiff report, with `--diffstat` and `--wdiff-source-control`
/// before it) and ``json()``.
public struct SourceComparison: Sendable {
    /// One side's package.
    struct Package: Sendable, Hashable {
        var dsc: String
        var source: String
        var version: String
        var format: String
        /// The directory dpkg-source would create.
        var directory: String
    }

    var old: Package
    var new: Package
    /// The diff itself, as `diff -Nru` (or devscripts' interdiff) prints it.
    var body: [UInt8]
    /// Every path that differs, with sizes, checksums, modes and line counts (also mode-only changes).
    var differences: [TreeComparison.FileDifference]
    /// `--diffstat`: the title devscripts gives it (nil: no diffstat).
    var diffstatTitle: String?
    /// `--wdiff-source-control`: `debian/control` word by word.
    var control: ControlComparison.Outcome?
    /// Unpacking and diffing warnings, and "wdiff failed".
    public var warnings: [String]

    public var differs: Bool { !body.isEmpty || control?.differs == true }

    /// The report the `debdiff` command prints.
    public var report: DebdiffReport { DebdiffReport(.source(self)) }

    /// devscripts' text: the diffstat, the control files word by word, then the diff.
    public var text: [UInt8] {
        guard diffstatTitle != nil || control != nil else { return body } // shares the buffer: no copy of a large report
        var text: [UInt8] = []
        if let diffstatTitle {
            let entries = differences.filter { $0.isBinary || $0.hunks > 0 }.map {
                DiffStat.Entry(name: $0.diffstatName, insertions: $0.insertions, deletions: $0.deletions, isBinary: $0.isBinary)
            }
            text += Array("diffstat for \(diffstatTitle)\n\n\(DiffStat.render(entries))\n".utf8)
        }
        if let control { text += control.text + [UInt8(ascii: "\n")] }
        return text + body
    }

    /// The `-J` document: both packages, then every path that differs with sizes, SHA-256, modes, symlink targets
    /// and line statistics (mode and symlink changes included, which the text leaves out as devscripts does).
    public func json() -> JSONValue {
        // One record per path: a content difference and a mode change of the same file are merged.
        var order: [String] = []
        var merged: [String: TreeComparison.FileDifference] = [:]
        for difference in differences {
            if var existing = merged[difference.path] {
                existing.insertions += difference.insertions
                existing.deletions += difference.deletions
                existing.hunks += difference.hunks
                existing.isBinary = existing.isBinary || difference.isBinary
                merged[difference.path] = existing
            } else {
                merged[difference.path] = difference
                order.append(difference.path)
            }
        }
        order.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var counts: [TreeComparison.FileDifference.Status: Int64] = [:]
        var insertions: Int64 = 0, deletions: Int64 = 0
        let files: [JSONValue] = order.compactMap { path in
            guard let item = merged[path] else { return nil }
            counts[item.status, default: 0] += 1
            insertions += Int64(item.insertions)
            deletions += Int64(item.deletions)
            return .object([
                ("path", .string(path)),
                ("status", .string(item.status.rawValue)),
                ("binary", .bool(item.isBinary)),
                ("insertions", .int(Int64(item.insertions))),
                ("deletions", .int(Int64(item.deletions))),
                ("hunks", .int(Int64(item.hunks))),
                ("old", entry(item.old)),
                ("new", entry(item.new)),
            ])
        }
        return JSONValue.object([
            ("old", package(old)),
            ("new", package(new)),
            ("identical", .bool(!differs)),
            ("summary", .object([
                ("added", .int(counts[.added] ?? 0)),
                ("removed", .int(counts[.removed] ?? 0)),
                ("changed", .int(counts[.changed] ?? 0)),
                ("insertions", .int(insertions)),
                ("deletions", .int(deletions)),
            ])),
            ("files", .array(files)),
            ("warnings", .array(warnings.map { .string($0) })),
        ]).versioned()
    }

    private func package(_ package: Package) -> JSONValue {
        .object([
            ("dsc", .string(package.dsc)),
            ("source", .string(package.source)),
            ("version", .string(package.version)),
            ("format", .string(package.format)),
            ("directory", .string(package.directory)),
        ])
    }

    private func entry(_ entry: ExtractedTree.Entry?) -> JSONValue {
        guard let entry else { return .null }
        return .object([
            ("type", .string(entry.type.rawValue)),
            ("mode", .string(TreeComparison.octal(entry))),
            ("size", .int(entry.size)),
            ("sha256", entry.sha256.map { .string($0) } ?? .null),
            ("link_target", entry.linkTarget.map { .string($0) } ?? .null),
        ])
    }
}

extension SourceComparison.Package {
    init(_ loaded: LoadedSource) {
        self.init(dsc: loaded.dscPath, source: loaded.source, version: loaded.version, format: loaded.format,
                  directory: loaded.directoryName)
    }
}
