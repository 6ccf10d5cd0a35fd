import EquityKit
import Foundation
import JunhengImport
import JunhengSheets
import Testing

/// CSV in UTF-8, UTF-8 with BOM, GB18030 (Excel on Chinese Windows) and UTF-16; declared encodings; bad bytes.
@Suite struct EncodingTests {
    let text = "\(Fixture.header)\n\(Fixture.primaryRow())\n\(Fixture.primaryRow("3301020002", name: "西湖小学"))\n"

    @Test func utf8() throws {
        let result = try StatisticsImporter.importData(Array(text.utf8))
        #expect(result.format == .csv(.utf8))
        #expect(result.records.map(\.schoolName) == ["城关小学", "西湖小学"])
    }

    @Test func utf8WithBOM() throws {
        let result = try StatisticsImporter.importData([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(result.format == .csv(.utf8BOM))
        #expect(result.headerRow == 1)
        #expect(result.ignoredColumns.isEmpty)
        #expect(result.records.map(\.schoolName) == ["城关小学", "西湖小学"])
        #expect(result.records.map(\.row) == [2, 3])
    }

    @Test func gb18030MadeByOurEncoder() throws {
        let bytes = try #require(TextDecoding.gb18030(from: text))
        #expect(bytes.count < Array(text.utf8).count, "GB18030 uses 2 bytes per Han character, UTF-8 uses 3")
        let result = try StatisticsImporter.importData(bytes)
        #expect(result.format == .csv(.gb18030))
        #expect(result.records.map(\.schoolName) == ["城关小学", "西湖小学"])
        #expect(result.records[0].schoolType == .primary)
        #expect(result.records[0].location == .urban)
    }

    /// Bytes produced by Python (`'城关小学'.encode('gb18030')` etc.), not by the code under test.
    static let gbSchoolCode: [UInt8] = [0xD1, 0xA7, 0xD0, 0xA3, 0xB1, 0xEA, 0xCA, 0xB6, 0xC2, 0xEB] // 学校标识码
    static let gbChengguanXiaoxue: [UInt8] = [0xB3, 0xC7, 0xB9, 0xD8, 0xD0, 0xA1, 0xD1, 0xA7] // 城关小学
    static let gbXiaoxue: [UInt8] = [0xD0, 0xA1, 0xD1, 0xA7] // 小学
    static let gbChengqu: [UInt8] = [0xB3, 0xC7, 0xC7, 0xF8] // 城区

    @Test func ourEncoderAgreesWithPython() {
        #expect(TextDecoding.gb18030(from: "学校") == [0xD1, 0xA7, 0xD0, 0xA3])
        #expect(TextDecoding.gb18030(from: "学校标识码") == Self.gbSchoolCode)
        #expect(TextDecoding.gb18030(from: "城关小学") == Self.gbChengguanXiaoxue)
        #expect(TextDecoding.gb18030(from: "城区") == Self.gbChengqu)
    }

    @Test func gb18030MadeIndependently() throws {
        // Header: 学校标识码 plus English keys; one row whose name, type, section and location are GB18030.
        func ascii(_ s: String) -> [UInt8] { Array(s.utf8) }
        var bytes = Self.gbSchoolCode
        bytes += ascii(",school_name,school_type,section,location,students,classes,teachers,teachers_above_required_degree,"
            + "backbone_teachers,pe_art_teachers,teaching_aux_area_m2,sports_area_m2,equipment_value_yuan,multimedia_classrooms\r\n")
        bytes += ascii("3301020001,") + Self.gbChengguanXiaoxue + ascii(",") + Self.gbXiaoxue + ascii(",") + Self.gbXiaoxue
        bytes += ascii(",") + Self.gbChengqu + ascii(",600,12,30,29,5,4,3000,5000,1500000,12\r\n")

        let result = try StatisticsImporter.importData(bytes)
        #expect(result.format == .csv(.gb18030))
        let r = try #require(result.records.first)
        #expect(r.schoolCode == "3301020001")
        #expect(r.schoolName == "城关小学")
        #expect(r.schoolType == .primary)
        #expect(r.section == .single(.primary))
        #expect(r.location == .urban)
        #expect(r.students == 600)

        // The same bytes with the encoding declared as `--encoding gbk` would be.
        let declared = try StatisticsImporter.importData(bytes, options: ImportOptions(encoding: TextEncoding(label: "gbk")))
        #expect(declared.format == .csv(.gb18030))
        #expect(declared.records == result.records)
    }

    @Test func encodingLabelsAcceptedByEncodingOption() {
        #expect(TextEncoding(label: "GBK") == .gb18030)
        #expect(TextEncoding(label: "gb2312") == .gb18030)
        #expect(TextEncoding(label: "GB18030") == .gb18030)
        #expect(TextEncoding(label: "utf8") == .utf8)
        #expect(TextEncoding(label: "UTF-8") == .utf8)
        #expect(TextEncoding(label: "utf_8_sig") == .utf8BOM)
        #expect(TextEncoding(label: "utf-16") == .utf16)
        #expect(TextEncoding(label: "latin1") == nil)
    }

    @Test func declaredUTF8AppliedToUTF8WithBOM() throws {
        let result = try StatisticsImporter.importData([0xEF, 0xBB, 0xBF] + Array(text.utf8),
                                                       options: ImportOptions(encoding: .utf8))
        #expect(result.records.count == 2)
    }

    @Test func declaredUTF8OnGB18030BytesNamesTheRow() throws {
        // Header is ASCII (English keys); the first non-UTF-8 byte is in the name on row 3.
        let english = "school_code,school_name,school_type,section,location,students,classes,teachers,teachers_above_required_degree,"
            + "backbone_teachers,pe_art_teachers,teaching_aux_area_m2,sports_area_m2,equipment_value_yuan,multimedia_classrooms\n"
            + "3301020001,A,primary,primary,urban,600,12,30,29,5,4,3000,5000,1500000,12\n"
        let bytes = Array(english.utf8) + Array("3301020002,".utf8) + Self.gbChengguanXiaoxue
            + Array(",primary,primary,urban,600,12,30,29,5,4,3000,5000,1500000,12\n".utf8)
        // Detected: fine as GB18030.
        #expect(try StatisticsImporter.importData(bytes).records.map(\.schoolName) == ["A", "城关小学"])
        // Declared UTF-8: rejected, on row 3.
        let issues = Fixture.issues(bytes, options: ImportOptions(encoding: .utf8))
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 3, column: "", value: "(utf-8)", zh: "UTF-8", en: "UTF-8")
    }

    @Test func invalidBytesNameTheRow() {
        // 0xFF is neither UTF-8 nor GB18030; it sits on row 3.
        let bytes = Array("\(Fixture.header)\n\(Fixture.primaryRow())\n3301020002,".utf8) + [0xFF]
            + Array("西湖小学,小学,小学,城区,500,10,20,20,3,3,2500,4000,1000000,10\n".utf8)
        let issues = Fixture.issues(bytes)
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 3, column: "", value: "(utf-8)", zh: "编码", en: "text")

        let declared = Fixture.issues(bytes, options: ImportOptions(encoding: .utf8))
        #expect(declared.map(\.row) == [3])
    }

    @Test func invalidBytesAfterCRLFLineEnds() {
        let bytes = Array("\(Fixture.header)\r\n\(Fixture.primaryRow())\r\n\(Fixture.primaryRow("3301020002"))\r\n3301020003,".utf8)
            + [0xFF] + Array(",小学,小学,城区,500,10,20,20,3,3,2500,4000,1000000,10\r\n".utf8)
        #expect(Fixture.issues(bytes).map(\.row) == [4])
    }

    @Test func invalidBytesAfterCROnlyLineEnds() {
        // CR-only line ends are accepted by the CSV reader, so rows must be counted the same way here.
        let bytes = Array("\(Fixture.header)\r\(Fixture.primaryRow())\r3301020003,".utf8)
            + [0xFF] + Array(",小学,小学,城区,500,10,20,20,3,3,2500,4000,1000000,10\r".utf8)
        #expect(Fixture.issues(bytes).map(\.row) == [3])
    }

    @Test func invalidBytesAfterAMultiLineCell() {
        // Row 2's name holds a line break; the bad byte is in the record a spreadsheet shows as row 3.
        let bytes = Array("\(Fixture.header)\n3301020001,\"城关小学\n东校区\",小学,小学,城区,600,12,30,29,5,4,3000,5000,1500000,12\n3301020003,".utf8)
            + [0xFF] + Array(",小学,小学,城区,500,10,20,20,3,3,2500,4000,1000000,10\n".utf8)
        #expect(Fixture.issues(bytes).map(\.row) == [3])
    }

    @Test func declaredGB18030WithInvalidBytesNamesTheRow() throws {
        // 0x81 0x20: a GB18030 lead byte followed by a byte that cannot follow it; row 2.
        let good = try #require(TextDecoding.gb18030(from: "\(Fixture.header)\n3301020001,"))
        let bytes = good + [0x81, 0x20] + Array(",小学,小学,城区,600,12,30,29,5,4,3000,5000,1500000,12\n".utf8)
        let issues = Fixture.issues(bytes, options: ImportOptions(encoding: .gb18030))
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "", value: "(gb18030)", zh: "GB18030", en: "GB18030")
    }

    @Test func utf16LittleEndianWithBOM() throws {
        let result = try StatisticsImporter.importData(Fixture.utf16LE(text))
        #expect(result.format == .csv(.utf16))
        #expect(result.records.map(\.schoolName) == ["城关小学", "西湖小学"])
        #expect(result.records.map(\.row) == [2, 3])
    }

    @Test func utf16TabDelimitedAsExcelUnicodeText() throws {
        let tabbed = text.replacingOccurrences(of: ",", with: "\t").replacingOccurrences(of: "\n", with: "\r\n")
        let result = try StatisticsImporter.importData(Fixture.utf16LE(tabbed))
        #expect(result.records.map(\.schoolCode) == ["3301020001", "3301020002"])
        #expect(result.records[1].quantities[.equipmentValue] == 1_500_000)
    }
}
