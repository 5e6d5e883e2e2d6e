import JSONOutput
import SystemCalls

/// What `debdiff` prints: a binary or a source comparison, rendered as devscripts' text (``text``, with the exit
/// status devscripts would give) or as JSON (``json``).
public struct DebdiffReport: Sendable, CallOutput {
    public enum Comparison: Sendable {
        case binary(BinaryComparison)
        case source(SourceComparison)
    }

    public var comparison: Comparison
    /// Sequences debwork wrote on purpose (`--wt`'s terminal strings, `--wp`'s backspaces), kept on a terminal.
    public var keeping: [[UInt8]] = []

    public init(_ comparison: Comparison) { self.comparison = comparison }

    /// What devscripts' debdiff prints (bytes: source diffs may hold any encoding).
    public var text: [UInt8] {
        switch comparison {
        case .binary(let binary): binary.text
        case .source(let source): source.text
        }
    }

    /// 0 no differences, 1 differences (devscripts' convention; errors are thrown instead).
    public var exitStatus: Int32 {
        switch comparison {
        case .binary(let binary): binary.differs ? 1 : 0
        case .source(let source): source.differs ? 1 : 0
        }
    }

    /// The comparison for `-J`.
    public var json: JSONValue {
        switch comparison {
        case .binary(let binary): binary.json()
        case .source(let source): source.json()
        }
    }

    public func renderText() -> HumanText { .bytes(text, keeping: keeping) }
    public func renderJSON() -> JSONValue { json }
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
