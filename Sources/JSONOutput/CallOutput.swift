/// What one call returns, rendered two ways: the human text and the `-J` document.
///
/// A call computes a result value (reading files, the index, running tools); the two renderers only read
/// that value, so tests call them on values they build. The executable prints every call's result through
/// one function (`printOutput` in `Frontend/Run.swift`).
public protocol CallOutput {
    /// The human form, as stdout gets it.
    func renderText() -> HumanText
    /// The `-J` form. debwork's own documents begin with `"schema"` (see ``JSONValue/versioned(_:)``);
    /// mini-buildd's shapes are kept as mini-buildd prints them.
    func renderJSON() throws -> JSONValue
    /// A result too long to render as one value, which writes itself piece by piece; nil (the default): rendered whole.
    var streamed: (any StreamedOutput)? { get }
}

extension CallOutput {
    public var streamed: (any StreamedOutput)? { nil }
}

/// A result written as it is read (a listing of most of an archive), in the same text and JSON as its whole
/// rendering; each piece goes to `write`, which buffers.
public protocol StreamedOutput {
    func writeText(_ write: (String) -> Void) throws
    /// The `-J` document; with `python`, as ``JSONValue/serializedAsPython()`` writes it.
    func writeJSON(python: Bool, _ write: (String) -> Void) throws
}

/// The human form of a result.
public enum HumanText: Sendable, Equatable {
    /// Text the renderer made safe for a terminal (values from packages escaped), written as it is.
    case text(String)
    /// Bytes in the encoding a tool would print (debdiff's: source diffs may hold any): written unchanged to a
    /// pipe or file; on a terminal control characters are escaped, except `keeping`, the sequences debwork wrote
    /// on purpose (wdiff's terminal strings, `--wp`'s backspaces).
    case bytes([UInt8], keeping: [[UInt8]])
}

extension JSONValue {
    /// The version of the shapes of debwork's own JSON documents: additions keep it, a removal, rename or a
    /// changed meaning raises it (docs/JSON.md).
    public static let schemaVersion: Int64 = 1

    /// This object with `"schema"` as its first key: the form of every JSON document that is debwork's own.
    /// A value that is not an object is returned unchanged.
    public func versioned() -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object([("schema", .int(Self.schemaVersion))] + members)
    }

    /// `{"schema": 1, key: value}`: a list (or a map keyed by package names) as debwork's own document.
    public static func versioned(_ key: String, _ value: JSONValue) -> JSONValue {
        .object([("schema", .int(schemaVersion)), (key, value)])
    }
}
