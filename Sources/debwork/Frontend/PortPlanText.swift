import Port

/// The human table of `port_plan`.
enum PortPlanText {
    static func table(_ rows: [PortPlanner.Row], to: String) -> String {
        guard !rows.isEmpty else { return "nothing to port to \(to)\n" }
        let header = ["source", "version", "in target", "port version", "rejections", "build-deps"]
        let cells = rows.map { row in
            [row.source, row.version, row.targetVersion ?? "-", row.portVersion,
             row.rejections.isEmpty ? "-" : row.rejections.joined(separator: "; "), buildDependencies(row.buildDependencies)]
        }
        let widths = (0..<header.count - 1).map { column in
            ([header] + cells).map { $0[column].count }.max() ?? 0
        }
        return ([header] + cells).map { line in
            var text = ""
            for (column, cell) in line.enumerated() {
                text += column < widths.count ? cell + String(repeating: " ", count: widths[column] - cell.count + 2) : cell
            }
            return text + "\n"
        }.joined()
    }

    /// `ok`, `not checked (why)`, or `unsatisfiable: [arch] reason; …`.
    static func buildDependencies(_ verdict: PortBuildDependencies) -> String {
        switch verdict {
        case .satisfiable: "ok"
        case .notChecked(let why): "not checked (\(why))"
        case .unsatisfiable(let problems):
            "unsatisfiable: " + problems.map { "[\($0.architecture)] \($0.reason)" }.joined(separator: "; ")
        }
    }
}
