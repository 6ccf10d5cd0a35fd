/// A cell to write.
public enum XLSXCell: Sendable, Equatable {
    /// Text, written as an inline string.
    case text(String)
    /// A number; NaN and infinities are written as empty cells.
    case number(Double)
    /// No cell.
    case empty
    /// Bold text, for header rows.
    case header(String)
}
