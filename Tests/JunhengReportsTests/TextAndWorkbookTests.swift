import EquityKit
import Foundation
import JunhengSheets
import Testing
@testable import JunhengReports

@Suite("Text report and workbook")
struct TextAndWorkbookTests {
    let evaluation = try! Evaluator.evaluate(Fixtures.county, standard: BuiltInStandards.youzhi2017)

    @Test("Chinese first, English on request")
    func languages() {
        let zh = TextReport().render(evaluation)
        #expect(zh.contains("资源配置结论：未达标"))
        #expect(zh.contains("每百名学生拥有县级及以上骨干教师数"))
        #expect(zh.contains("0.283"))  // backbone CV √0.08, rounded to 3 decimals for display
        let en = TextReport(language: .en).render(evaluation)
        #expect(en.contains("Resource allocation: FAIL"))
        #expect(en.contains("County-level or higher backbone teachers per 100 students"))
        #expect(!en.contains("资源配置结论"))
    }

    @Test("failing listing shows only schools that fail the school rule")
    func failingOnly() {
        let text = TextReport(listing: .failing).render(evaluation)
        let listing = text.components(separatedBy: "【未达标学校】").last ?? ""
        #expect(listing.contains("学校B") && listing.contains("学校C"))
        #expect(!listing.contains("学校A "))
    }

    @Test("a failing listing with no failing school says so instead of an empty table")
    func noneFailing() throws {
        let passing = try Evaluator.evaluate([Fixtures.primary("A"), Fixtures.primary("D")], standard: BuiltInStandards.youzhi2017)
        #expect(passing.passed)
        #expect(TextReport(listing: .failing).render(passing).contains("【未达标学校】无"))
        #expect(TextReport(language: .en, listing: .failing).render(passing).contains("none"))
    }

    @Test("columns line up by display width, CJK counting double")
    func displayWidth() {
        #expect(DisplayWidth.of("学校A") == 5)
        #expect(DisplayWidth.pad("学校", 6) == "学校  ")
        #expect(DisplayWidth.pad("1.5", 5, right: true) == "  1.5")
    }

    @Test("workbook sheets hold the same numbers")
    func workbook() throws {
        let data = try WorkbookReport().data(evaluation)
        let summary = try XLSXReader.read(data: data, preferredSheet: "汇总")
        #expect(summary.sheetName == "汇总")
        let backbone = try #require(summary.rows.first { $0.cells.count > 3 && $0.cells[1] == "每百名学生拥有县级及以上骨干教师数" })
        #expect(abs(Double(backbone.cells[3])! - 0.08.squareRoot()) < 1e-12)
        let schools = try XLSXReader.read(data: data, preferredSheet: "学校明细")
        #expect(schools.rows.count == 4)  // header + A, B, C
        #expect(schools.rows[2].cells[1] == "B")
    }
}
