import JSONOutput

extension LsResult: CallOutput {
    /// reprepro-style lines (``LsService/table(_:)``).
    public func renderText() -> HumanText { .text(LsService.table(self)) }

    /// mini-buildd's shape.
    public func renderJSON() throws -> JSONValue { try OrderedJSONEncoder.value(of: self) }
}
