import EquityKit
import Foundation
import JunhengImport
import Testing

/// Every rejection the template spec lists, each located: row (header = 1), column header as written, value,
/// and what was expected. Column order of the data lines: see `Fixture.header`.
@Suite struct RejectionTests {
    @Test func negativeCount() {
        let issues = Fixture.issues("""
        \(Fixture.header)
        \(Fixture.primaryRow())
        3301020002,西湖小学,小学,小学,城区,500,10,20,20,-1,3,2500,4000,1000000,10

        """)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 3, column: "县级及以上骨干教师数", value: "-1", zh: "不小于0的整数", en: "a whole number ≥ 0")
    }

    @Test func negativeStudentsAndArea() {
        let issues = Fixture.issues("""
        \(Fixture.header)
        3301020002,西湖小学,小学,小学,城区,-500,10,20,20,3,3,-2500.5,4000,1000000,10

        """)
        #expect(issues.count == 2)
        Fixture.expect(issues.at(row: 2, column: "在校生数"), row: 2, column: "在校生数", value: "-500",
                       zh: "不小于0的整数", en: "a whole number ≥ 0")
        Fixture.expect(issues.at(row: 2, column: "教学及辅助用房面积"), row: 2, column: "教学及辅助用房面积", value: "-2500.5",
                       zh: "不小于0的数值", en: "a number ≥ 0")
    }

    @Test func teacherSubsetsLargerThanTeachers() {
        // 30 teachers each; row 2: backbone 31, row 3: degree 31, row 4: PE/art 31.
        let issues = Fixture.issues("""
        \(Fixture.header)
        3301020001,甲小学,小学,小学,城区,600,12,30,29,31,4,3000,5000,1500000,12
        3301020002,乙小学,小学,小学,城区,600,12,30,31,5,4,3000,5000,1500000,12
        3301020003,丙小学,小学,小学,城区,600,12,30,29,5,31,3000,5000,1500000,12

        """)
        #expect(issues.count == 3)
        Fixture.expect(issues.at(row: 2, column: "县级及以上骨干教师数"), row: 2, column: "县级及以上骨干教师数", value: "31",
                       zh: "不大于专任教师数（30）", en: "at most the number of teachers (30)")
        Fixture.expect(issues.at(row: 3, column: "高于规定学历教师数"), row: 3, column: "高于规定学历教师数", value: "31",
                       zh: "不大于专任教师数（30）", en: "at most the number of teachers (30)")
        Fixture.expect(issues.at(row: 4, column: "体育艺术专任教师数"), row: 4, column: "体育艺术专任教师数", value: "31",
                       zh: "不大于专任教师数（30）", en: "at most the number of teachers (30)")
    }

    @Test func teacherSubsetEqualToTeachersIsAccepted() throws {
        let result = try Fixture.importCSV("\(Fixture.header)\n3301020001,甲小学,小学,小学,城区,600,12,30,30,30,30,3000,5000,1500000,12\n")
        #expect(result.records.first?.quantities[.backboneTeachers] == 30)
    }

    @Test func optionalTeacherSubsetLargerThanTeachers() {
        let issues = Fixture.issues("""
        学校标识码,学校名称,学校类型,学段,城乡类型,在校生数,班级数,专任教师数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,中级及以上职称教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数
        3301020001,甲小学,小学,小学,城区,600,12,30,29,5,4,40,3000,5000,1500000,12

        """)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "中级及以上职称教师数", value: "40", zh: "专任教师数", en: "teachers")
    }

    @Test func noStudentsOnARegularSchool() {
        let issues = Fixture.issues("""
        \(Fixture.header)
        3301020001,甲小学,小学,小学,乡村,0,1,2,2,0,0,300,800,60000,1

        """)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "在校生数", value: "0", zh: "大于0", en: "> 0")
    }

    @Test func noStudentsOnATeachingPointIsAllowed() throws {
        let result = try Fixture.importCSV("""
        学校标识码,学校名称,学校类型,学段,城乡类型,所属学校标识码,在校生数,班级数,专任教师数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数
        3301020001,甲小学,小学,小学,乡村,,300,8,20,19,2,2,2000,4000,600000,8
        3301020002,甲小学东村教学点,教学点,小学,乡村,3301020001,0,1,1,1,0,0,120,300,20000,0

        """)
        #expect(result.records.map(\.students) == [300, 0])
        #expect(result.warnings.isEmpty)
    }

    @Test func duplicateSchoolAndSectionNamesTheEarlierRow() {
        let issues = Fixture.issues("""
        \(Fixture.header)
        \(Fixture.primaryRow())
        \(Fixture.primaryRow("3301020002", name: "西湖小学"))
        \(Fixture.primaryRow())

        """)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 4, column: "学段", value: "小学", zh: "第2行", en: "row 2")
    }

    @Test func duplicateSectionOfANineYearSchool() {
        let issues = Fixture.issues("""
        \(Fixture.header)
        3301020010,城东学校,九年一贯制,小学,镇区,700,14,38,36,6,5,3200,6000,1400000,14
        3301020010,城东学校,九年一贯制,初中,镇区,450,9,40,38,5,4,3300,6500,1300000,9
        3301020010,城东学校,九年一贯制,初中,镇区,450,9,40,38,5,4,3300,6500,1300000,9

        """)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 4, column: "学段", value: "初中", zh: "第3行", en: "row 3")
    }

    @Test func unknownSchoolType() {
        let issues = Fixture.issues("\(Fixture.header)\n3301020001,甲幼儿园,幼儿园,小学,城区,600,12,30,29,5,4,3000,5000,1500000,12\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "学校类型", value: "幼儿园",
                       zh: "小学/初中/九年一贯制/完全中学/十二年一贯制/教学点", en: "one of 小学/初中/九年一贯制")
    }

    @Test func unknownSection() {
        let issues = Fixture.issues("\(Fixture.header)\n3301020001,甲中学,初中,高中,城区,600,12,30,29,5,4,3000,5000,1500000,12\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "学段", value: "高中", zh: "小学/初中/合计", en: "小学/初中/合计")
    }

    @Test func unknownLocation() {
        let issues = Fixture.issues("\(Fixture.header)\n3301020001,甲小学,小学,小学,郊区,600,12,30,29,5,4,3000,5000,1500000,12\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "城乡类型", value: "郊区", zh: "城区/镇区/乡村", en: "城区/镇区/乡村")
    }

    @Test func juniorSectionOnAPrimarySchool() {
        let issues = Fixture.issues("\(Fixture.header)\n3301020001,甲小学,小学,初中,城区,600,12,30,29,5,4,3000,5000,1500000,12\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "学段", value: "初中", zh: "小学的学段：小学", en: "a section of a primary school")
    }

    @Test func combinedRowOnAPrimarySchool() {
        // Per-section students given, so only the section itself is wrong.
        let issues = Fixture.issues("""
        \(Fixture.combinedHeader)
        3301020001,甲小学,小学,合计,城区,600,12,30,29,5,4,3000,5000,1500000,12,600,0

        """)
        Fixture.expect(issues.at(row: 2, column: "学段"), row: 2, column: "学段", value: "合计", zh: "合计行只用于", en: "合计 rows only")
    }

    @Test func combinedRowWithoutPerSectionStudents() {
        let issues = Fixture.issues("""
        \(Fixture.combinedHeader)
        3301020010,城东学校,九年一贯制,合计,镇区,1150,23,78,74,11,9,6500,12500,2700000,23,,450
        3301020011,城西学校,九年一贯制,合计,镇区,1150,23,78,74,11,9,6500,12500,2700000,23,700,

        """)
        #expect(issues.count == 2)
        Fixture.expect(issues.at(row: 2, column: "小学在校生数"), row: 2, column: "小学在校生数", value: "",
                       zh: "小学在校生数", en: "primary students")
        Fixture.expect(issues.at(row: 3, column: "初中在校生数"), row: 3, column: "初中在校生数", value: "",
                       zh: "初中在校生数", en: "junior students")
    }

    @Test func combinedRowWithoutPerSectionColumnsInTheHeader() {
        let issues = Fixture.issues("""
        \(Fixture.header)
        3301020010,城东学校,九年一贯制,合计,镇区,1150,23,78,74,11,9,6500,12500,2700000,23

        """)
        #expect(issues.count == 2)
        Fixture.expect(issues.at(row: 2, column: "小学在校生数"), row: 2, column: "小学在校生数", value: "",
                       zh: "合计行必填", en: "required on 合计 rows")
        Fixture.expect(issues.at(row: 2, column: "初中在校生数"), row: 2, column: "初中在校生数", value: "",
                       zh: "合计行必填", en: "required on 合计 rows")
    }

    @Test func combinedStudentsNotEqualToTheSum() {
        // 700 + 450 = 1150, but 1000 written.
        let issues = Fixture.issues("""
        \(Fixture.combinedHeader)
        3301020010,城东学校,九年一贯制,合计,镇区,1000,23,78,74,11,9,6500,12500,2700000,23,700,450

        """)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "在校生数", value: "1000", zh: "1150", en: "1150")
    }

    @Test func missingRequiredColumnIsReportedOnceAndRowsAreNotChecked() {
        // No 专任教师数 column; the data rows have other errors that must not be listed.
        let header = "学校标识码,学校名称,学校类型,学段,城乡类型,在校生数,班级数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数"
        let issues = Fixture.issues("""
        某县学校统计表
        \(header)
        3301020001,甲小学,小学,小学,城区,-600,12,29,5,4,3000,5000,1500000,12
        3301020002,乙小学,幼儿园,小学,城区,600,12,29,5,4,3000,5000,1500000,12

        """)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "专任教师数", value: "", zh: "专任教师数", en: "teachers")
    }

    @Test func everyMissingRequiredColumnIsListed() {
        let issues = Fixture.issues("学校标识码,学校名称,学校类型,学段\n3301020001,甲小学,小学,小学\n")
        let required = TemplateColumn.all.filter(\.required).map(\.header)
        // Missing: 城乡类型, 在校生数, 班级数, 专任教师数, the three teacher subsets, three facilities, multimedia rooms.
        #expect(required.count == 15)
        #expect(issues.count == 11)
        #expect(Set(issues.map(\.column)) == Set(required.dropFirst(4)))
        #expect(issues.allSatisfy { $0.row == 1 && $0.value == "" })
    }

    @Test func textInANumberCell() {
        let issues = Fixture.issues("\(Fixture.header)\n3301020001,甲小学,小学,小学,城区,600,12,30人,29,5,4,3000,5000,1500000,12\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "专任教师数", value: "30人", zh: "不能含文字或单位", en: "no words or units")
    }

    @Test func wronglyGroupedDigitsAreNotReadAsThousands() {
        let issues = Fixture.issues("\(Fixture.header)\n3301020001,甲小学,小学,小学,城区,\"60,0\",12,30,29,5,4,3000,5000,1500000,12\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "在校生数", value: "60,0", zh: "整数", en: "whole number")
    }

    @Test func fractionalTeacherCount() {
        let issues = Fixture.issues("\(Fixture.header)\n3301020001,甲小学,小学,小学,城区,600,12,30.5,29,5,4,3000,5000,1500000,12\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "专任教师数", value: "30.5", zh: "整数", en: "whole number")
    }

    @Test func blankRequiredCells() {
        // Row 2: no name; row 3: no classes.
        let issues = Fixture.issues("""
        \(Fixture.header)
        3301020001,,小学,小学,城区,600,12,30,29,5,4,3000,5000,1500000,12
        3301020002,乙小学,小学,小学,城区,600,,30,29,5,4,3000,5000,1500000,12

        """)
        #expect(issues.count == 2)
        Fixture.expect(issues.at(row: 2, column: "学校名称"), row: 2, column: "学校名称", value: "", zh: "必填", en: "required")
        Fixture.expect(issues.at(row: 3, column: "班级数"), row: 3, column: "班级数", value: "", zh: "必填", en: "required")
    }

    @Test func noHeaderRow() {
        let issues = Fixture.issues("名称,人数,班级\n甲小学,600,12\n乙小学,500,10\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 1, column: "", value: "", zh: "表头", en: "header")
    }

    @Test func emptyFile() {
        let issues = Fixture.issues([UInt8]())
        #expect(issues.count == 1)
        #expect(issues.first?.row == 1)
        #expect(issues.first?.expectedZH.contains("表头") == true)
    }

    @Test func headerButNoDataRows() {
        let issues = Fixture.issues("\(Fixture.header)\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "", value: "", zh: "至少一行学校数据", en: "at least one school row")

        // Under a title row, with blank lines only after the header.
        let titled = Fixture.issues("某县学校统计表\n\(Fixture.header)\n\n,,,\n")
        #expect(titled.map(\.row) == [3])
    }

    @Test func unterminatedQuote() {
        let issues = Fixture.issues("""
        \(Fixture.header)
        \(Fixture.primaryRow())
        3301020002,"乙小学,小学,小学,城区,600,12,30,29,5,4,3000,5000,1500000,12
        3301020003,丙小学,小学,小学,城区,600,12,30,29,5,4,3000,5000,1500000,12

        """)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 3, column: "", value: "\"…", zh: "引号", en: "quote")
    }

    @Test func columnGivenTwice() {
        let issues = Fixture.issues("\(Fixture.header),school_name\n\(Fixture.primaryRow()),甲\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 1, column: "school_name", value: "school_name", zh: "第2列「学校名称」", en: "column 2")
    }

    @Test func oneSchoolCodeWithTwoTypes() {
        let issues = Fixture.issues("""
        \(Fixture.header)
        3301020010,城东学校,九年一贯制,小学,镇区,700,14,38,36,6,5,3200,6000,1400000,14
        3301020010,城东学校,初中,初中,镇区,450,9,40,38,5,4,3300,6500,1300000,9

        """)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 3, column: "学校类型", value: "初中", zh: "第2行", en: "row 2")
    }

    @Test func errorLinesInChineseAndEnglish() {
        let error = ImportError.invalid(Fixture.issues("\(Fixture.header)\n3301020001,甲小学,小学,小学,城区,600,12,30人,29,5,4,3000,5000,1500000,12\n"))
        let zh = error.lines(english: false)
        let en = error.lines(english: true)
        #expect(zh.count == 2 && en.count == 2)
        #expect(zh[0] == "发现 1 处错误，未导入任何数据：")
        #expect(en[0] == "1 problem(s); nothing was imported:")
        #expect(zh[1].hasPrefix("第2行 列「专任教师数」: 值 '30人' — 应为 "))
        #expect(en[1].hasPrefix("row 2, column \"专任教师数\": value '30人' — expected "))
        #expect(error.exitCode == 65)
    }
}
