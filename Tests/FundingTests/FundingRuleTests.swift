import Foundation
import Testing
@testable import Funding

/// Every rule at its boundary, with the facts worked out by hand (quota 720 / 940 yuan, 6,000 yuan, 5%, 90%,
/// 30 days, 100 pupils, 10%).
@Suite struct FundingRuleTests {
    static func school(_ code: String, _ kind: FundingSchool.Kind = .primary, _ loc: FundingSchool.Location = .urban,
                       primary: Int = 0, junior: Int = 0) -> FundingSchool {
        FundingSchool(code: code, name: code, kind: kind, location: loc, primaryPupils: primary, juniorPupils: junior)
    }

    static func line(_ school: String, _ yuan: String, economic: String = "30201", year: Int = 2026, phase: BudgetPhase = .initial) -> BudgetLine {
        BudgetLine(schoolCode: school, fiscalYear: year, phase: phase, functionalCode: "2050202", economicCode: economic, source: .own,
                   amount: Fen.parse(yuan: yuan) ?? .zero)
    }

    static func run(_ schools: [FundingSchool], _ lines: [BudgetLine], projects: [FundingProject] = [], rules: FundingRules = .national) -> [FundingRuleResult] {
        FundingCheck.run(FundingDataset(countyCode: "c", countyName: "c", schools: schools, lines: lines, projects: projects), rules: rules)
    }

    static func status(_ r: [FundingRuleResult], _ rule: FundingRule, _ subject: String, year: Int = 2026, section: String = "") -> FundingRuleResult.Status? {
        r.first { $0.rule == rule.rawValue && $0.subject == subject && $0.fiscalYear == year && (section.isEmpty || $0.section == section) }?.status
    }

    @Test func schoolQuotaIsPupilsTimesTheCountyQuota() {
        // 300 primary pupils × 720 = 216,000.00 yuan; a nine-year school 200 × 720 + 150 × 940 = 285,000.00.
        let s = [Self.school("a", primary: 300), Self.school("b", primary: 300), Self.school("n", .nineYear, primary: 200, junior: 150)]
        let r = Self.run(s, [Self.line("a", "216000.00"), Self.line("b", "215999.99"), Self.line("n", "285000")])
        #expect(Self.status(r, .schoolQuota, "a") == .passed)
        #expect(Self.status(r, .schoolQuota, "b") == .failed)
        #expect(Self.status(r, .schoolQuota, "n") == .passed)
        #expect(r.first { $0.subject == "b" && $0.rule == "F2" }?.threshold == "≥ 216000.00 元")
    }

    @Test func schoolsUnder100PupilsAreFundedAs100() {
        // 99 pupils: F3 with 100 × 720 = 72,000.00; exactly 100 pupils: not small, F2 asks 100 × 720 = 72,000.00 too.
        let s = [Self.school("s99", .teachingPoint, .rural, primary: 99), Self.school("f99", .primary, .rural, primary: 99),
                 Self.school("s100", .primary, .rural, primary: 100), Self.school("j40", .junior, .rural, junior: 40)]
        let r = Self.run(s, [Self.line("s99", "72000"), Self.line("f99", "71999.99"), Self.line("s100", "72000"), Self.line("j40", "37600")])
        #expect(Self.status(r, .smallSchool, "s99") == .passed)
        #expect(Self.status(r, .smallSchool, "f99") == .failed)
        #expect(Self.status(r, .smallSchool, "s100") == nil)
        #expect(Self.status(r, .schoolQuota, "s100") == .passed)
        #expect(Self.status(r, .schoolQuota, "s99") == nil)
        #expect(Self.status(r, .smallSchool, "j40") == .failed)    // 40 junior pupils: 100 × 940 = 94,000 needed, 37,600 given
    }

    @Test func specialSchoolsNeed6000PerPupil() {
        // 50 pupils × 6,000 = 300,000.00 yuan.
        let s = [Self.school("ok", .special, primary: 30, junior: 20), Self.school("low", .special, primary: 50)]
        let r = Self.run(s, [Self.line("ok", "300000"), Self.line("low", "299999.99")])
        #expect(Self.status(r, .specialSchool, "ok") == .passed)
        #expect(Self.status(r, .specialSchool, "low") == .failed)
        #expect(r.first { $0.subject == "ok" && $0.rule == "F4" }?.value == "6000.00 元/生")
        #expect(Self.status(r, .schoolQuota, "ok") == nil)
        // A province at 8,000 (override) fails the same school.
        let strict = try? FundingRules.national.applying(overrideJSON: Data(#"{"special_minimum_yuan": 8000}"#.utf8))
        #expect(Self.status(Self.run(s, [Self.line("ok", "300000")], rules: strict ?? .national), .specialSchool, "ok") == .failed)
    }

    @Test func ruralPerPupilMustBe90PercentOfUrban() {
        // Urban 1,000 pupils with 1,000,000 yuan = 1,000 per pupil; rural 100 pupils with 90,000 = exactly 90%.
        let s = [Self.school("u", .primary, .urban, primary: 1000), Self.school("r", .primary, .rural, primary: 100),
                 Self.school("t", .primary, .town, primary: 100)]
        let exact = Self.run(s, [Self.line("u", "1000000"), Self.line("r", "90000"), Self.line("t", "1")])
        #expect(Self.status(exact, .ruralUrban, "c", section: "小学") == .passed)
        #expect(exact.first { $0.rule == "F5" && $0.section == "小学" }?.value == "90.0%")
        let below = Self.run(s, [Self.line("u", "1000000"), Self.line("r", "89999.99")])
        #expect(Self.status(below, .ruralUrban, "c", section: "小学") == .failed)
        // No junior schools: pending, not failed.
        #expect(Self.status(exact, .ruralUrban, "c", section: "初中") == .pending)
        // Configurable share: 95% fails the exact-90% county.
        let r95 = try? FundingRules.national.applying(overrideJSON: Data(#"{"rural_share_basis_points": 9500}"#.utf8))
        #expect(Self.status(Self.run(s, [Self.line("u", "1000000"), Self.line("r", "90000")], rules: r95 ?? .national), .ruralUrban, "c", section: "小学") == .failed)
    }

    @Test func trainingMustBe5PercentOfPublicFunds() {
        // Public funds (class 302) 100,000.00 including 5,000.00 of 培训费 30216: exactly 5%.
        let s = [Self.school("a", primary: 10), Self.school("b", primary: 10)]
        let lines = [Self.line("a", "95000"), Self.line("a", "5000", economic: "30216"),
                     Self.line("b", "95000.01"), Self.line("b", "4999.99", economic: "30216"),
                     Self.line("a", "999999", economic: "30101")]          // wages are not public funds
        let r = Self.run(s, lines)
        #expect(Self.status(r, .training, "a") == .passed)
        #expect(Self.status(r, .training, "b") == .failed)
        #expect(r.first { $0.subject == "a" && $0.rule == "F6" }?.threshold == "≥ 5% × 100000.00 元")
        // Training is judged on the budget (调整预算 over 年初预算), not on the 决算.
        let adjusted = Self.run(s, lines + [Self.line("b", "90000", phase: .adjusted), Self.line("b", "10000", economic: "30216", phase: .adjusted),
                                            Self.line("b", "1", economic: "30216", phase: .final)])
        #expect(Self.status(adjusted, .training, "b") == .passed)
        #expect(adjusted.first { $0.subject == "b" && $0.rule == "F6" }?.phase == .adjusted)
    }

    @Test func procurementIntentMustPrecedeTheTenderBy30Days() throws {
        func project(_ code: String, intent: String?, tender: String?, planned: String? = nil) -> FundingProject {
            var stages: [ProcurementStage: CivilDate] = [:]
            if let intent { stages[.intent] = CivilDate(intent) }
            if let tender { stages[.tender] = CivilDate(tender) }
            return FundingProject(code: code, name: code, schoolCode: "a", fiscalYear: 2026, indicatorKey: "R4", budget: Fen(100),
                                  plannedTender: planned.flatMap(CivilDate.init), stages: stages, execution: [])
        }
        let ps = [project("p30", intent: "2026-03-01", tender: "2026-03-31"), project("p29", intent: "2026-03-02", tender: "2026-03-31"),
                  project("none", intent: nil, tender: "2026-03-31"), project("planned", intent: "2026-04-01", tender: nil, planned: "2026-05-01"),
                  project("nodate", intent: "2026-04-01", tender: nil)]
        let r = Self.run([Self.school("a", primary: 200)], [Self.line("a", "1")], projects: ps)
        #expect(Self.status(r, .procurementNotice, "p30") == .passed)
        #expect(Self.status(r, .procurementNotice, "p29") == .failed)
        #expect(Self.status(r, .procurementNotice, "none") == .failed)
        #expect(Self.status(r, .procurementNotice, "planned") == .passed)   // 30 days to the planned tender
        #expect(Self.status(r, .procurementNotice, "nodate") == .pending)
        #expect(r.first { $0.subject == "p29" }?.value == "29 日")
    }

    @Test func yearOnYearSwingsOver10PercentAskForAnExplanation() {
        let s = ["up10", "up10plus", "down10", "down10plus"].map { Self.school($0, primary: 10) }
        let lines = s.map { Self.line($0.code, "100000", year: 2025) } + [
            Self.line("up10", "110000"), Self.line("up10plus", "110000.01"), Self.line("down10", "90000"), Self.line("down10plus", "89999.99"),
        ]
        let r = Self.run(s, lines)
        #expect(Self.status(r, .swing, "up10") == .passed)
        #expect(Self.status(r, .swing, "up10plus") == .explain)
        #expect(Self.status(r, .swing, "down10") == .passed)
        #expect(Self.status(r, .swing, "down10plus") == .explain)
        #expect(Self.status(r, .swing, "up10", year: 2025) == nil)   // no previous year
        #expect(r.first { $0.subject == "up10" && $0.rule == "F8" }?.value == "+10.0%")
        // A gap year: 2024 → 2026 is not a year-on-year change.
        let gap = Self.run([Self.school("g", primary: 10)], [Self.line("g", "100000", year: 2024), Self.line("g", "200000")])
        #expect(Self.status(gap, .swing, "g") == nil)
    }

    @Test func countyQuotaMustNotBeBelowTheProvince() throws {
        let low = try FundingRules.national.applying(overrideJSON: Data(#"{"county_quota_primary_yuan": 700, "county_quota_junior_yuan": 940}"#.utf8))
        let r = Self.run([Self.school("a", primary: 100)], [Self.line("a", "72000")], rules: low)
        #expect(Self.status(r, .countyQuota, "c", section: "小学") == .failed)
        #expect(Self.status(r, .countyQuota, "c", section: "初中") == .passed)
        #expect(Self.status(r, .schoolQuota, "a") == .passed)     // judged against the county's 700: 70,000 needed
        #expect(Self.status(Self.run([Self.school("a", primary: 100)], [Self.line("a", "72000")]), .countyQuota, "c", section: "小学") == .passed)
    }

    @Test func finalAccountsOverrideTheBudgetAndExecutionIsNeverJudged() {
        let s = [Self.school("a", primary: 300)]
        // 年初预算 216,000 meets 300 × 720; the 决算 215,000 does not: the 决算 decides.
        let r = Self.run(s, [Self.line("a", "216000"), Self.line("a", "215000", phase: .final)])
        #expect(Self.status(r, .schoolQuota, "a") == .failed)
        // Execution at 50% during the year: the budget is still what counts.
        let e = Self.run(s, [Self.line("a", "216000"), Self.line("a", "108000", phase: .executed)])
        #expect(Self.status(e, .schoolQuota, "a") == .passed)
    }

    @Test func overrideRejectsUnknownKeysTypesAndRanges() {
        for bad in [#"{"nope": 1}"#, #"{"special_minimum_yuan": "8000"}"#, #"{"special_minimum_yuan": 1.5}"#, #"{"special_minimum_yuan": true}"#,
                    #"{"rural_share_basis_points": 10001}"#, #"{"small_school_pupils": -1}"#, "[]"] {
            #expect(throws: FundingRules.OverrideError.self, "\(bad)") { try FundingRules.national.applying(overrideJSON: Data(bad.utf8)) }
        }
        let ok = try? FundingRules.national.applying(overrideJSON: Data(#"{"id": "zj", "county_quota_primary_yuan": null, "training_economic_codes": ["30216", "30299"]}"#.utf8))
        #expect(ok?.id == "zj" && ok?.trainingEconomicCodes == ["30216", "30299"])
    }

    @Test func theDemoHasExactlyTwoPlantedFailures() {
        var schools = (1...12).map { i in Self.school("s\(i)", i % 3 == 0 ? .junior : .primary, i % 2 == 0 ? .rural : .urban,
                                                       primary: i % 3 == 0 ? 0 : 50 * i, junior: i % 3 == 0 ? 60 * i : 0) }
        schools.append(Self.school("sp", .special, primary: 40))
        let d = FundingDemo.dataset(countyCode: "c", countyName: "c", schools: schools, years: [2025, 2026])
        let r = FundingCheck.run(d)
        let failing = r.filter { $0.status == .failed || $0.status == .explain }
        #expect(failing.map(\.rule).sorted() == ["F6", "F7"], "\(failing.map { "\($0.rule) \($0.subject) \($0.value)" })")
        #expect(failing.allSatisfy { $0.fiscalYear == 2026 })
    }
}
