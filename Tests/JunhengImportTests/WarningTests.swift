import EquityKit
import Foundation
import JunhengImport
import Testing

/// Accepted with a warning located at the cell: thousands separators, full-width digits, 教学点 parents.
@Suite struct WarningTests {
    @Test func thousandsSeparatorsAreNormalised() throws {
        let result = try Fixture.importCSV("""
        \(Fixture.header)
        3301020001,城关小学,小学,小学,城区,"1,234",26,60,58,8,7,"6,000.5",9000,"1,500,000",26

        """)
        let r = try #require(result.records.first)
        #expect(r.students == 1234)
        #expect(r.quantities[.teachingAuxArea] == 6000.5)
        #expect(r.quantities[.equipmentValue] == 1_500_000)
        #expect(result.warnings.count == 3)
        Fixture.expect(result.warnings.at(row: 2, column: "在校生数"), row: 2, column: "在校生数", value: "1,234",
                       zh: "1234", en: "1234")
        Fixture.expect(result.warnings.at(row: 2, column: "教学及辅助用房面积"), row: 2, column: "教学及辅助用房面积",
                       value: "6,000.5", zh: "6000.5", en: "6000.5")
        Fixture.expect(result.warnings.at(row: 2, column: "教学仪器设备值"), row: 2, column: "教学仪器设备值",
                       value: "1,500,000", zh: "1500000", en: "1500000")
    }

    @Test func fullWidthDigitsAreNormalised() throws {
        let result = try Fixture.importCSV("""
        \(Fixture.header)
        3301020001,城关小学,小学,小学,城区,６００,１２,３０,29,5,4,３０００．５,5000,"１，５００，０００",12

        """)
        let r = try #require(result.records.first)
        #expect(r.students == 600)
        #expect(r.quantities[.classes] == 12)
        #expect(r.quantities[.teachers] == 30)
        #expect(r.quantities[.teachingAuxArea] == 3000.5)
        #expect(r.quantities[.equipmentValue] == 1_500_000)
        #expect(result.warnings.map(\.column) == ["在校生数", "班级数", "专任教师数", "教学及辅助用房面积", "教学仪器设备值"])
        Fixture.expect(result.warnings.at(row: 2, column: "在校生数"), row: 2, column: "在校生数", value: "６００",
                       zh: "600", en: "600")
        Fixture.expect(result.warnings.at(row: 2, column: "教学仪器设备值"), row: 2, column: "教学仪器设备值",
                       value: "１，５００，０００", zh: "1500000", en: "1500000")
    }

    @Test func normalisedValuesAreStillChecked() {
        // "３１" backbone teachers is read as 31 > 30 teachers.
        let issues = Fixture.issues("\(Fixture.header)\n3301020001,城关小学,小学,小学,城区,600,12,30,29,３１,4,3000,5000,1500000,12\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "县级及以上骨干教师数", value: "31", zh: "专任教师数", en: "teachers")
    }

    @Test func plainNumbersGiveNoWarning() throws {
        let result = try Fixture.importCSV("\(Fixture.header)\n\(Fixture.primaryRow())\n")
        #expect(result.warnings.isEmpty)
    }

    static let withParent = "学校标识码,学校名称,学校类型,学段,城乡类型,所属学校标识码,在校生数,班级数,专任教师数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数"

    @Test func teachingPointWithoutParent() throws {
        let result = try Fixture.importCSV("""
        \(Self.withParent)
        3301020001,甲小学,小学,小学,乡村,,300,8,20,19,2,2,2000,4000,600000,8
        3301020002,甲小学东村教学点,教学点,小学,乡村,,20,2,2,2,0,0,120,300,20000,0

        """)
        #expect(result.records.count == 2)
        #expect(result.warnings.count == 1)
        Fixture.expect(result.warnings.first, row: 3, column: "所属学校标识码", value: "", zh: "所属学校标识码", en: "parent school code")
    }

    @Test func teachingPointWithoutParentColumn() throws {
        let result = try Fixture.importCSV("\(Fixture.header)\n3301020002,东村教学点,教学点,小学,乡村,20,2,2,2,0,0,120,300,20000,0\n")
        #expect(result.records.count == 1)
        #expect(result.warnings.map(\.row) == [2])
    }

    @Test func teachingPointWithUnknownParent() throws {
        let result = try Fixture.importCSV("""
        \(Self.withParent)
        3301020001,甲小学,小学,小学,乡村,,300,8,20,19,2,2,2000,4000,600000,8
        3301020002,东村教学点,教学点,小学,乡村,3301020001,20,2,2,2,0,0,120,300,20000,0
        3301020003,西村教学点,教学点,小学,乡村,3309999999,15,1,2,2,0,0,100,300,15000,0

        """)
        #expect(result.records.count == 3)
        #expect(result.records[1].parentSchoolCode == "3301020001")
        #expect(result.records[2].parentSchoolCode == "3309999999")
        #expect(result.warnings.count == 1)
        Fixture.expect(result.warnings.first, row: 4, column: "所属学校标识码", value: "3309999999", zh: "未找到", en: "not found")
    }
}
