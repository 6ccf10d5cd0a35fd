import Foundation
import Testing
@testable import JunhengSheets

@Suite struct XLSXLargeSheetTests {
    /// A worksheet part over libxml2's 10 MB single-chunk limit still reads.
    @Test func sheetPartOverTenMegabytes() throws {
        let rows = (0..<40_000).map { r in (0..<10).map { c in XLSXCell.number(Double(r * 10 + c)) } }
        var book = XLSXWorkbook()
        book.addSheet(name: "大表", rows: rows)
        let data = try book.data()
        let sheetSize = try ZipFixture.entry("xl/worksheets/sheet1.xml", in: data).utf8.count
        #expect(sheetSize > 10_500_000)
        let result = try XLSXReader.read(data: data, preferredSheet: nil)
        #expect(result.rows.count == 40_000)
        #expect(result.rows.last == SheetRow(number: 40_000, cells: (399_990..<400_000).map(String.init)))
    }
}
