import EquityKit
import Foundation
import JunhengImport
import JunhengSheets
import Testing

/// XLSX input: sheet choice, numbers stored as numbers, errors located by the sheet's row numbers, bad files.
@Suite struct XLSXInputTests {
    static let headers = Fixture.header.split(separator: ",").map { XLSXCell.header(String($0)) }

    /// Cells of a 小学 row; numbers stored as numbers, the school code too (as Excel does when typed in).
    static func row(code: Double, name: String, students: XLSXCell = .number(600), teachers: Double = 30,
                    backbone: Double = 5) -> [XLSXCell] {
        [.number(code), .text(name), .text("小学"), .text("小学"), .text("城区"), students, .number(12), .number(teachers),
         .number(29), .number(backbone), .number(4), .number(3000.5), .number(5000), .number(1_500_000), .number(12)]
    }

    static func workbook(_ rows: [[XLSXCell]], firstSheet: String = "填写说明") throws -> [UInt8] {
        var book = XLSXWorkbook()
        book.addSheet(name: firstSheet, rows: [[.text("请在「学校统计」表中填写")], [.text("学校标识码"), .text("学校名称"), .text("学段")]])
        book.addSheet(name: "学校统计", rows: rows)
        return [UInt8](try book.data())
    }

    @Test func prefersTheSheetNamedSchoolStatisticsWhenItIsNotFirst() throws {
        let bytes = try Self.workbook([Self.headers, Self.row(code: 3301020001, name: "城关小学")])
        let result = try StatisticsImporter.importData(bytes)
        #expect(result.format == .xlsx(sheet: "学校统计"))
        #expect(result.headerRow == 1)
        let r = try #require(result.records.first)
        #expect(r.row == 2)
        #expect(r.schoolCode == "3301020001")
        #expect(r.schoolName == "城关小学")
        #expect(r.students == 600)
        #expect(r.quantities[.teachingAuxArea] == 3000.5)
        #expect(r.quantities[.equipmentValue] == 1_500_000)
        #expect(result.warnings.isEmpty)
    }

    @Test func firstSheetWhenNoneIsNamedSchoolStatistics() throws {
        var book = XLSXWorkbook()
        book.addSheet(name: "Sheet1", rows: [Self.headers, Self.row(code: 3301020001, name: "城关小学")])
        book.addSheet(name: "Sheet2", rows: [[.text("其他")]])
        let result = try StatisticsImporter.importData([UInt8](try book.data()))
        #expect(result.format == .xlsx(sheet: "Sheet1"))
        #expect(result.records.map(\.schoolCode) == ["3301020001"])
    }

    @Test func sheetChosenByOption() throws {
        var book = XLSXWorkbook()
        book.addSheet(name: "学校统计", rows: [[.text("旧表")]])
        book.addSheet(name: "2024", rows: [Self.headers, Self.row(code: 3301020002, name: "西湖小学")])
        let result = try StatisticsImporter.importData([UInt8](try book.data()), options: ImportOptions(sheet: "2024"))
        #expect(result.format == .xlsx(sheet: "2024"))
        #expect(result.records.map(\.schoolName) == ["西湖小学"])
    }

    @Test func errorsAreLocatedByTheSheetsRowNumbers() {
        // Row 1 title, 2 header, 3 good, 4 empty, 5: "12人" students and backbone 31 > 30, 6 empty, 7 repeats row 3.
        let rows: [[XLSXCell]] = [
            [.text("某县2024学年学校统计表")],
            Self.headers,
            Self.row(code: 3301020001, name: "城关小学"),
            [],
            Self.row(code: 3301020002, name: "西湖小学", students: .text("12人"), backbone: 31),
            [.empty, .empty],
            Self.row(code: 3301020001, name: "城关小学"),
        ]
        let issues = Fixture.issues(try! Self.workbook(rows))
        #expect(issues.count == 3)
        #expect(issues.map(\.row) == [5, 5, 7])
        Fixture.expect(issues.at(row: 5, column: "在校生数"), row: 5, column: "在校生数", value: "12人",
                       zh: "不能含文字或单位", en: "no words or units")
        Fixture.expect(issues.at(row: 5, column: "县级及以上骨干教师数"), row: 5, column: "县级及以上骨干教师数", value: "31",
                       zh: "不大于专任教师数（30）", en: "at most the number of teachers (30)")
        Fixture.expect(issues.at(row: 7, column: "学段"), row: 7, column: "学段", value: "小学", zh: "第3行", en: "row 3")
    }

    @Test func fractionalNumberCellForATeacherCount() {
        let issues = Fixture.issues(try! Self.workbook([Self.headers, Self.row(code: 3301020001, name: "城关小学", teachers: 30.5)]))
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "专任教师数", value: "30.5", zh: "整数", en: "whole number")
    }

    @Test func headerButNoDataRows() {
        let issues = Fixture.issues(try! Self.workbook([[.text("标题")], Self.headers]))
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 3, column: "", value: "", zh: "至少一行学校数据", en: "at least one school row")
    }

    @Test func legacyXLSIsRejectedClearly() {
        // The OLE2 compound-file signature of an Excel 97-2003 .xls.
        let bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let issues = Fixture.issues(bytes)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 1, column: "", value: "(.xls)", zh: ".xlsx", en: ".xlsx")
    }

    @Test func corruptZipIsInvalidNotACrash() {
        let bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array("这不是一个压缩包 this is not a zip archive".utf8)
            + [UInt8](repeating: 0xAB, count: 300)
        let issues = Fixture.issues(bytes)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 1, column: "", value: "(xlsx)", zh: ".xlsx", en: ".xlsx")
    }

    @Test func truncatedWorkbookIsInvalidNotACrash() throws {
        let whole = [UInt8](try TemplateWriter.xlsx())
        let issues = Fixture.issues(Array(whole.prefix(whole.count / 2)))
        #expect(issues.map(\.row) == [1])
        #expect(issues.first?.value == "(xlsx)")
    }

    @Test func workbookFromAFile() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("学校统计.xlsx").path
        try Data(try Self.workbook([Self.headers, Self.row(code: 3301020001, name: "城关小学")])).write(to: URL(fileURLWithPath: path))
        let result = try StatisticsImporter.importFile(atPath: path)
        #expect(result.records.map(\.schoolCode) == ["3301020001"])
    }
}
