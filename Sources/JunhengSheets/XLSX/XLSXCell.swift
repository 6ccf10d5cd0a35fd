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
    /// A text or number cell on a dark background with white bold text (e.g. a failing value).
    indirect case flagged(XLSXCell)
}
