/// One row of a worksheet as the spreadsheet numbers it.
public struct SheetRow: Sendable, Equatable {
    /// 1-based row number from the sheet's `r` attribute (or counted if absent).
    public var number: Int
    /// Index 0 = column A; cells not present are ""; trailing empty cells are trimmed.
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }
}
