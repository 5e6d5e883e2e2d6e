import JSONOutput

extension IndexSummary: CallOutput {
    /// One line of counts and speed, then a line per folder left out.
    public func renderText() -> HumanText {
        let summary = self
        let megabytes = Double(summary.bytes) / 1e6
        let rate = summary.seconds > 0 ? megabytes / summary.seconds : 0
        return .text("\(summary.new) new, \(summary.updated) updated, \(summary.unchanged) unchanged, "
            + "\(summary.removed) removed, \(summary.failed) failed "
            + "(\(Self.fixed(megabytes)) MB in \(Self.fixed(summary.seconds)) s, \(Self.fixed(rate)) MB/s)\n"
            + summary.skipped.map { "skipped \($0.path)/: \($0.reason) (--include-skipped to index it)\n" }.joined())
    }

    /// `{"schema": 1, "new", "updated", "unchanged", "removed", "failed", "failures", "warnings", "skipped", "bytes",
    /// "seconds"}`.
    public func renderJSON() throws -> JSONValue { try OrderedJSONEncoder.value(of: self).versioned() }

    private static func fixed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
