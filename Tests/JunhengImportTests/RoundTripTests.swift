import EquityKit
import Foundation
import JunhengDemo
import JunhengImport
import JunhengSheets
import Testing

/// What TemplateWriter writes, the importer reads back unchanged.
@Suite struct RoundTripTests {
    static let records = DemoCounty.records(county: 1, schools: 80, seed: 5)

    @Test func demoCountyIsVaried() {
        // Guards the round trips below against a degenerate fixture.
        let records = Self.records
        #expect(records.count >= 80)
        #expect(records.contains { $0.section == .combined && $0.schoolType == .nineYear })
        #expect(records.contains { $0.schoolType == .completeSecondary && ($0.sectionStudents?.senior ?? 0) > 0 })
        #expect(records.contains { $0.schoolType == .teachingPoint })
    }

    @Test func csvRoundTrip() throws {
        let csv = TemplateWriter.csv(Self.records)
        let result = try Fixture.importCSV(csv)
        #expect(result.headerRow == 1)
        #expect(result.format == .csv(.utf8))
        #expect(result.records.count == Self.records.count)
        #expect(result.records.map(\.row) == Array(2..<(2 + Self.records.count)))
        for (imported, original) in zip(result.records, Self.records) {
            #expect(imported.withoutRow == original)
        }
        #expect(result.warnings.allSatisfy { $0.column == "所属学校标识码" })
    }

    @Test func csvRoundTripThroughAFileInGB18030() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("demo.csv").path
        let bytes = try #require(TextDecoding.gb18030(from: TemplateWriter.csv(Self.records)))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try StatisticsImporter.importFile(atPath: path)
        #expect(result.format == .csv(.gb18030))
        #expect(result.records.map(\.withoutRow) == Self.records)
    }

    @Test func xlsxRoundTrip() throws {
        let bytes = [UInt8](try TemplateWriter.xlsx(Self.records))
        let result = try StatisticsImporter.importData(bytes)
        #expect(result.format == .xlsx(sheet: "学校统计"))
        #expect(result.records.count == Self.records.count)
        #expect(result.records.map(\.row) == Array(2..<(2 + Self.records.count)))
        for (imported, original) in zip(result.records, Self.records) {
            #expect(imported.withoutRow == original)
        }
    }

    @Test func namesWithCommasQuotesAndLineBreaksRoundTrip() throws {
        var q = Quantities()
        for (quantity, value) in [(Quantity.classes, 12.0), (.teachers, 30), (.degreeTeachers, 29), (.backboneTeachers, 5),
                                  (.peArtTeachers, 4), (.teachingAuxArea, 3000.25), (.sportsArea, 5000),
                                  (.equipmentValue, 1_500_000), (.multimediaClassrooms, 12)] {
            q[quantity] = value
        }
        let records = [
            StatisticsRecord(schoolCode: "3301020001", schoolName: "城关小学,东校区", schoolType: .primary,
                             section: .single(.primary), location: .urban, students: 600, quantities: q),
            StatisticsRecord(schoolCode: "3301020002", schoolName: "\"阳光\"小学", schoolType: .primary,
                             section: .single(.primary), location: .town, students: 500, quantities: q),
            StatisticsRecord(schoolCode: "3301020003", schoolName: "北山小学\n（分校）", schoolType: .primary,
                             section: .single(.primary), location: .rural, students: 400, quantities: q),
        ]
        let csv = try Fixture.importCSV(TemplateWriter.csv(records))
        #expect(csv.records.map(\.withoutRow) == records)
        let xlsx = try StatisticsImporter.importData([UInt8](try TemplateWriter.xlsx(records)))
        #expect(xlsx.records.map(\.withoutRow) == records)
    }

    @Test func emptyTemplateIsAHeaderWithoutRows() throws {
        for bytes in [Array(TemplateWriter.csv().utf8), [UInt8](try TemplateWriter.xlsx())] {
            let issues = Fixture.issues(bytes)
            #expect(issues.count == 1)
            Fixture.expect(issues.first, row: 2, column: "", value: "", zh: "至少一行学校数据", en: "at least one school row")
        }
    }

    @Test func templateHeadersAreTheSpecsChineseHeaders() {
        let header = TemplateWriter.csv().split(separator: "\r\n").first.map(String.init)
        #expect(header?.hasPrefix("学校标识码,学校名称,学校类型,学段,城乡类型,所属学校标识码,在校生数,小学在校生数,初中在校生数") == true)
        for column in TemplateColumn.all {
            #expect(TemplateColumn.matching(column.header) == column)
            #expect(TemplateColumn.matching(column.key) == column)
        }
    }

    /// A file of several MB is split and validated in two parts; rows, records and cross-row checks must not
    /// depend on where it was cut.
    @Test func largeFileIsReadTheSameWhenSplit() throws {
        var records = DemoCounty.records(county: 2, schools: 16_000, seed: 11)
        let text = Array(TemplateWriter.csv(records).utf8)
        let parts = text.withUnsafeBufferPointer { CSVReader.parts(of: $0, count: 2) }
        try #require(parts.count == 2, "the file must be large enough to be split (\(text.count) bytes)")

        let result = try StatisticsImporter.importData(text)
        #expect(result.records.count == records.count)
        #expect(result.records.map(\.row) == Array(2..<(2 + records.count)))
        #expect(result.records.map(\.withoutRow) == records)

        // Now break a row in the second part and repeat, late in the file, a primary school from the start.
        let early = try #require(records.firstIndex { $0.schoolType == .primary })
        let late = try #require(records.lastIndex { $0.schoolType == .primary && $0.schoolCode != records[early].schoolCode })
        let broken = try #require(records.indices.last { $0 > records.count * 3 / 4 && $0 != late && ($0 + 2) > parts[1].firstRow })
        records[late].schoolCode = records[early].schoolCode
        records[broken].quantities[.backboneTeachers] = (records[broken].quantities[.teachers] ?? 0) + 1
        let issues = Fixture.issues(Array(TemplateWriter.csv(records).utf8))
        #expect(issues.count == 2)
        let bad = issues.at(row: broken + 2, column: "县级及以上骨干教师数")
        #expect(bad != nil)
        let duplicate = issues.at(row: late + 2, column: "学段")
        #expect(duplicate?.expectedZH.contains("第\(early + 2)行") == true)
    }
}
