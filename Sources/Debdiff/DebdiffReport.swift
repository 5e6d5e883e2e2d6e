import JSONOutput

/// The outcome of a comparison: devscripts' text, its exit status, and the same comparison as JSON.
public struct DebdiffReport: Sendable {
    /// What devscripts' debdiff prints (bytes: source diffs may hold any encoding).
    public var text: [UInt8]
    /// 0 no differences, 1 differences (devscripts' convention; errors are thrown instead).
    public var exitStatus: Int32
    /// The comparison for `-J`.
    public var json: JSONValue

    public init(text: [UInt8], exitStatus: Int32, json: JSONValue) {
        self.text = text
        self.exitStatus = exitStatus
        self.json = json
    }
}

/// Why a comparison could not be made: one line naming the file.
public struct DebdiffError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
