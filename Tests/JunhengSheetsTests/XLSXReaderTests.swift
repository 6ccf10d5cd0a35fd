import Foundation
import Testing
@testable import JunhengSheets

@Suite struct XLSXReaderTests {
    let data: Data

    init() throws {
        data = try ZipFixture.make(FixtureWorkbook.parts)
    }

    @Test func readsFirstSheetWithAllCellTypes() throws {
        let result = try XLSXReader.read(data: data, preferredSheet: nil)
        #expect(result.sheetName == "Sheet1")
        let expected: [SheetRow] = [
            SheetRow(number: 1, cells: ["学校名称", "代码", "Formula"]),
            SheetRow(number: 3, cells: ["杭州 第一中学", "3301020001", "12.5", "", "TRUE", "#DIV/0!"]),
            SheetRow(number: 4, cells: ["A & B <x> 中", "42", "FALSE"]),
            SheetRow(number: 6, cells: ["", "富文本"]),
            SheetRow(number: 8, cells: ["", "", "-0.25", "0.001", "100"]),
            SheetRow(number: 9, cells: ["  spaced  ", "Line\rBreak"]
                + Array(repeating: "", count: 24) + ["3301020001"]),
        ]
        #expect(result.rows.count == expected.count)
        for (actual, wanted) in zip(result.rows, expected) {
            #expect(actual == wanted)
        }
    }

    @Test func prefersNamedSheet() throws {
        let result = try XLSXReader.read(data: data, preferredSheet: "学校统计")
        #expect(result.sheetName == "学校统计")
        #expect(result.rows == [
            SheetRow(number: 1, cells: ["学校", "人数"]),
            SheetRow(number: 2, cells: ["甲校", "1200"]),
        ])
    }

    @Test func unknownPreferredSheetFallsBackToFirst() throws {
        let result = try XLSXReader.read(data: data, preferredSheet: "没有这个表")
        #expect(result.sheetName == "Sheet1")
    }

    @Test func preferredSheetMatchesIgnoringCaseAndSpaces() throws {
        #expect(try XLSXReader.read(data: data, preferredSheet: " sheet1 ").sheetName == "Sheet1")
    }

    @Test func readsFromURL() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID()).xlsx")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try XLSXReader.read(url: url, preferredSheet: "学校统计").rows.count == 2)
    }

    @Test func prefixedElementsAndNoPackageRels() throws {
        let sheet = """
            <x:worksheet xmlns:x="\(FixtureWorkbook.main)"><x:sheetData>
            <x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c></x:row>
            </x:sheetData></x:worksheet>
            """
        var parts = FixtureWorkbook.parts(replacing: "xl/worksheets/sheet1.xml", with: sheet)
        parts.removeAll { $0.path == "_rels/.rels" }
        let result = try XLSXReader.read(data: ZipFixture.make(parts), preferredSheet: nil)
        #expect(result.rows == [SheetRow(number: 2, cells: ["", "前缀"])])
    }

    @Test func skipsHiddenFirstSheetWhenNoPreference() throws {
        let workbook = FixtureWorkbook.workbook.replacingOccurrences(
            of: #"<sheet name="Sheet1" sheetId="1" r:id="rId1"/>"#,
            with: #"<sheet name="Sheet1" sheetId="1" state="hidden" r:id="rId1"/>"#)
        let parts = FixtureWorkbook.parts(replacing: "xl/workbook.xml", with: workbook)
        #expect(try XLSXReader.read(data: ZipFixture.make(parts), preferredSheet: nil).sheetName == "学校统计")
    }

    @Test func columnLetters() {
        #expect(CellReference.columnIndex(of: "A1") == 0)
        #expect(CellReference.columnIndex(of: "Z9") == 25)
        #expect(CellReference.columnIndex(of: "AA10") == 26)
        #expect(CellReference.columnIndex(of: "XFD1048576") == 16_383)
        #expect(CellReference.columnIndex(of: "XFE1") == nil)
        #expect(CellReference.columnIndex(of: "12") == nil)
        #expect(CellReference.letters(forColumn: 0) == "A")
        #expect(CellReference.letters(forColumn: 27) == "AB")
        #expect(CellReference.letters(forColumn: 16_383) == "XFD")
    }

    @Test func numberText() {
        #expect(NumberText.display("3.301020001E9") == "3301020001")
        #expect(NumberText.display("3301020001") == "3301020001")
        #expect(NumberText.display("12.50") == "12.5")
        #expect(NumberText.display("0.1") == "0.1")
        #expect(NumberText.display("-0") == "0")
        #expect(NumberText.display("1E-7") == "1e-7")
        #expect(NumberText.display("0.000001") == "0.000001")
        #expect(NumberText.display("1E21") == "1e+21")
        #expect(NumberText.display("1.2345678901234567E18") == "1234567890123456800")
        #expect(NumberText.display("0.30000000000000004") == "0.30000000000000004")
        #expect(NumberText.display("n/a") == "n/a")
        #expect(NumberText.display("-0.5") == "-0.5")
        #expect(NumberText.display("0.0") == "0")
        #expect(NumberText.display("007") == "7")
        #expect(NumberText.display("1.") == "1")
        #expect(NumberText.display("123456789012345") == "123456789012345")
        #expect(NumberText.display("1234567890123456") == "1234567890123456")
        #expect(NumberText.display("0.1234567890123456789") == "0.12345678901234568")
        #expect(NumberText.format(.nan) == nil)
    }
}
