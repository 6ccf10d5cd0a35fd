import EquityKit
import Testing
@testable import Accreditation

/// County-level items against hand-computed values, at and just past every boundary.
@Suite struct CountyItemTests {
    let base = goodInput()

    @Test func goodCountyIsEligible() {
        let a = assess(base)
        for item in a.items { #expect(item.status == .passed, "\(item.key): \(item.status) \(item.missing.map(\.en))") }
        #expect(a.status == .eligible)
        #expect(a.items.map(\.key).count == 34)
    }

    @Test func teacherExchangeAtExactlyTenAndTwentyPercent() {
        // 10 of 100 = exactly 10%, 2 of 10 = exactly 20%: both met.
        let exact = base.with(.rotationExchanged, 10).with(.rotationBackboneExchanged, 2)
        let g11 = assess(exact).item("G11")
        #expect(g11?.status == .passed)
        #expect(g11?.measures.map(\.value) == [0.1, 0.2])
        // 9 of 100 = 9%.
        #expect(status(assess(exact.with(.rotationExchanged, 9).with(.rotationBackboneExchanged, 2)), "G11") == .failed)
        // 1 of 10 backbone = 10% < 20%.
        #expect(status(assess(exact.with(.rotationBackboneExchanged, 1)), "G11") == .failed)
        // Nobody exchanged: 0% fails, though the backbone share cannot be computed.
        #expect(status(assess(exact.with(.rotationExchanged, 0).with(.rotationBackboneExchanged, 0)), "G11") == .failed)
        // Province variant dividing backbone by eligible: 2 of 100 = 2% < 20%.
        var rules = AccreditationRules.national
        rules.parameters["G11"]?["backbone_share_of_eligible"] = .flag(true)
        #expect(status(assess(exact, rules: rules), "G11") == .failed)
        #expect(status(assess(exact.with(.rotationBackboneExchanged, 20).with(.rotationExchanged, 20), rules: rules), "G11") == .passed)
    }

    @Test func migrantChildrenAtExactlyEightyFivePercent() {
        // (150 + 20) / 200 = 85% exactly.
        let exact = base.with(.migrantChildrenEligible, 200).with(.migrantInPublic, 150).with(.migrantInPurchased, 20)
        #expect(status(assess(exact), "G15") == .passed)
        #expect(assess(exact).item("G15")?.value == 0.85)
        #expect(status(assess(exact.with(.migrantInPurchased, 19)), "G15") == .failed)    // 169/200 = 84.5%
    }

    @Test func retentionAndDisabledEnrolmentAtNinetyFivePercent() {
        // (370 − 10 + 20) / (402 − 2) = 380/400 = 95%.
        let q1 = base.with(.cohortGraduates, 370).with(.cohortTransfersIn, 10).with(.cohortTransfersOut, 20)
            .with(.cohortGrade7Enrolment, 402).with(.cohortDeaths, 2)
        #expect(status(assess(q1), "Q1") == .passed)
        #expect(status(assess(q1.with(.cohortGraduates, 369)), "Q1") == .failed)        // 379/400 = 94.75%
        // 19/20 = 95%; 18 + 1 home-taught = 19 counts by default, not when the province says it does not.
        #expect(status(assess(base.with(.disabledChildren, 20).with(.disabledEnrolled, 19)), "Q2") == .passed)
        let home = base.with(.disabledChildren, 20).with(.disabledEnrolled, 18).with(.disabledHomeTaught, 1)
        #expect(status(assess(home), "Q2") == .passed)
        var rules = AccreditationRules.national
        rules.parameters["Q2"]?["count_home_tuition"] = .flag(false)
        #expect(status(assess(home, rules: rules), "Q2") == .failed)
    }

    @Test func quotaShareAndRuralTilt() {
        // 500/1000 = 50% exactly; rural 200/500 = 40% = rural graduates 400/1000.
        let exact = base.with(.quotaPlaces, 500).with(.quotaPlacesRural, 200)
        #expect(status(assess(exact), "G14") == .passed)
        #expect(status(assess(exact.with(.quotaPlaces, 499).with(.quotaPlacesRural, 200)), "G14") == .failed)
        #expect(status(assess(exact.with(.quotaPlacesRural, 199)), "G14") == .failed)   // 39.8% < 40%
        var rules = AccreditationRules.national
        rules.parameters["G14"]?["rural_tilt"] = .flag(false)
        #expect(status(assess(exact.with(.quotaPlacesRural, 0), rules: rules), "G14") == .passed)
    }

    @Test func baseFundsPayAndEntryCondition() {
        #expect(status(assess(base.with(.baseFundsPrimary, 700)), "G2") == .passed)      // equal to the province
        #expect(status(assess(base.with(.baseFundsJunior, 899)), "G2") == .failed)
        #expect(status(assess(base.with(.teacherAvgPay, 110_000)), "G8") == .passed)
        #expect(status(assess(base.with(.teacherAvgPay, 109_999)), "G8") == .failed)
        #expect(status(assess(base.with(.performancePayFullyApproved, 0)), "G8") == .failed)
        #expect(status(assess(base.with(.basicBalanceYear, 2023)), "E") == .passed)      // exactly 3 years
        #expect(status(assess(base.with(.basicBalanceYear, 2024)), "E") == .failed)
    }

    @Test func recognitionUsesTheOfficialFigureOnly() {
        #expect(status(assess(base.with(.recognitionOfficialPct, 85)), "S") == .passed)
        #expect(status(assess(base.with(.recognitionOfficialPct, 84.9)), "S") == .failed)
        // A pre-survey never stands in for the missing official figure.
        let a = assess(base.with(.recognitionOfficialPct, nil).with(.recognitionPresurveyPct, 95))
        #expect(a.item("S")?.status == .pending)
        #expect(a.item("S")?.missing.map(\.field) == ["county.recognition_official_pct"])
        #expect(a.recognitionPresurveyPct == 95)
        #expect(a.item("S")?.notesZH.first?.contains("95%") == true)
        #expect(a.status == .pending)
    }

    @Test func monitoringLevelAndStrictRate() {
        var i = base
        i.monitoring = [MonitoringResult(subject: "数学", level: 3, betweenSchoolRate: 0.15)]
        #expect(status(assess(i), "Q9") == .failed)                                       // 0.15 is not < 0.15
        i.monitoring = [MonitoringResult(subject: "数学", level: 3, betweenSchoolRate: 0.149)]
        #expect(status(assess(i), "Q9") == .passed)
        i.monitoring.append(MonitoringResult(subject: "科学", level: 2, betweenSchoolRate: 0.05))
        #expect(status(assess(i), "Q9") == .failed)                                       // level Ⅱ < Ⅲ
        i.monitoring = []
        #expect(status(assess(i), "Q9") == .pending)
    }

    @Test func missingFiguresArePendingNeverFailed() {
        let a = assess(base.with(.rotationEligible, nil))
        #expect(a.item("G11")?.status == .pending)
        #expect(a.item("G11")?.missing.map(\.field) == ["county.rotation_eligible"])
        #expect(a.status == .pending)
        // Everything missing at once: no crash, no failure, every county data item pending.
        var empty = base
        empty.county = [:]
        empty.monitoring = []
        empty.reviews = []
        empty.vetoes = []
        let b = assess(empty)
        #expect(!b.items.contains { $0.status == .failed })
        for key in ["E", "G1", "G2", "G8", "G10", "G11", "G14", "G15", "Q1", "Q2", "Q5", "Q7", "Q8", "Q9", "S", "V1", "V7"] {
            #expect(status(b, key) == .pending, "\(key)")
        }
        // A zero denominator is pending too, with the reason.
        let zero = assess(base.with(.rotationEligible, 0).with(.rotationExchanged, 0).with(.rotationBackboneExchanged, 0))
        #expect(zero.item("G11")?.status == .pending)
        #expect(zero.item("G11")?.missing.first?.field == "county.rotation_eligible")
    }

    @Test func evidenceItemsNeedAVerdict() {
        var i = base
        i.reviews.removeAll { $0.key == "G1" || $0.key == "G2" }
        let a = assess(i)
        #expect(a.item("G1")?.status == .pending)
        #expect(a.item("G1")?.missing.map(\.field) == ["reviews.G1"])
        #expect(a.item("G2")?.status == .pending)                 // data met, verdict missing
        #expect(status(assess(i.with(.baseFundsPrimary, 1)), "G2") == .failed)   // data failed: failed though the verdict is missing
        i.reviews.append(ReviewVerdict(key: "G1", passed: false, reviewer: "市", comment: "规划未批复"))
        #expect(status(assess(i), "G1") == .failed)
    }
}
