import JSONOutput

/// `sources_list`'s result in debwork's own form: the APT lines, with mini-buildd's comments when asked.
/// (The mini-buildd-api form prints ``text`` as a str result.)
public struct SourcesList: Sendable, CallOutput {
    public var lines: [SourcesListService.Line]

    public init(_ lines: [SourcesListService.Line]) { self.lines = lines }

    /// The lines as a sources.list file holds them, each comment above its line.
    public var text: String { SourcesListService.text(lines) }

    public func renderText() -> HumanText { .text(text) }

    /// `{"schema": 1, "lines": [line, …]}` (comments left out).
    public func renderJSON() -> JSONValue { .versioned("lines", .array(lines.map { .string($0.text) })) }
}
