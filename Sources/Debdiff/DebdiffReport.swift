import JSONOutput
import SystemCalls

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
///
/// An error of a lower layer (the index, an artifact, a hash) is kept as a value in ``underlying`` and
/// only rendered when the message is read.
public struct DebdiffError: LayeredError {
    public var context: String
    public var underlying: (any Error & Sendable)?

    public init(_ description: String) {
        context = description
        underlying = nil
    }

    /// An error of a lower layer: `<context>: <underlying>`, or `<underlying>` without a context.
    public init(_ context: String = "", underlying: any Error & Sendable) {
        self.context = context
        self.underlying = underlying
    }

    public var description: String { reason }
}
