import JSONOutput

/// The `-J` document of a source comparison: both packages, then every path that differs with sizes,
/// SHA-256, modes, symlink targets and line statistics (mode and symlink changes included, which the
/// text leaves out as devscripts does). Keys in a fixed order.
enum SourceDebdiffJSON {
    static func make(old: LoadedSource, new: LoadedSource, differences: [TreeComparison.FileDifference],
                     identical: Bool, warnings: [String]) -> JSONValue {
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
        return .object([
            ("old", package(old)),
            ("new", package(new)),
            ("identical", .bool(identical)),
            ("summary", .object([
                ("added", .int(counts[.added] ?? 0)),
                ("removed", .int(counts[.removed] ?? 0)),
                ("changed", .int(counts[.changed] ?? 0)),
                ("insertions", .int(insertions)),
                ("deletions", .int(deletions)),
            ])),
            ("files", .array(files)),
            ("warnings", .array(warnings.map { .string($0) })),
        ])
    }

    private static func package(_ source: LoadedSource) -> JSONValue {
        .object([
            ("dsc", .string(source.dscPath)),
            ("source", .string(source.source)),
            ("version", .string(source.version)),
            ("format", .string(source.format)),
            ("directory", .string(source.directoryName)),
        ])
    }

    private static func entry(_ entry: ExtractedTree.Entry?) -> JSONValue {
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
