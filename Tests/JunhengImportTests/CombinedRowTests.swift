import EquityKit
import Foundation
import JunhengImport
import Testing

/// 合计 rows of multi-section schools: per-section students are kept; a 完全中学 also needs its senior students.
@Suite struct CombinedRowTests {
    static let header = Fixture.header + ",小学在校生数,初中在校生数,高中在校生数"

    @Test func nineYearCombinedRowKeepsSectionStudents() throws {
        let result = try Fixture.importCSV("""
        \(Self.header)
        3301020010,城东学校,九年一贯制,合计,镇区,1150,23,78,74,11,9,6500,12500,2700000,23,700,450,

        """)
        let r = try #require(result.records.first)
        #expect(r.section == .combined)
        #expect(r.students == 1150)
        #expect(r.sectionStudents == SectionStudents(primary: 700, junior: 450))
        #expect(r.sectionStudents?[.primary] == 700)
        #expect(r.sectionStudents?[.junior] == 450)
        #expect(r.quantities[.teachers] == 78)
    }

    @Test func nineYearCombinedRowWithEnglishSectionKey() throws {
        let result = try Fixture.importCSV("""
        \(Fixture.combinedHeader)
        3301020010,城东学校,nine_year,combined,town,1150,23,78,74,11,9,6500,12500,2700000,23,700,450

        """)
        #expect(result.records.first?.sectionStudents == SectionStudents(primary: 700, junior: 450))
        #expect(result.records.first?.schoolType == .nineYear)
    }

    @Test func completeSecondaryCombinedRowNeedsSeniorStudents() {
        let issues = Fixture.issues("""
        \(Self.header)
        3301020020,第一中学,完全中学,合计,城区,800,16,70,68,10,8,9000,16000,4000000,16,,800,

        """)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "高中在校生数", value: "", zh: "高中在校生数", en: "senior students")
    }

    @Test func completeSecondaryCombinedRowWithoutSeniorColumn() {
        let issues = Fixture.issues("""
        \(Fixture.combinedHeader)
        3301020020,第一中学,完全中学,合计,城区,800,16,70,68,10,8,9000,16000,4000000,16,,800

        """)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "高中在校生数", value: "", zh: "高中在校生数", en: "senior students")
    }

    @Test func completeSecondaryCombinedRowWithSeniorStudents() throws {
        let result = try Fixture.importCSV("""
        \(Self.header)
        3301020020,第一中学,完全中学,合计,城区,800,16,70,68,10,8,9000,16000,4000000,16,,800,1200

        """)
        let r = try #require(result.records.first)
        #expect(r.students == 800)
        #expect(r.sectionStudents == SectionStudents(primary: 0, junior: 800, senior: 1200))
    }

    @Test func twelveYearCombinedRowNeedsSeniorStudents() {
        let issues = Fixture.issues("""
        \(Self.header)
        3301020030,实验学校,十二年一贯制,合计,城区,1500,30,100,98,12,11,12000,20000,5000000,30,900,600,

        """)
        #expect(issues.map(\.column) == ["高中在校生数"])
    }

    @Test func sectionRowsAndCombinedRowOfOneSchoolMayCoexist() throws {
        // "Section rows, where given, take precedence": both kinds are accepted in one file.
        let result = try Fixture.importCSV("""
        \(Self.header)
        3301020010,城东学校,九年一贯制,合计,镇区,1150,23,78,74,11,9,6500,12500,2700000,23,700,450,
        3301020010,城东学校,九年一贯制,小学,镇区,700,14,38,36,6,5,3200,6000,1400000,14,,,

        """)
        #expect(result.records.map(\.section) == [.combined, .single(.primary)])
    }

    @Test func duplicateCombinedRow() {
        let row = "3301020010,城东学校,九年一贯制,合计,镇区,1150,23,78,74,11,9,6500,12500,2700000,23,700,450,"
        let issues = Fixture.issues("\(Self.header)\n\(row)\n\(row)\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 3, column: "学段", value: "合计", zh: "第2行", en: "row 2")
    }
}
