import Accreditation
import EquityKit
import Foundation
import JunhengDemo
import JunhengSheets
import Testing
@testable import JunhengReports

/// The 自评报告, the 申报表 and the assessment JSON on the demo package.
@Suite struct AssessmentReportTests {
    let input = DemoAssessment.input(county: 1, schools: 30, eligible: false)
    var assessment: Assessment { Assessor.assess(input) }

    @Test func workbookHasOneRowPerSchoolSectionInStatisticsOrderWithFailingCellsDark() throws {
        let a = assessment
        let rows = ApplicationWorkbook().schools(a, input)
        // One row per section: a 合计 row counts once per section with students.
        let expected = input.statistics.flatMap { r -> [String] in
            guard r.record.section == .combined, let s = r.record.sectionStudents else { return [r.record.schoolCode] }
            return Section.allCases.filter { s[$0] > 0 }.map { _ in r.record.schoolCode }
        }
        #expect(rows.dropFirst().map { row -> String in if case .text(let t) = row[0] { return t }; return "" } == expected)
        // The G12 column: dark exactly for the schools failing G12.
        let header = rows[0]
        let g12 = try #require(header.firstIndex(of: .header("G12 持证上岗率")))
        let failing = Set(a.item("G12")?.failingSchools ?? [])
        #expect(failing.count == 2)
        for row in rows.dropFirst() {
            guard case .text(let code) = row[0] else { continue }
            let dark: Bool = if case .flagged = row[g12] { true } else { false }
            #expect(dark == failing.contains(code), "\(code)")
        }
        // The file opens and keeps the names.
        let data = try ApplicationWorkbook().data(a, input: input)
        let sheet = try XLSXReader.read(data: data, preferredSheet: "学校明细")
        #expect(sheet.rows[1].cells[1] == input.statistics[0].record.schoolName)
    }

    @Test func textReportSectionsAndJSONContract() throws {
        let a = assessment
        let text = SelfAssessmentReport().render(a, input: input)
        let headings = ["一、基本情况", "二、主要做法与成效", "三、资源配置达标情况", "四、政府保障程度", "五、教育质量", "六、社会认可度",
                        "七、否决事项自查", "八、存在问题与整改措施", "九、自评结论"]
        let positions = headings.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == headings.count && positions == positions.sorted())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(AssessmentJSON.render(a))) as? [String: Any])
        #expect(object["status"] as? String == "not_eligible")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.map { $0["key"] as? String ?? "" } == AssessmentItems.all.map(\.key))
        let g12 = try #require(items.first { $0["key"] as? String == "G12" })
        #expect(g12["failing_schools"] as? [String] == a.item("G12")?.failingSchools)
        #expect((object["resources"] as? [String: Any])?["passed"] as? Bool == a.resources?.passed)
    }
}
