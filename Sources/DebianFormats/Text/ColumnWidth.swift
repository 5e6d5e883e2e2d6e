/// How wide a column of aligned text output is laid out: as its widest cell, but a cell wider than ``maximum``
/// display columns does not widen it. Such a cell is written whole (never cut: no data is lost), two spaces follow
/// it, and the rest of its own line moves right. Names, versions and paths come from packages: one hostile 10 KB
/// package name padded every line of a listing to 10 KB (`search '*'` of bookworm main with one such stanza in its
/// Packages file would have been a gigabyte of spaces), one 4 KB Contents path every line of a `--path` listing.
public enum ColumnWidth {
    /// The widest cell that widens its column. Debian's longest package name is 75 characters (bookworm main); its
    /// Contents lines are at most 329, and 78 of bookworm main's 7.3 M are longer than 240.
    public static let maximum = 240

    /// A cell's width as its column's width counts it: itself, or 0 past ``maximum``.
    public static func counted(_ width: Int) -> Int {
        width <= maximum ? width : 0
    }

    /// The spaces after a cell `cell` columns wide in a column `column` wide: up to the column's edge, then the `gap`
    /// that separates columns (only the gap after a cell wider than its column; 0 when the caller joins the cells
    /// with a separator of its own).
    public static func padding(cell: Int, column: Int, gap: Int = 2) -> Int {
        max(column - cell, 0) + gap
    }
}
