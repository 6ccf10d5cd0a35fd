import Testing
@testable import Funding

/// Money in 分: decimal parsing without floating point, 万元 rounding half-up, reconciliation of statutory tables.
@Suite struct MoneyTests {
    @Test func decimalYuanParsesExactlyIntoFen() {
        #expect(Fen.parse(yuan: "1234.56")?.fen == 123_456)
        #expect(Fen.parse(yuan: "0.1")?.fen == 10)          // 0.1 is not exact in binary; here it is 10 分
        #expect(Fen.parse(yuan: ".5")?.fen == 50)
        #expect(Fen.parse(yuan: "1,234.50")?.fen == 123_450)
        #expect(Fen.parse(yuan: "-5")?.fen == -500)
        #expect(Fen.parse(yuan: "10000000000000.00")?.fen == 1_000_000_000_000_000)   // the bound itself
        for bad in ["1.234", "1e3", "", "12.", "1,23", "12,3456", "1.2.3", "--1", "¥5", "0x10", "10000000000000.01", "99999999999999999999"] {
            #expect(Fen.parse(yuan: bad) == nil, "\(bad)")
        }
        #expect(Fen.parse(wanYuan: "12.345678")?.fen == 12_345_678)   // 12.345678 万元 = 123,456.78 元
        #expect(Fen.parse(wanYuan: "1.0000001") == nil)
    }

    @Test func formatsExactYuan() {
        #expect(Fen(123_456).yuanString == "1234.56")
        #expect(Fen(7).yuanString == "0.07")
        #expect(Fen(-7).yuanString == "-0.07")
        #expect(Fen(Int.min).yuanString == "-92233720368547758.08")
    }

    @Test func wanYuanRoundsHalfUpAwayFromZero() {
        // 1 hundredth of 万元 = 100 元 = 10,000 分.
        #expect(Fen(5_000).wanYuanHundredths == 1)       // 0.005 万元 → 0.01
        #expect(Fen(4_999).wanYuanHundredths == 0)
        #expect(Fen(15_000).wanYuanHundredths == 2)      // 0.015 → 0.02
        #expect(Fen(14_999).wanYuanHundredths == 1)
        #expect(Fen(-5_000).wanYuanHundredths == -1)
        #expect(Fen(-4_999).wanYuanHundredths == 0)
        #expect(Fen(123_456_789).wanYuanString == "123.46")   // 1,234,567.89 元 = 123.456789 万元
        #expect(Fen(123_449_999).wanYuanString == "123.45")
    }

    @Test func checkedArithmeticRefusesOverflow() {
        #expect(Fen(Int.max).adding(Fen(1)) == nil)
        #expect(Fen.total([Fen(Int.max), Fen(1)]) == nil)
        #expect(Fen.total([Fen(1), Fen(2)]) == Fen(3))
        #expect(Fen(yuan: Int.max / 10) == nil)
    }

    @Test func statutoryTableReconcilesAndShowsTheRoundingDifference() throws {
        // Three rows of 150 元 (0.015 万元 each): printed 0.02 each, printed total 0.06; the exact total 450 元 = 0.045
        // 万元 rounds to 0.05 on its own: difference +0.01.
        let t = try #require(StatutoryTable(title: "t", rows: [("a", "A", Fen(15_000)), ("b", "B", Fen(15_000)), ("c", "C", Fen(15_000))]))
        #expect(t.rows.map(\.printed) == [2, 2, 2])
        #expect(t.printedTotal == 6)
        #expect(t.separatelyRoundedTotal == 5)
        #expect(t.roundingDifference == 1)
        #expect(t.total == Fen(45_000))
        // No difference when rows are whole hundreds of yuan.
        let u = try #require(StatutoryTable(title: "u", rows: [("a", "A", Fen(1_000_000)), ("b", "B", Fen(2_340_000))]))
        #expect(u.printedTotal == 334 && u.roundingDifference == 0)
        #expect(WanYuan.format(u.printedTotal) == "3.34")
    }

    @Test func tablesGroupByClassification() throws {
        let c = try #require(ClassificationCatalog.builtIn(year: 2026))
        let lines = [
            BudgetLine(schoolCode: "s1", fiscalYear: 2026, phase: .initial, functionalCode: "2050202", economicCode: "30201", source: .own, amount: Fen(100)),
            BudgetLine(schoolCode: "s1", fiscalYear: 2026, phase: .initial, functionalCode: "2050202", economicCode: "30216", source: .transfer(programme: "城乡义务教育补助经费"), amount: Fen(200)),
            BudgetLine(schoolCode: "s2", fiscalYear: 2026, phase: .initial, functionalCode: "2050203", economicCode: "30101", source: .own, amount: Fen(400)),
            BudgetLine(schoolCode: "s2", fiscalYear: 2026, phase: .final, functionalCode: "2050203", economicCode: "30101", source: .own, amount: Fen(800)),
        ]
        let f = try #require(StatutoryTable.byFunction(lines, phase: .initial, catalog: c, title: "f"))
        #expect(f.rows.map(\.key) == ["2050202", "2050203"] && f.rows.map(\.amount.fen) == [300, 400])
        #expect(f.rows.map(\.label) == ["小学教育", "初中教育"])
        let e = try #require(StatutoryTable.byEconomicClass(lines, phase: .initial, catalog: c, title: "e"))
        #expect(e.rows.map(\.key) == ["301", "302"] && e.rows.map(\.amount.fen) == [400, 300])
        let s = try #require(StatutoryTable.bySource(lines, phase: .initial, title: "s"))
        #expect(s.rows.map(\.amount.fen) == [500, 200] && s.rows.last?.label == "上级转移支付 · 城乡义务教育补助经费")
    }

    @Test func exactProductsCompareBeyondInt64() {
        // 10^15 × 10^5 × 10^4 = 10^24 against 9 × 10^3 × 10^15 × 10^5 = 9 × 10^23.
        #expect(ExactProduct.atLeast([1_000_000_000_000_000, 100_000, 10_000], [9_000, 1_000_000_000_000_000, 100_000]))
        #expect(!ExactProduct.atLeast([9_000, 1_000_000_000_000_000, 100_000], [1_000_000_000_000_000, 100_000, 10_000]))
        #expect(ExactProduct.compare([6, 7], [42]) == 0)
        #expect(ExactProduct.compare([Int.max, Int.max], [Int.max, Int.max - 1]) == 1)
    }

    @Test func civilDatesCountDaysAcrossLeapYears() throws {
        let a = try #require(CivilDate("2024-02-01")), b = try #require(CivilDate("2024-03-02"))
        #expect(a.days(to: b) == 30)    // February 2024 has 29 days
        #expect(try #require(CivilDate("2025-02-01")).days(to: try #require(CivilDate("2025-03-03"))) == 30)
        #expect(CivilDate("2025-02-29") == nil && CivilDate("2026-13-01") == nil && CivilDate("26-01-01") == nil)
        #expect(CivilDate("1970-01-01")?.dayNumber == 0)
        #expect(CivilDate("2000-03-01")?.dayNumber == 11_017)
    }

    @Test func classificationOverrideIsVersionedPerYear() throws {
        let c = try #require(ClassificationCatalog.builtIn(year: 2026))
        #expect(c.functionalName("2050202") == "小学教育" && c.economicName("30216") == "培训费")
        let o = try c.applying(overrideJSON: Array(#"{"fiscal_year": 2026, "functional": {"2050207": "特殊教育（地方）"}, "remove": ["30239"]}"#.utf8).data)
        #expect(o.functionalName("2050207") == "特殊教育（地方）" && o.economicName("30239") == nil)
        #expect(throws: ClassificationCatalog.OverrideError.self) { try c.applying(overrideJSON: Array(#"{"fiscal_year": 2025}"#.utf8).data) }
        #expect(throws: ClassificationCatalog.OverrideError.self) { try c.applying(overrideJSON: Array(#"{"fiscal_year": 2026, "economic": {"3x": "a"}}"#.utf8).data) }
        #expect(ClassificationCatalog.builtIn(year: 2019) == nil)
    }
}

import Foundation
extension Array where Element == UInt8 { var data: Data { Data(self) } }
