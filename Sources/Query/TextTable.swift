import DebianFormats
/// Aligned columns for human output (the last column is not padded; ``ColumnWidth`` says how wide a column is).
public enum TextTable {
    /// Cells come from packages (names, versions, paths): control characters are escaped
    /// (``DebianFormats/Printable``), so a cell can neither drive the terminal nor break a line.
    public static func render(_ rows: [[String]], separator: String = "  ") -> String {
        let rows = rows.map { row in row.map(Printable.escaped) }
        guard let columns = rows.map(\.count).max(), columns > 0 else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], ColumnWidth.counted(cell.count)) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: ColumnWidth.padding(cell: cell.count, column: widths[index], gap: 0))
            }.joined(separator: separator)
        }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
    }
}
