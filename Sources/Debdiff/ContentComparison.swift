import Diff
import JSONOutput

/// debwork's `--contents`: what changed inside a pair of packages (sizes, checksums from the data and
/// from `md5sums`, modes, symlink targets), with unified diffs of changed text files.
struct ContentComparison: Sendable {
    /// One file as seen on one side.
    struct FileState: Sendable, Hashable {
        var type: String
        var mode: UInt32
        var size: Int64
        /// MD5 of the data (regular files).
        var md5: String?
        /// MD5 listed in the package's `md5sums`.
        var listedMD5: String?
        var target: String?

        init(_ entry: PackageListing.Entry, listed: [String: String]) {
            type = entry.type.rawValue
            mode = entry.permissions
            size = entry.size
            md5 = entry.md5
            listedMD5 = listed[entry.path]
            target = entry.linkTarget
        }
    }

    /// One file added, removed or changed.
    struct Change: Sendable {
        var path: String
        var old: FileState?
        var new: FileState?
        /// For changed text files: the diff's hunks, insertions and deletions.
        var hunks = 0
        var insertions = 0
        var deletions = 0
        var isBinary = false
        /// The unified diff (text files only).
        var diff: [UInt8] = []

        /// What differs: `type`, `size`, `md5`, `mode`, `target`.
        var aspects: [String] {
            guard let old, let new else { return [] }
            var aspects: [String] = []
            if old.type != new.type { aspects.append("type") }
            if old.size != new.size { aspects.append("size") }
            if old.md5 != new.md5 { aspects.append("md5") }
            if old.mode != new.mode { aspects.append("mode") }
            if old.target != new.target { aspects.append("target") }
            return aspects
        }
    }

    var changes: [Change]

    /// Compares two packages read with hashing on; re-reads the data of regular files whose checksum
    /// changed (both sides in parallel) to diff them.
    init(old: PackageListing, new: PackageListing, reader: PackageListingReader) throws(DebdiffError) {
        let listedOld = old.md5sums, listedNew = new.md5sums
        func states(_ listing: PackageListing, _ listed: [String: String]) -> [String: FileState] {
            var states: [String: FileState] = [:]
            for entry in listing.entries where entry.type != .directory && !entry.path.isEmpty {
                states[entry.path] = FileState(entry, listed: listed)
            }
            return states
        }
        let oldStates = states(old, listedOld), newStates = states(new, listedNew)
        var changes: [Change] = []
        for path in FileListComparison.sorted(Array(Set(oldStates.keys).union(newStates.keys))) {
            let change = Change(path: path, old: oldStates[path], new: newStates[path])
            if change.old == nil || change.new == nil || !change.aspects.isEmpty { changes.append(change) }
        }
        let toDiff = Set(changes.filter {
            $0.old?.type == "regular" && $0.new?.type == "regular" && $0.aspects.contains("md5")
        }.map(\.path))
        if !toDiff.isEmpty {
            // Both packages' changed files are streamed into one spool per side (in parallel), then read
            // back a pair at a time: memory is bounded by the largest pair, not by the package.
            let scratch = try ScratchDirectory()
            let spools = [scratch.path + "/old.spool", scratch.path + "/new.spool"]
            let files = [old.file, new.file]
            let places = try orderedParallelMap([0, 1]) { side throws(DebdiffError) in
                try reader.spoolFiles(path: files[side], paths: toDiff, spool: spools[side])
            }
            let readers = try spools.map { spool throws(DebdiffError) in try SpoolReader(path: spool) }
            func bytes(_ side: Int, _ path: String) throws(DebdiffError) -> [UInt8] {
                guard let place = places[side][path] else { return [] }
                return try readers[side].read(offset: place.offset, count: place.size)
            }
            for index in changes.indices where toDiff.contains(changes[index].path) {
                let path = changes[index].path
                let oldBytes = try bytes(0, path), newBytes = try bytes(1, path)
                if BinaryDetection.isBinary(oldBytes) || BinaryDetection.isBinary(newBytes) {
                    changes[index].isBinary = true
                    continue
                }
                let diff = UnifiedDiff(old: oldBytes, new: newBytes)
                changes[index].hunks = diff.hunks.count
                changes[index].insertions = diff.insertions
                changes[index].deletions = diff.deletions
                changes[index].diff = diff.render(oldLabel: "a/" + path, newLabel: "b/" + path)
            }
        }
        self.changes = changes
    }

    /// The `--contents` text appended to devscripts' output (empty when nothing changed).
    func render(package: String?) -> [UInt8] {
        guard !changes.isEmpty else { return [] }
        var text: [UInt8] = []
        let suffix = package.map { " of package \($0)" } ?? ""
        text += Array(("\n" + FileListComparison.heading("Contents\(suffix): files added, removed or changed")).utf8)
        for change in changes {
            var line: String
            switch (change.old, change.new) {
            case (nil, let new?): line = "added    /\(change.path) (\(Self.describe(new)))"
            case (let old?, nil): line = "removed  /\(change.path) (\(Self.describe(old)))"
            case (let old?, let new?):
                var parts: [String] = []
                let aspects = change.aspects
                if aspects.contains("type") { parts.append("type \(old.type) -> \(new.type)") }
                if aspects.contains("size") { parts.append("size \(old.size) -> \(new.size)") }
                if aspects.contains("md5") { parts.append("md5 \(old.md5 ?? "-") -> \(new.md5 ?? "-")") }
                if aspects.contains("mode") { parts.append("mode \(Self.octal(old.mode)) -> \(Self.octal(new.mode))") }
                if aspects.contains("target") { parts.append("symlink target \(old.target ?? "-") -> \(new.target ?? "-")") }
                if change.isBinary { parts.append("binary") }
                line = "changed  /\(change.path): " + parts.joined(separator: ", ")
            case (nil, nil): continue
            }
            text += Array((line + "\n").utf8)
            text += change.diff
        }
        return text
    }

    func json() -> JSONValue {
        func state(_ state: FileState?) -> JSONValue {
            guard let state else { return .null }
            return .object([
                ("type", .string(state.type)), ("mode", .string(Self.octal(state.mode))), ("size", .int(state.size)),
                ("md5", state.md5.map(JSONValue.string) ?? .null),
                ("md5sums", state.listedMD5.map(JSONValue.string) ?? .null),
                ("target", state.target.map(JSONValue.string) ?? .null),
            ])
        }
        func list(_ filter: (Change) -> Bool, _ body: (Change) -> JSONValue) -> JSONValue {
            .array(changes.filter(filter).map(body))
        }
        return .object([
            ("added", list({ $0.old == nil }) { .object([("path", .string("/" + $0.path)), ("file", state($0.new))]) }),
            ("removed", list({ $0.new == nil }) { .object([("path", .string("/" + $0.path)), ("file", state($0.old))]) }),
            ("changed", list({ $0.old != nil && $0.new != nil }) { change in
                .object([
                    ("path", .string("/" + change.path)),
                    ("changes", .array(change.aspects.map(JSONValue.string))),
                    ("old", state(change.old)), ("new", state(change.new)),
                    ("binary", .bool(change.isBinary)),
                    ("hunks", .int(Int64(change.hunks))),
                    ("insertions", .int(Int64(change.insertions))),
                    ("deletions", .int(Int64(change.deletions))),
                ])
            }),
        ])
    }

    private static func describe(_ state: FileState) -> String {
        switch state.type {
        case "symlink": return "symlink to \(state.target ?? "")"
        case "regular": return "\(state.size) bytes, md5 \(state.md5 ?? "-")"
        default: return "\(state.type), mode \(octal(state.mode))"
        }
    }

    static func octal(_ mode: UInt32) -> String {
        let text = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
