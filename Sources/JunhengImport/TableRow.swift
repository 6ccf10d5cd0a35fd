import JunhengSheets

/// A row of cells from a CSV or XLSX file, read as UTF-8 bytes.
protocol TableRow {
    /// Row number as the spreadsheet numbers it.
    var number: Int { get }
    /// Number of cells present.
    var cellCount: Int { get }
    func withCell<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
}

extension TableRow {
    /// Cell `column` as trimmed text.
    func text(_ column: Int) -> String { withCell(column) { CellParsing.text($0) } }

    /// True when every cell is blank.
    var isBlank: Bool {
        (0..<cellCount).allSatisfy { withCell($0) { CellParsing.trimmed($0).isEmpty } }
    }
}

extension CSVRecord: TableRow {
    var cellCount: Int { count }
    func withCell<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withField(column, body)
    }
}

extension SheetRow: TableRow {
    var cellCount: Int { cells.count }
    func withCell<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard column < cells.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        var s = cells[column]
        return try s.withUTF8 { try body($0) }
    }
}
