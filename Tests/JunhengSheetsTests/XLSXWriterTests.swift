import Foundation
import Testing
@testable import JunhengSheets

@Suite struct XLSXWriterTests {
    static let rows: [[XLSXCell]] = [
        [.header("学校"), .header("人数"), .header("备注")],
        [.text("杭州第一中学"), .number(1200), .text(#"A&B <c> "q" 'a' ]]>"#)],
        [.empty, .number(12.5), .text("  前后空格  ")],
        [.text("x\u{1}y\u{FFFE}"), .number(.nan), .number(3_301_020_001)],
        [.text("line1\nline2\r\nline3\ttab"), .number(-0.001), .text("_x000D_ literal")],
        [.empty, .empty],
        [.number(.infinity), .text(""), .number(1e-9)],
    ]

    @Test func roundTrip() throws {
        var book = XLSXWorkbook()
        book.addSheet(name: "报告/2024", rows: Self.rows, columnWidths: [20, 10, 30])
        let result = try XLSXReader.read(data: book.data(), preferredSheet: nil)
        #expect(result.sheetName == "报告_2024")
        #expect(result.rows == [
            SheetRow(number: 1, cells: ["学校", "人数", "备注"]),
            SheetRow(number: 2, cells: ["杭州第一中学", "1200", #"A&B <c> "q" 'a' ]]>"#]),
            SheetRow(number: 3, cells: ["", "12.5", "  前后空格  "]),
            SheetRow(number: 4, cells: ["xy", "", "3301020001"]),
            SheetRow(number: 5, cells: ["line1\nline2\r\nline3\ttab", "-0.001", "_x000D_ literal"]),
            SheetRow(number: 7, cells: ["", "", "1e-9"]),
        ])
    }

    @Test func sheetLayout() throws {
        var book = XLSXWorkbook()
        book.addSheet(name: "统计", rows: Self.rows, columnWidths: [20, 10.5])
        book.addSheet(name: "无冻结", rows: [[.text("a")]], freezeHeaderRow: false)
        let data = try book.data()
        let sheet = try ZipFixture.entry("xl/worksheets/sheet1.xml", in: data)
        #expect(sheet.contains(#"<c r="A1" s="1" t="inlineStr"><is><t>学校</t></is></c>"#))
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<col min="2" max="2" width="10.5" customWidth="1"/>"#))
        #expect(sheet.contains(#"<c r="B2"><v>1200</v></c>"#))
        #expect(sheet.contains(#"<dimension ref="A1:C7"/>"#))
        let second = try ZipFixture.entry("xl/worksheets/sheet2.xml", in: data)
        #expect(!second.contains("<pane"))
        let styles = try ZipFixture.entry("xl/styles.xml", in: data)
        #expect(styles.contains("<b/>"))
        let second2 = try XLSXReader.read(data: data, preferredSheet: "无冻结")
        #expect(second2.rows == [SheetRow(number: 1, cells: ["a"])])
    }

    @Test func sheetNamesAreSanitisedAndUnique() {
        var book = XLSXWorkbook()
        book.addSheet(name: "a[b]:c*d?e/f\\g", rows: [])
        book.addSheet(name: "A[B]:C*D?E/F\\G", rows: [])
        book.addSheet(name: "", rows: [])
        book.addSheet(name: "'quoted'", rows: [])
        book.addSheet(name: String(repeating: "学", count: 40), rows: [])
        book.addSheet(name: String(repeating: "学", count: 35), rows: [])
        #expect(book.sheetNames == [
            "a_b__c_d_e_f_g", "A_B__C_D_E_F_G (2)", "Sheet3", "quoted",
            String(repeating: "学", count: 31), String(repeating: "学", count: 27) + " (2)",
        ])
    }

    @Test func emptyWorkbookIsAnError() {
        #expect(throws: XLSXError.noWorksheet) { try XLSXWorkbook().data() }
    }

    @Test func writesFileAndReplacesExisting() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("报告.xlsx")
        try Data("old".utf8).write(to: url)
        var book = XLSXWorkbook()
        book.addSheet(name: "统计", rows: [[.text("中文")]])
        try book.write(to: url)
        #expect(try XLSXReader.read(url: url, preferredSheet: nil).rows == [SheetRow(number: 1, cells: ["中文"])])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["报告.xlsx"])
    }

    @Test func writeIntoMissingFolderFailsAndLeavesNoFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID())")
        let url = folder.appendingPathComponent("out.xlsx")
        var book = XLSXWorkbook()
        book.addSheet(name: "统计", rows: [[.text("中文")]])
        #expect {
            try book.write(to: url)
        } throws: { error in
            guard case .unwritable = error as? XLSXError else { return false }
            return true
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func escaping() {
        #expect(XMLEscaping.escape("a&b<c>\"d\"\r\u{0}") == "a&amp;b&lt;c&gt;&quot;d&quot;&#13;")
        #expect(XMLEscaping.escape("_x0041_ _xZZ__") == "_x005F_x0041_ _xZZ__")
        #expect(XMLEscaping.decodeHexEscapes("_x005F_x0041_ _x0041_") == "_x0041_ A")
        #expect(XMLEscaping.escape("tab\tnl\n", inAttribute: true) == "tab&#9;nl&#10;")
    }
}

@Suite struct XLSXFlaggedCellTests {
    @Test func flaggedCellsGetTheDarkStyle() throws {
        var book = XLSXWorkbook()
        book.addSheet(name: "s", rows: [[.flagged(.number(46)), .flagged(.text("未达标")), .number(45)]])
        let data = try book.data()
        let sheet = try ZipFixture.entry("xl/worksheets/sheet1.xml", in: data)
        #expect(sheet.contains(#"<c r="A1" s="2"><v>46</v></c>"#))
        #expect(sheet.contains(#"<c r="B1" s="2" t="inlineStr"><is><t>未达标</t></is></c>"#))
        #expect(sheet.contains(#"<c r="C1"><v>45</v></c>"#))
        let styles = try ZipFixture.entry("xl/styles.xml", in: data)
        #expect(styles.contains(#"<cellXfs count="3">"#) && styles.contains(#"fillId="2""#) && styles.contains("FF404040"))
        #expect(try XLSXReader.read(data: data, preferredSheet: nil).rows[0].cells == ["46", "未达标", "45"])
    }
}
