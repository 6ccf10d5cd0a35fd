import Foundation
import Funding
import JunhengImport
import JunhengSheets
import Testing

/// The budget importer: English or Chinese headers, UTF-8 or GB18030, exact amounts, all or nothing, located errors.
@Suite struct FundingImportTests {
    static let header = "学校标识码,财政年度,预算阶段,功能分类科目编码,经济分类科目编码,资金来源,转移支付项目,金额（元）\n"

    @Test func readsChineseHeadersAndExactAmounts() throws {
        let csv = Self.header + """
        3301000001,2026,年初预算,2050202,30201,本级,,1234.56
        3301000001,2026,决算,2050202,30216,上级转移支付,城乡义务教育补助经费,"1,000.1"
        3301000002,2025,initial,2050203,30101,own,,0.07
        """
        let b = try FundingImporter.importData(Data(csv.utf8), name: "budget.csv")
        #expect(b.lines.map(\.amount.fen) == [123_456, 100_010, 7])
        #expect(b.lines[1].source == .transfer(programme: "城乡义务教育补助经费") && b.lines[1].phase == .final)
        #expect(b.lines[2].phase == .initial && b.lines[2].row == 4)
        #expect(b.warnings.count == 1 && b.warnings[0].row == 3)   // the thousands separator is read, with a warning
    }

    @Test func readsEnglishHeadersInWanYuanAndGB18030() throws {
        let en = "school_code,fiscal_year,phase,functional_code,economic_code,fund_source,amount_wan_yuan\ns1,2026,final,2050202,30201,donation,1.234567\n"
        let b = try FundingImporter.importData(Data(en.utf8), name: "b.csv")
        #expect(b.lines.first?.amount.fen == 1_234_567 && b.lines.first?.source == .donation)
        // GB18030 bytes of a Chinese-headed file (encoded by iconv-equivalent table in Foundation).
        let zh = Self.header + "s1,2026,年初预算,2050202,30201,本级,,10\n"
        let gb = try #require(zh.data(using: String.Encoding(rawValue: 0x80000632)))   // kCFStringEncodingGB_18030_2000
        #expect(gb != Data(zh.utf8))
        let g = try FundingImporter.importData(gb, name: "gb.csv")
        #expect(g.lines.first?.amount.fen == 1_000)
    }

    @Test func everyProblemIsLocatedAndNothingIsImported() {
        let csv = Self.header + """
        3301000001,2026,年初预算,2050202,30201,本级,,12.345
        3301000001,2026,年初预算,2059998,30201,本级,,1
        3301000001,2026,年初预算,2050202,30201,上级转移支付,,1
        3301000001,2026,季度,2050202,30201,本级,,1
        bad code!,2026,年初预算,2050202,30201,本级,,1
        3301000001,2019,年初预算,2050202,30201,本级,,1
        3301000001,2026,年初预算,2050202,30201,本级,,-1
        3301000003,2026,年初预算,2050202,30299,本级,,1
        3301000001,2026,年初预算,2050202,30299,本级,,2
        3301000001,2026,年初预算,2050202,30299,本级,,3
        """
        do {
            _ = try FundingImporter.importData(Data(csv.utf8), name: "budget.csv", knownSchools: ["3301000001", "3301000002"])
            Issue.record("imported a bad file")
        } catch {
            guard case .invalid(let issues) = error else { Issue.record("\(error)"); return }
            let located = issues.map { "\($0.row) \($0.column)" }
            #expect(located.contains("2 金额（元）"))           // 3 decimals
            #expect(located.contains("3 功能分类科目编码"))      // not in the 2026 list
            #expect(located.contains("4 转移支付项目"))          // transfer without programme
            #expect(located.contains("5 预算阶段"))
            #expect(located.contains("6 学校标识码"))
            #expect(located.contains("7 财政年度"))             // no classification list for 2019
            #expect(located.contains("8 金额（元）"))           // negative
            #expect(located.contains("9 学校标识码"))           // not in the statistics file
            #expect(located.contains("11 学校标识码"))          // duplicate of row 10
            #expect(issues.allSatisfy { $0.file == "budget.csv" })
            #expect(issues.count == 9)
        }
    }

    @Test func aMissingColumnOrEmptyFileIsReported() {
        for (csv, where_) in [("学校标识码,财政年度\ns1,2026\n", "1 预算阶段"), ("", "1 ")] {
            do { _ = try FundingImporter.importData(Data(csv.utf8), name: "b.csv"); Issue.record("imported") } catch {
                guard case .invalid(let issues) = error else { return }
                #expect(issues.contains { "\($0.row) \($0.column)".hasPrefix(where_) }, "\(issues)")
            }
        }
    }

    @Test func projectsWithStagesAndExecution() throws {
        let budget = Data((Self.header + "s1,2026,年初预算,2050202,30201,本级,,10\n").utf8)
        let projects = """
        project_code,project_name,school_code,fiscal_year,indicator,budget_yuan,planned_tender_date,intent_date,tender_date,award_date,contract_date,acceptance_date,payment_date,execution
        P1,教学楼维修,s1,2026,R4,1800000,2026-03-15,2026-02-01,2026-03-15,2026-04-10,,,,2026-06-30:40;2026-09-30:70
        P2,仪器,s1,2026,X9,1,,2026-05-01,2026-04-01,,,,,2026-06-30:40;2026-05-30:70
        P1,重复,s1,2026,,1,,,,,,,,
        """
        do {
            _ = try FundingImporter.importData(budget, name: "b.csv", projects: ("p.csv", Data(projects.utf8)))
            Issue.record("imported")
        } catch {
            guard case .invalid(let issues) = error else { return }
            let located = Set(issues.map { "\($0.file) \($0.row) \($0.column)" })
            #expect(located == ["p.csv 3 关联指标", "p.csv 3 招标公告日期", "p.csv 3 执行进度", "p.csv 4 项目编码"], "\(located)")
        }
        let good = projects.split(separator: "\n").prefix(2).joined(separator: "\n")
        let b = try FundingImporter.importData(budget, name: "b.csv", projects: ("p.csv", Data(good.utf8)))
        let p = try #require(b.projects.first)
        #expect(p.budget == Fen(180_000_000) && p.stage == .award && p.executionPercent == 70 && p.indicatorKey == "R4")
        #expect(p.stages[.intent] == CivilDate("2026-02-01"))
    }

    @Test func writtenFilesImportUnchanged() throws {
        let schools = (1...6).map { FundingSchool(code: "s\($0)", name: "s\($0)", kind: $0 == 6 ? .special : .primary, location: $0 % 2 == 0 ? .rural : .urban,
                                                   primaryPupils: 40 * $0, juniorPupils: 0) }
        let d = FundingDemo.dataset(countyCode: "c", countyName: "c", schools: schools, years: [2025, 2026])
        let b = try FundingImporter.importData(Data(FundingWriter.csv(FundingWriter.budgetRows(d.lines)).utf8), name: "b.csv",
                                               projects: ("p.csv", Data(FundingWriter.csv(FundingWriter.projectRows(d.projects)).utf8)))
        #expect(b.lines.map(\.amount) == d.lines.map(\.amount))
        #expect(b.lines.map(\.source) == d.lines.map(\.source))
        #expect(b.projects.map(\.stages) == d.projects.map(\.stages))
        #expect(b.projects.map(\.execution) == d.projects.map(\.execution))
    }

    @Test func readsAnXLSXWorkbookWithBudgetAndProjectSheets() throws {
        var wb = XLSXWorkbook()
        wb.addSheet(name: "说明", rows: [[.text("填写说明")]])
        wb.addSheet(name: "预算", rows: [
            ["学校标识码", "财政年度", "预算阶段", "功能分类科目编码", "经济分类科目编码", "资金来源", "金额（元）"].map { XLSXCell.header($0) },
            [.text("s1"), .number(2026), .text("年初预算"), .text("2050202"), .text("30216"), .text("本级"), .number(1234.5)],
            [.text("s1"), .number(2026), .text("决算"), .text("2050202"), .text("30216"), .text("本级"), .text("0.07")],
        ])
        wb.addSheet(name: "项目", rows: [
            ["项目编码", "项目名称", "学校标识码", "财政年度", "项目预算（元）", "采购意向公开日期", "招标公告日期"].map { XLSXCell.header($0) },
            [.text("P1"), .text("运动场"), .text("s1"), .number(2026), .number(2600000), .text("2026-02-10"), .text("2026-03-20")],
        ])
        let b = try FundingImporter.importData(try wb.data(), name: "预算.xlsx")
        #expect(b.lines.map(\.amount.fen) == [123_450, 7])
        #expect(b.lines.first?.row == 2)
        #expect(b.projects.count == 1 && b.projects.first?.stage == .tender && b.projects.first?.budget == Fen(260_000_000))
        // A number with more than 2 decimals in a cell is located in its sheet row.
        var bad = XLSXWorkbook()
        bad.addSheet(name: "预算", rows: [
            ["school_code", "fiscal_year", "phase", "functional_code", "economic_code", "fund_source", "amount_yuan"].map { XLSXCell.header($0) },
            [.text("s1"), .number(2026), .text("initial"), .text("2050202"), .text("30216"), .text("own"), .number(0.125)],
        ])
        #expect(throws: ImportError.self) { try FundingImporter.importData(try bad.data(), name: "b.xlsx") }
    }
}
