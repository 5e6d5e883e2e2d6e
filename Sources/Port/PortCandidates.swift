import DebianFormats
import JSONOutput

/// `port_plan FROM TO`'s result: the sources FROM has that TO lacks or has older (``PortPlanner/plan(from:to:)``).
public struct PortCandidates: Sendable, CallOutput {
    public var rows: [PortPlanner.Row]
    /// The distribution ported to.
    public var target: String

    public init(_ rows: [PortPlanner.Row], to target: String) {
        self.rows = rows
        self.target = target
    }

    /// A table: source, version, the target's version, the port version, the rejections, the build dependencies.
    public func renderText() -> HumanText {
        guard !rows.isEmpty else { return .text(Printable.escapedKeepingLines("nothing to port to \(target)\n")) }
        let header = ["source", "version", "in target", "port version", "rejections", "build-deps"]
        let cells = rows.map { row in
            [row.source, row.version, row.targetVersion ?? "-", row.portVersion,
             row.rejections.isEmpty ? "-" : row.rejections.joined(separator: "; "), Self.text(row.buildDependencies)]
        }
        let widths = (0..<header.count - 1).map { column in
            ([header] + cells).map { ColumnWidth.counted($0[column].count) }.max() ?? 0
        }
        let table = ([header] + cells).map { line in
            var text = ""
            for (column, cell) in line.enumerated() {
                text += column < widths.count
                    ? cell + String(repeating: " ", count: ColumnWidth.padding(cell: cell.count, column: widths[column])) : cell
            }
            return text + "\n"
        }.joined()
        return .text(Printable.escapedKeepingLines(table))
    }

    /// `ok`, `not checked (why)`, or `unsatisfiable: [arch] reason; …`.
    static func text(_ verdict: PortBuildDependencies) -> String {
        switch verdict {
        case .satisfiable: "ok"
        case .notChecked(let why): "not checked (\(why))"
        case .unsatisfiable(let problems):
            "unsatisfiable: " + problems.map { "[\($0.architecture)] \($0.reason)" }.joined(separator: "; ")
        }
    }

    /// `{"schema": 1, "sources": [{"source", "version", "target_version", "port_version", "dsc", "rejections"}, …]}`.
    public func renderJSON() throws -> JSONValue { .versioned("sources", try OrderedJSONEncoder.value(of: rows)) }
}
