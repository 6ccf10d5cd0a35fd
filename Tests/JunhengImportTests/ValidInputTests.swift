import EquityKit
import Foundation
import JunhengImport
import Testing

/// Files the template spec says must be accepted: header spellings, column order, extra columns, units,
/// title rows, blanks, quoting, line ends and delimiters.
@Suite struct ValidInputTests {
    @Test func chineseHeadersGiveEveryValueOfTheRow() throws {
        let csv = """
        学校标识码,学校名称,学校类型,学段,城乡类型,所属学校标识码,在校生数,班级数,最大班额,专任教师数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,中级及以上职称教师数,持教师资格证教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数,计算机台数,图书册数,音乐专用教室数,美术专用教室数,生均公用经费,随迁子女数
        3301020001,城关小学,小学,小学,城区,,600,12,52,30,29,5,4,18,29,3000.5,5000,1500000,12,80,18000,2,1,820.5,40
        3301020002,东湖教学点,教学点,小学,乡村,3301020001,25,3,10,3,2,0,1,1,3,300,800,60000,1,5,500,0,0,900,0

        """
        let result = try Fixture.importCSV(csv)
        #expect(result.headerRow == 1)
        #expect(result.ignoredColumns.isEmpty)
        #expect(result.warnings.isEmpty)
        #expect(result.format == .csv(.utf8))
        #expect(result.records.count == 2)

        var q = Quantities()
        q[.classes] = 12; q[.maxClassSize] = 52; q[.teachers] = 30; q[.degreeTeachers] = 29
        q[.backboneTeachers] = 5; q[.peArtTeachers] = 4; q[.midSeniorTitleTeachers] = 18; q[.certifiedTeachers] = 29
        q[.teachingAuxArea] = 3000.5; q[.sportsArea] = 5000; q[.equipmentValue] = 1_500_000; q[.multimediaClassrooms] = 12
        q[.computers] = 80; q[.books] = 18000; q[.musicRooms] = 2; q[.artRooms] = 1
        q[.publicFundsPerStudent] = 820.5; q[.migrantStudents] = 40
        let first = StatisticsRecord(row: 2, schoolCode: "3301020001", schoolName: "城关小学", schoolType: .primary,
                                     section: .single(.primary), location: .urban, parentSchoolCode: nil,
                                     students: 600, sectionStudents: nil, quantities: q)
        #expect(result.records[0] == first)

        let point = result.records[1]
        #expect(point.row == 3)
        #expect(point.schoolType == .teachingPoint)
        #expect(point.location == .rural)
        #expect(point.parentSchoolCode == "3301020001")
        #expect(point.students == 25)
        #expect(point.quantities[.backboneTeachers] == 0)
        #expect(point.quantities[.musicRooms] == 0)
    }

    @Test func englishKeysInShuffledOrderWithExtraColumns() throws {
        // Same school as Fixture.primaryRow, columns reversed and mixed with two extra columns.
        let csv = """
        multimedia_classrooms,备注,equipment_value_yuan,sports_area_m2,teaching_aux_area_m2,pe_art_teachers,backbone_teachers,teachers_above_required_degree,teachers,classes,students,location,section,school_type,school_name,School_Code,填表人
        12,新建校,1500000,5000,3000,4,5,29,30,12,600,urban,primary,primary,城关小学,3301020001,张三

        """
        let result = try Fixture.importCSV(csv)
        #expect(result.ignoredColumns == ["备注", "填表人"])
        #expect(result.records.count == 1)
        let r = result.records[0]
        #expect(r.schoolCode == "3301020001")
        #expect(r.schoolName == "城关小学")
        #expect(r.schoolType == .primary)
        #expect(r.section == .single(.primary))
        #expect(r.location == .urban)
        #expect(r.students == 600)
        #expect(r.quantities[.classes] == 12)
        #expect(r.quantities[.teachers] == 30)
        #expect(r.quantities[.degreeTeachers] == 29)
        #expect(r.quantities[.backboneTeachers] == 5)
        #expect(r.quantities[.peArtTeachers] == 4)
        #expect(r.quantities[.teachingAuxArea] == 3000)
        #expect(r.quantities[.sportsArea] == 5000)
        #expect(r.quantities[.equipmentValue] == 1_500_000)
        #expect(r.quantities[.multimediaClassrooms] == 12)
    }

    @Test func chineseHeadersInShuffledOrderGiveTheSameRecordAsTemplateOrder() throws {
        let ordered = try Fixture.importCSV(Fixture.header + "\n" + Fixture.primaryRow() + "\n")
        let shuffled = try Fixture.importCSV("""
        体育运动场馆面积,学段,专任教师数,学校名称,网络多媒体教室数,城乡类型,在校生数,学校标识码,高于规定学历教师数,班级数,体育艺术专任教师数,学校类型,教学及辅助用房面积,县级及以上骨干教师数,教学仪器设备值
        5000,小学,30,城关小学,12,城区,600,3301020001,29,12,4,小学,3000,5,1500000

        """)
        #expect(shuffled.records == ordered.records)
    }

    @Test func headersWithUnitsInBrackets() throws {
        let csv = """
        学校标识码,学校名称,学校类型,学段,城乡类型,在校生数（人）,班级数,专任教师数(人),高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积（平方米）,体育运动场馆面积(平方米),教学仪器设备值（元）,网络多媒体教室数（间）
        \(Fixture.primaryRow())

        """
        let result = try Fixture.importCSV(csv)
        #expect(result.ignoredColumns.isEmpty)
        #expect(result.records.count == 1)
        #expect(result.records[0].students == 600)
        #expect(result.records[0].quantities[.teachers] == 30)
        #expect(result.records[0].quantities[.teachingAuxArea] == 3000)
        #expect(result.records[0].quantities[.sportsArea] == 5000)
        #expect(result.records[0].quantities[.equipmentValue] == 1_500_000)
        #expect(result.records[0].quantities[.multimediaClassrooms] == 12)
    }

    @Test func headerUnitIsKeptInErrorMessages() {
        let csv = """
        学校标识码,学校名称,学校类型,学段,城乡类型,在校生数,班级数,专任教师数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积（平方米）,体育运动场馆面积,教学仪器设备值,网络多媒体教室数
        3301020001,城关小学,小学,小学,城区,600,12,30,29,5,4,-3000,5000,1500000,12

        """
        let issues = Fixture.issues(csv)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "教学及辅助用房面积（平方米）", value: "-3000",
                       zh: "不小于0的数值", en: "a number ≥ 0")
    }

    @Test func titleRowAboveHeader() throws {
        let good = try Fixture.importCSV("某县2024学年义务教育学校基本情况统计表\n\(Fixture.header)\n\(Fixture.primaryRow())\n")
        #expect(good.headerRow == 2)
        #expect(good.records.map(\.row) == [3])

        // Title row, header on row 2, a good row 3 and a bad row 4.
        let bad = """
        某县2024学年义务教育学校基本情况统计表
        \(Fixture.header)
        \(Fixture.primaryRow())
        3301020002,西湖小学,小学,小学,城区,500,10,-1,20,3,3,2500,4000,1000000,10

        """
        let issues = Fixture.issues(bad)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 4, column: "专任教师数", value: "-1", zh: "不小于0的整数", en: "a whole number ≥ 0")
    }

    @Test func titleRowWithTrailingCommasAsExcelSavesIt() throws {
        let title = "某县学校统计表" + String(repeating: ",", count: 14)
        let result = try Fixture.importCSV("\(title)\n\(Fixture.header)\n\(Fixture.primaryRow())\n")
        #expect(result.headerRow == 2)
        #expect(result.records.count == 1)
    }

    @Test func blankOptionalCellsAreNotReportedRatherThanZero() throws {
        let csv = """
        学校标识码,学校名称,学校类型,学段,城乡类型,所属学校标识码,在校生数,班级数,最大班额,专任教师数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,中级及以上职称教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数,计算机台数,图书册数
        3301020001,城关小学,小学,小学,城区,,600,12,,30,29,5,4,,3000,5000,1500000,12,0,

        """
        let r = try #require(try Fixture.importCSV(csv).records.first)
        #expect(r.parentSchoolCode == nil)
        #expect(r.quantities[.maxClassSize] == nil)
        #expect(r.quantities[.midSeniorTitleTeachers] == nil)
        #expect(r.quantities[.books] == nil)
        // Written as 0: reported as 0.
        #expect(r.quantities[.computers] == 0)
        // Columns absent from the file are not reported either.
        #expect(r.quantities[.musicRooms] == nil)
        #expect(r.quantities[.publicFundsPerStudent] == nil)
    }

    @Test func blankLinesAreSkippedAndStillCountAsRows() {
        // Row 1 header, 2 good, 3 empty, 4 only commas/spaces, 5 bad.
        let csv = "\(Fixture.header)\n\(Fixture.primaryRow())\n\n , , ,\n"
            + "3301020002,西湖小学,小学,小学,城区,500,10,20,20,3,3,2500,4000,1000000,十\n\n"
        let issues = Fixture.issues(csv)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 5, column: "网络多媒体教室数", value: "十",
                       zh: "不小于0的整数", en: "a whole number ≥ 0")
    }

    @Test func blankLinesBetweenValidRows() throws {
        let csv = "\(Fixture.header)\n\n\(Fixture.primaryRow())\n\n\n\(Fixture.primaryRow("3301020002", name: "西湖小学"))\n\n"
        let result = try Fixture.importCSV(csv)
        #expect(result.records.map(\.row) == [3, 6])
        #expect(result.records.map(\.schoolCode) == ["3301020001", "3301020002"])
    }

    @Test func quotedFieldsWithCommasAndEscapedQuotes() throws {
        let csv = Fixture.header + "\n"
            + #"3301020001,"城关小学,东校区",小学,小学,城区,600,12,30,29,5,4,3000,5000,"1500000",12"# + "\n"
            + #"3301020002,"""阳光""小学",小学,小学,城区,500,10,20,20,3,3,2500,4000,1000000,10"# + "\n"
        let result = try Fixture.importCSV(csv)
        #expect(result.records.map(\.schoolName) == ["城关小学,东校区", "\"阳光\"小学"])
        #expect(result.records[0].quantities[.equipmentValue] == 1_500_000)
        #expect(result.warnings.isEmpty)
    }

    @Test func embeddedNewlineInNameKeepsSpreadsheetRowNumbers() throws {
        // Three records after the header: a spreadsheet shows them on rows 2, 3 and 4,
        // however many line breaks the quoted name on row 2 holds.
        let good = """
        \(Fixture.header)
        3301020001,"城关小学
        （东校区）",小学,小学,城区,600,12,30,29,5,4,3000,5000,1500000,12
        \(Fixture.primaryRow("3301020002", name: "西湖小学"))

        """
        let result = try Fixture.importCSV(good)
        #expect(result.records.first?.schoolName == "城关小学\n（东校区）")
        #expect(result.records.map(\.row) == [2, 3])

        let bad = good + "3301020003,北山小学,小学,小学,城区,500,10,20,20,3,3,2500,4000,1000000,-2\n"
        let issues = Fixture.issues(bad)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 4, column: "网络多媒体教室数", value: "-2",
                       zh: "不小于0的整数", en: "a whole number ≥ 0")
    }

    @Test func crlfLineEnds() throws {
        let lines = [Fixture.header, Fixture.primaryRow(), Fixture.primaryRow("3301020002", name: "西湖小学")]
        let result = try Fixture.importCSV(lines.joined(separator: "\r\n") + "\r\n")
        #expect(result.records.map(\.row) == [2, 3])
        #expect(result.records[1].schoolName == "西湖小学")
        #expect(result.records[1].quantities[.multimediaClassrooms] == 12)

        let bad = lines.joined(separator: "\r\n") + "\r\n3301020003,北山小学,小学,小学,城区,500,10,20,20,3,3,2500,4000,1000000,1.5\r\n"
        let issues = Fixture.issues(bad)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 4, column: "网络多媒体教室数", value: "1.5", zh: "整数", en: "whole number")
    }

    @Test func tabDelimitedText() throws {
        let tabbed = [Fixture.header, Fixture.primaryRow()].map { $0.replacingOccurrences(of: ",", with: "\t") }
        // A comma inside a field is plain text in a tab-delimited file.
        let third = "3301020002\t西湖小学,分校\t小学\t小学\t镇区\t500\t10\t20\t20\t3\t3\t2500.5\t4000\t1000000\t10"
        let text = (tabbed + [third]).joined(separator: "\n") + "\n"
        let result = try Fixture.importCSV(text)
        #expect(result.records.count == 2)
        #expect(result.records[1].schoolName == "西湖小学,分校")
        #expect(result.records[1].location == .town)
        #expect(result.records[1].quantities[.teachingAuxArea] == 2500.5)
        #expect(result.records[0].quantities[.equipmentValue] == 1_500_000)
    }

    @Test func cellsWithSurroundingSpacesAreTrimmed() throws {
        let csv = "\(Fixture.header)\n 3301020001 , 城关小学 ,小学,小学,城区, 600 ,12,30,29,5,4,3000,5000,1500000,12\n"
        let r = try #require(try Fixture.importCSV(csv).records.first)
        #expect(r.schoolCode == "3301020001")
        #expect(r.schoolName == "城关小学")
        #expect(r.students == 600)
    }

    @Test func nineYearSchoolWithTwoSectionRows() throws {
        let csv = """
        \(Fixture.header)
        3301020010,城东九年一贯制学校,九年一贯制,小学,镇区,700,14,38,36,6,5,3200,6000,1400000,14
        3301020010,城东九年一贯制学校,九年一贯制,初中,镇区,450,9,40,38,5,4,3300,6500,1300000,9

        """
        let result = try Fixture.importCSV(csv)
        #expect(result.records.map(\.section) == [.single(.primary), .single(.junior)])
        #expect(result.records.allSatisfy { $0.sectionStudents == nil })
    }
}
