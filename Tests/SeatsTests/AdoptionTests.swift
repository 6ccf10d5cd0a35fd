import Foundation
import Testing
@testable import Seats

/// The 草案 → 生效 workflow's rules, worked by hand on dates (calendar months, month ends, leap years).
@Suite struct AdoptionTests {
    let rules = AdoptionRules(publicityMonths: 1, source: "test")
    func d(_ s: String) -> PlanDay { PlanDay(s)! }
    func steps(_ list: [(AdoptionStage, String)]) -> [AdoptionStep] { list.map { AdoptionStep(stage: $0.0, day: d($0.1), evidence: "e") } }

    @Test func daysParseStrictlyAndAddCalendarMonths() {
        #expect(PlanDay("2027-02-29") == nil)          // 2027 is not a leap year
        #expect(PlanDay("2028-02-29") != nil)
        #expect(PlanDay("2027-13-01") == nil && PlanDay("2027-1-01") == nil && PlanDay("２０２７-01-01") == nil && PlanDay("") == nil)
        #expect(PlanDay("1999-12-31") == nil)          // outside 2000…2100
        #expect(d("2027-01-31").adding(months: 1) == d("2027-02-28"))
        #expect(d("2028-01-31").adding(months: 1) == d("2028-02-29"))
        #expect(d("2027-12-15").adding(months: 1) == d("2028-01-15"))
        #expect(d("2027-03-31").adding(months: 1) == d("2027-04-30"))
        #expect(d("2027-01-05").description == "2027-01-05")
    }

    @Test func stepsGoInOrderWithEvidenceAndNotInTheFuture() {
        let today = d("2027-06-30")
        let none: [AdoptionStep] = []
        #expect(CatchmentAdoption.refusal(.init(stage: .review, day: d("2027-01-10"), evidence: "纪要"), after: none, today: today, rules: rules) == nil)
        #expect(CatchmentAdoption.refusal(.init(stage: .publicity, day: d("2027-01-10"), evidence: "x"), after: none, today: today, rules: rules)
                == .outOfOrder(expected: .review))
        #expect(CatchmentAdoption.refusal(.init(stage: .review, day: d("2027-07-01"), evidence: "x"), after: none, today: today, rules: rules)
                == .inFuture(today: today))
        #expect(CatchmentAdoption.refusal(.init(stage: .review, day: today, evidence: " \n"), after: none, today: today, rules: rules) == .evidenceMissing)
        #expect(CatchmentAdoption.refusal(.init(stage: .review, day: today, evidence: String(repeating: "字", count: 2_001)), after: none, today: today, rules: rules)
                == .evidenceTooLong)
        let reviewed = steps([(.review, "2027-02-01")])
        #expect(CatchmentAdoption.refusal(.init(stage: .consultation, day: d("2027-01-31"), evidence: "x"), after: reviewed, today: today, rules: rules)
                == .beforePrevious(d("2027-02-01")))
        #expect(CatchmentAdoption.refusal(.init(stage: .consultation, day: d("2027-02-01"), evidence: "x"), after: reviewed, today: today, rules: rules) == nil)
        let done = steps([(.review, "2027-01-01"), (.consultation, "2027-01-02"), (.publicity, "2027-01-03"), (.effective, "2027-02-03")])
        #expect(CatchmentAdoption.stage(done) == .effective)
        #expect(CatchmentAdoption.refusal(.init(stage: .effective, day: today, evidence: "x"), after: done, today: today, rules: rules)
                == .outOfOrder(expected: nil))
    }

    @Test func theNoticeLastsAFullCalendarMonth() {
        let today = d("2027-12-31")
        let history = steps([(.review, "2027-01-10"), (.consultation, "2027-01-20"), (.publicity, "2027-01-31")])
        func effective(_ day: String) -> CatchmentAdoption.Refusal? {
            CatchmentAdoption.refusal(.init(stage: .effective, day: d(day), evidence: "批复"), after: history, today: today, rules: rules)
        }
        // 公示 from 31 January: one month later is 28 February (no 31st); the day before is refused.
        #expect(effective("2027-02-27") == .publicityTooShort(earliest: d("2027-02-28")))
        #expect(effective("2027-02-28") == nil)
        let two = AdoptionRules(publicityMonths: 2, source: "override")
        #expect(CatchmentAdoption.refusal(.init(stage: .effective, day: d("2027-03-30"), evidence: "x"), after: history, today: today, rules: two)
                == .publicityTooShort(earliest: d("2027-03-31")))
    }

    @Test func thePresetsCarryTheRuleAndAnOverrideChangesIt() throws {
        #expect(try SeatsPresets.load().adoption.publicityMonths == 1)
        let changed = try SeatsPresets.load(overrides: Data(#"{"adoption": {"publicity_months": 2}}"#.utf8))
        #expect(changed.adoption.publicityMonths == 2)
        #expect(!changed.adoption.source.isEmpty)
    }
}
