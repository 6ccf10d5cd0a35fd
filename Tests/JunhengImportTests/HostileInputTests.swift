import EquityKit
import Foundation
import JunhengSheets
import Testing
@testable import JunhengImport

/// Hostile statistics files: numbers that would trap a conversion, codes that are markup, floods of bad cells,
/// files past the read limits. Each is rejected with a located error; none crashes or exhausts memory.
@Suite struct HostileInputTests {
    @Test func hugeStudentCountIsALocatedErrorNamingTheBound() {
        // Before: Int(1e20) trapped in RowValidator and took the whole server down.
        let issues = Fixture.issues("\(Fixture.header)\n3301020001,城关小学,小学,小学,城区,1e20,12,30,29,5,4,3000,5000,1500000,12\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "在校生数", value: "1e20", zh: "0–100000 之间的整数", en: "from 0 to 100000")
        #expect(issues.first?.expectedEN.contains("students") == true)
    }

    @Test func everyNumericColumnHasABoundFromTheTable() {
        for column in TemplateColumn.all where column.kind == .count || column.kind == .amount {
            #expect(ImportBounds.statistics.maximum[column.key] != nil, "no bound for \(column.key)")
        }
        // Just above the bound is rejected, the bound itself is accepted (area: 10,000,000 m²).
        let over = Fixture.issues("\(Fixture.header)\n3301020001,城关小学,小学,小学,城区,600,12,30,29,5,4,10000000.5,5000,1500000,12\n")
        Fixture.expect(over.first, row: 2, column: "教学及辅助用房面积", value: "10000000.5", zh: "0–10000000 之间的数值", en: "a number from 0 to 10000000")
        #expect(throws: Never.self) {
            try Fixture.importCSV("\(Fixture.header)\n3301020001,城关小学,小学,小学,城区,600,12,30,29,5,4,10000000,5000,1500000,12\n")
        }
    }

    @Test func hugeCountsOnCombinedRowsAreRejectedNotSummed() {
        // Before: Int(p) + Int(j) overflowed (or Int(9e18 * 2) trapped) on a 合计 row.
        let row = "3301020009,一贯制学校,九年一贯制,合计,城区,18000000000000000000,40,90,88,10,9,9000,9000,3000000,40,9000000000000000000,9000000000000000000"
        let issues = Fixture.issues("\(Fixture.combinedHeader)\n\(row)\n")
        #expect(issues.contains { $0.column == "在校生数" && $0.expectedZH.contains("上限") })
        #expect(issues.contains { $0.column == "小学在校生数" && $0.expectedZH.contains("上限") })
        #expect(issues.contains { $0.column == "初中在校生数" && $0.expectedZH.contains("上限") })
    }

    @Test func markupInACodeIsRejected() {
        let hostile = #"x"><img src=x onerror=alert(1)>"#
        let csvField = "\"" + hostile.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let issues = Fixture.issues("\(Fixture.header)\n\(csvField),城关小学,小学,小学,城区,600,12,30,29,5,4,3000,5000,1500000,12\n")
        #expect(issues.count == 1)
        Fixture.expect(issues.first, row: 2, column: "学校标识码", value: hostile, zh: "1–32 位字母、数字、- 或 _", en: "1–32 letters, digits, - or _")
        // Too long, and non-ASCII, codes too; the 10-digit national code and other plain codes pass.
        #expect(!CodeRule.isValid(String(repeating: "1", count: 33)))
        #expect(!CodeRule.isValid("城关01") && !CodeRule.isValid("a b") && !CodeRule.isValid(""))
        #expect(CodeRule.isValid("3301020001") && CodeRule.isValid("TP-01_a"))
    }

    @Test func markupInAParentCodeIsRejected() {
        let header = Fixture.header + ",所属学校标识码"
        let issues = Fixture.issues("\(header)\n\(Fixture.primaryRow()),<script>\n")
        Fixture.expect(issues.first, row: 2, column: "所属学校标识码", value: "<script>", zh: "字母、数字", en: "letters, digits")
    }

    @Test func aMillionBadCellsGiveOneThousandIssuesAndTheTotal() throws {
        // 50,000 rows × (a bad school type + 19 bad numbers) = 1,000,000 problems; before, every one became a message.
        // (The three per-section student columns are read on 合计 rows only, so they are left out.)
        let perSection = ["primary_students", "junior_students", "senior_students"]
        let columns = TemplateColumn.all.filter { ($0.kind == .count || $0.kind == .amount) && !perSection.contains($0.key) }
        #expect(columns.count == 19)
        var text = "学校标识码,学校名称,学校类型,学段,城乡类型," + columns.map(\.header).joined(separator: ",") + "\n"
        let bad = Array(repeating: "x", count: 19).joined(separator: ",")
        for i in 0..<50_000 { text += "C\(i),学校,x,小学,城区," + bad + "\n" }
        let issues = Fixture.issues(text)
        #expect(issues.count == 1_001)
        let listed = issues.filter { $0.moreNotListed == 0 }
        #expect(listed.count == 1_000)
        #expect(listed.map(\.row) == listed.map(\.row).sorted())
        #expect(listed.first?.row == 2)
        #expect(issues.last?.moreNotListed == 1_000_000 - 1_000)
        #expect(issues.last?.en == "… and 999000 more")
        let error = ImportError.invalid(issues)
        #expect(error.lines(english: true).first == "1000000 problem(s); nothing was imported:")
        #expect(error.lines(english: false).last == "… 另有 999000 处错误未列出")
    }

    @Test func csvLimitsGiveLocatedErrors() {
        var limits = ReadLimits()
        limits.rows = 3
        let rows = Fixture.issues("\(Fixture.header)\n\(Fixture.primaryRow("A1"))\n\(Fixture.primaryRow("A2"))\n\(Fixture.primaryRow("A3"))\n",
                                  options: ImportOptions(limits: limits))
        #expect(rows.count == 1 && rows.first?.row == 4 && rows.first?.expectedEN.contains("at most 3 rows") == true)

        limits = ReadLimits()
        limits.cellBytes = 40
        let long = Fixture.issues("\(Fixture.header)\n\(Fixture.primaryRow(name: String(repeating: "长", count: 20)))\n",
                                  options: ImportOptions(limits: limits))
        #expect(long.count == 1 && long.first?.row == 2 && long.first?.column.contains("column 2") == true)
        #expect(long.first?.expectedEN.contains("at most 40 bytes a field") == true)

        limits = ReadLimits()
        limits.columns = 10
        let wide = Fixture.issues("\(Fixture.header)\n", options: ImportOptions(limits: limits))
        #expect(wide.first?.row == 1 && wide.first?.expectedEN.contains("at most 10 columns") == true)

        limits = ReadLimits()
        limits.fileBytes = 100
        let big = Fixture.issues("\(Fixture.header)\n\(Fixture.primaryRow())\n", options: ImportOptions(limits: limits))
        #expect(big.first?.expectedEN == "a file of at most 100 bytes")
    }

    @Test func csvLimitsHoldInBothHalvesOfALargeFile() {
        // Over 2 MiB the file is validated in two pieces in parallel; a limit passed in the second still stops it.
        var text = Fixture.header + "\n"
        var n = 0
        while text.utf8.count < 3 << 20 { text += Fixture.primaryRow("S\(n)") + "\n"; n += 1 }
        var limits = ReadLimits()
        limits.rows = n  // the header takes one, so the last row is past the limit
        let issues = Fixture.issues(text, options: ImportOptions(limits: limits))
        #expect(issues.count == 1 && issues.first?.row == n + 1)
    }

    @Test func xlsxNumberPastTheBoundIsLocated() throws {
        var book = XLSXWorkbook()
        let header = Fixture.header.split(separator: ",").map { XLSXCell.header(String($0)) }
        let values: [XLSXCell] = [.text("3301020001"), .text("城关小学"), .text("小学"), .text("小学"), .text("城区"), .number(1e20),
                                  .number(12), .number(30), .number(29), .number(5), .number(4), .number(3000), .number(5000),
                                  .number(1_500_000), .number(12)]
        book.addSheet(name: "学校统计", rows: [header, values])
        let issues = Fixture.issues([UInt8](try book.data()))
        #expect(issues.count == 1)
        #expect(issues.first?.row == 2 && issues.first?.column == "在校生数" && issues.first?.expectedZH.contains("100000") == true)
    }

    @Test func formulaLikeNamesSurviveTheTemplateRoundTrip() throws {
        var record = try #require(try Fixture.importCSV("\(Fixture.header)\n\(Fixture.primaryRow())\n").records.first)
        for name in [#"=HYPERLINK("http://x","点击")"#, "+1 (555)", "-x", "@SUM(A1)", "'=already quoted"] {
            record.schoolName = name
            let csv = TemplateWriter.csv([record])
            let line = try #require(csv.split(separator: "\r\n").dropFirst().first)
            let written = try #require(line.split(separator: ",", maxSplits: 2).dropFirst().first)
            #expect(written.hasPrefix("'") || written.hasPrefix("\"'"), "\(written)")
            let back = try Fixture.importCSV(csv)
            #expect(back.records.first?.schoolName == name)
        }
    }
}
