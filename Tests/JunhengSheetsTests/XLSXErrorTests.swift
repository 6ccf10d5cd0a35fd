import Foundation
import Testing
@testable import JunhengSheets

@Suite struct XLSXErrorTests {
    @Test func nonZipBytes() {
        #expect(throws: XLSXError.notAZipArchive) {
            try XLSXReader.read(data: Data("学校名称,人数\n甲校,1200\n".utf8), preferredSheet: nil)
        }
        #expect(throws: XLSXError.notAZipArchive) {
            try XLSXReader.read(data: Data(), preferredSheet: nil)
        }
    }

    @Test func zipWithoutWorkbook() throws {
        let data = try ZipFixture.make([("hello.txt", "not a workbook")])
        #expect(throws: XLSXError.missingPart("xl/workbook.xml")) {
            try XLSXReader.read(data: data, preferredSheet: nil)
        }
    }

    @Test func missingWorksheetPart() throws {
        let data = try ZipFixture.make(FixtureWorkbook.parts(replacing: "xl/worksheets/sheet2.xml", with: nil))
        #expect(throws: XLSXError.missingPart("xl/worksheets/sheet2.xml")) {
            try XLSXReader.read(data: data, preferredSheet: "学校统计")
        }
    }

    @Test func malformedSheetXML() throws {
        let sheet = """
            <?xml version="1.0" encoding="UTF-8"?>
            <worksheet xmlns="\(FixtureWorkbook.main)"><sheetData>
            <row r="1"><c r="A1"><v>1</v></c></row>
            <row r="2"><c r="A2"><v>2</v></row>
            </sheetData></worksheet>
            """
        let data = try ZipFixture.make(FixtureWorkbook.parts(replacing: "xl/worksheets/sheet1.xml", with: sheet))
        do {
            _ = try XLSXReader.read(data: data, preferredSheet: nil)
            Issue.record("expected malformedXML")
        } catch {
            guard case .malformedXML(let part, let line, let message) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(part == "xl/worksheets/sheet1.xml")
            #expect(line == 4)
            #expect(!message.isEmpty)
            #expect(error.description.contains("xl/worksheets/sheet1.xml"))
        }
    }

    @Test func truncatedOrEmptyParts() throws {
        let truncated = String(FixtureWorkbook.sheet1.prefix(400))
        for (path, text) in [("xl/worksheets/sheet1.xml", truncated), ("xl/sharedStrings.xml", ""),
                             ("xl/workbook.xml", "  ")] {
            let data = try ZipFixture.make(FixtureWorkbook.parts(replacing: path, with: text))
            #expect {
                try XLSXReader.read(data: data, preferredSheet: nil)
            } throws: { error in
                guard case .malformedXML(part: path, _, _) = error as? XLSXError else { return false }
                return true
            }
        }
    }

    @Test func badCellReferenceAndSharedIndex() throws {
        func sheet(_ row: String) -> String {
            "<worksheet xmlns=\"\(FixtureWorkbook.main)\"><sheetData>\n\(row)\n</sheetData></worksheet>"
        }
        for row in [#"<row r="1"><c r="1A"><v>1</v></c></row>"#, #"<row r="1"><c r="A1" t="s"><v>99</v></c></row>"#] {
            let data = try ZipFixture.make(FixtureWorkbook.parts(replacing: "xl/worksheets/sheet1.xml", with: sheet(row)))
            #expect {
                try XLSXReader.read(data: data, preferredSheet: nil)
            } throws: { error in
                guard case .malformedXML(part: "xl/worksheets/sheet1.xml", line: 2, _) = error as? XLSXError else {
                    return false
                }
                return true
            }
        }
    }

    @Test func workbookWithoutSheets() throws {
        let workbook = "<workbook xmlns=\"\(FixtureWorkbook.main)\"><sheets/></workbook>"
        let data = try ZipFixture.make(FixtureWorkbook.parts(replacing: "xl/workbook.xml", with: workbook))
        #expect(throws: XLSXError.noWorksheet) {
            try XLSXReader.read(data: data, preferredSheet: nil)
        }
    }

    @Test func unreadableFile() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID())/x.xlsx")
        #expect {
            try XLSXReader.read(url: url, preferredSheet: nil)
        } throws: { error in
            guard case .unreadable = error as? XLSXError else { return false }
            return true
        }
    }

    @Test func descriptionsAreBilingual() {
        let text = XLSXError.missingPart("xl/workbook.xml").description
        #expect(text.contains("缺少") && text.contains("has no part xl/workbook.xml"))
    }
}
