import JSONOutput

/// What a binary comparison found, computed by ``BinaryDebdiff/compare(_:index:)`` and read by two renderers
/// that do no I/O: ``text`` (devscripts' stdout, byte for byte, plus the `--contents` part) and ``json()``.
public struct BinaryComparison: Sendable {
    /// A `control` field whose value differs (nil: absent on that side).
    struct FieldChange: Sendable, Hashable {
        var field: String
        var old: String?
        var new: String?
    }

    /// One pair of packages: the only pair, or two packages of the same name on both sides.
    struct PackagePair: Sendable {
        /// The name debdiff prints after "of package" (nil for a single pair, which it does not name).
        var name: String?
        /// The name in the JSON: ``name``, else the new package's name from its file.
        var package: String
        var oldFile: String
        var newFile: String
        var fieldChanges: [FieldChange]
        /// The control members word by word, in devscripts' words (nil: `--nocontrol`).
        var control: ControlComparison.Outcome?
        /// `--contents` (nil when not asked).
        var contents: ContentComparison?
    }

    /// How the packages were named: .debs, .changes or `--from … --to …`.
    public var old: [String]
    public var new: [String]
    /// The packages read from the index instead of their archives.
    public var fromIndex: [String]
    /// The file lists, in devscripts' words, with the lines gained and lost.
    var fileList: FileListComparison.Outcome
    var pairs: [PackagePair]
    /// What devscripts prints on stderr (`W:` lines): a name seen twice on one side, "wdiff failed".
    public var warnings: [String]

    public var differs: Bool {
        fileList.differs || pairs.contains { $0.control?.differs == true || $0.contents?.changes.isEmpty == false }
    }

    /// devscripts' debdiff text: the file lists, every pair's control members, then every pair's `--contents`.
    public var text: [UInt8] {
        var text = Array(fileList.text.utf8)
        for pair in pairs { text += pair.control?.text ?? [] }
        for pair in pairs { text += pair.contents?.render(package: pair.name) ?? [] }
        return text
    }

    /// The `-J` document (docs/JSON.md, "debdiff, binary packages").
    public func json() -> JSONValue {
        JSONValue.object([
            ("old", .array(old.map(JSONValue.string))),
            ("new", .array(new.map(JSONValue.string))),
            ("identical", .bool(!differs)),
            ("from_index", .array(fromIndex.map(JSONValue.string))),
            ("file_list", .object([
                ("only_in_new", .array(fileList.gains.map(JSONValue.string))),
                ("only_in_old", .array(fileList.losses.map(JSONValue.string))),
            ])),
            ("packages", .array(pairs.map { pair in
                .object([
                    ("package", .string(pair.package)),
                    ("old", .string(pair.oldFile)),
                    ("new", .string(pair.newFile)),
                    ("control", .array(pair.fieldChanges.map { change in
                        .object([
                            ("field", .string(change.field)),
                            ("old", change.old.map(JSONValue.string) ?? .null),
                            ("new", change.new.map(JSONValue.string) ?? .null),
                        ])
                    })),
                    ("files", pair.contents?.json() ?? .null),
                ])
            })),
        ]).versioned()
    }

    /// The report the `debdiff` command prints.
    public var report: DebdiffReport { DebdiffReport(.binary(self)) }
}
