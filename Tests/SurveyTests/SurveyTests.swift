import Foundation
import Testing
@testable import Survey

/// The pre-survey's arithmetic, against counts made by hand.
@Suite struct SurveyTests {
    @Test func largestRemaindersSplitExactly() {
        #expect(apportion(10, weights: [1, 1, 1]) == [4, 3, 3])
        // 7 × (50, 30, 20)% = 3.5, 2.1, 1.4 → 3, 2, 1 and the one left to the largest remainder (.5).
        #expect(apportion(7, weights: [50, 30, 20]) == [4, 2, 1])
        #expect(apportion(5, weights: [0, 0]) == [3, 2])
        #expect(apportion(3, weights: [0, 5]) == [0, 3])
        #expect(apportion(0, weights: [1, 2]) == [0, 0])
        #expect(apportion(4, weights: []) == [])
    }

    private func school(_ code: String, _ place: Locale3, perGrade: Int, teachers: Int = 40) -> SampleFrame.School {
        .init(code: code, location: place, enrolment: Dictionary(uniqueKeysWithValues: (1...9).map { ($0, perGrade) }), teachers: teachers)
    }

    @Test func theSampleIsOnePointFivePerMilleHalfParentsAndInProportionToPlaces() {
        // 400,000 residents × 1.5‰ = 600: 300 parents, 50 for each of the six other groups.
        let frame = SampleFrame(residentPopulation: [.urban: 200_000, .town: 100_000, .rural: 100_000],
                                schools: [school("U1", .urban, perGrade: 300), school("U2", .urban, perGrade: 100),
                                          school("T1", .town, perGrade: 80), school("R1", .rural, perGrade: 20)])
        let plan = SamplePlan.propose(frame)
        #expect(plan.total == 600)
        #expect(plan.count(.parent) == 300)
        for g in [RespondentGroup.teacher, .principal, .deputy, .cppcc, .student, .resident] { #expect(plan.count(g) == 50) }
        // Parents 300 × 2:1:1 = 150 / 75 / 75; each other group 50 × 2:1:1 = 25, 12.5, 12.5 → 25 / 13 / 12 (tie to 镇区).
        #expect(plan.count(.urban) == 150 + 6 * 25)
        #expect(plan.count(.town) == 75 + 6 * 13)
        #expect(plan.count(.rural) == 75 + 6 * 12)
        // Urban parents: 150 over four bands = 38, 38, 37, 37; band 1–2 goes 3:1 to U1 and U2 (600 and 200 pupils).
        let band12 = plan.quotas.filter { $0.group == .parent && $0.location == .urban && $0.band == GradeBand(1, 2) }
        #expect(band12.map(\.count).reduce(0, +) == 38)
        #expect(band12.first { $0.schoolCode == "U1" }?.count == 29)   // 38 × 3/4 = 28.5 → 29 (tie to the first)
        #expect(band12.first { $0.schoolCode == "U2" }?.count == 9)
        // Students only from grade 3.
        #expect(!plan.quotas.contains { $0.group == .student && ($0.band?.first ?? 3) < 3 })
        // County-wide groups carry no school.
        #expect(plan.quotas.filter { $0.group == .deputy }.allSatisfy { $0.schoolCode == nil })
    }

    @Test func aSmallCountyGetsTheMinimumAndAHugeOneIsBounded() {
        let small = SamplePlan.propose(SampleFrame(residentPopulation: [.urban: 10_000], schools: [school("U1", .urban, perGrade: 50)]))
        #expect(small.total == 100)   // 15 by 1.5‰, raised to the minimum
        let huge = SamplePlan.propose(SampleFrame(residentPopulation: [.urban: .max, .town: .max], schools: []))
        #expect(huge.total == SampleLimits.invitations)
    }

    @Test func sampleRulesOutsideTheirBoundsAreRefusedByField() throws {
        var r = SampleRules()
        r.perMille = 1.0
        #expect(throws: QuestionnaireError.self) { try r.validated() }
        r = SampleRules()
        r.studentBands = [GradeBand(1, 2)]
        do { _ = try r.validated(); Issue.record("accepted grade 1 students") } catch let e as QuestionnaireError { #expect(e.field == "student_bands") }
        let decoded = try JSONDecoder().decode(SampleRules.self, from: Data(#"{"per_mille": 2.0}"#.utf8))
        #expect(decoded.perMille == 2.0 && decoded.parentShare == 0.5)
    }

    @Test func wilsonIntervalOfEightInTen() throws {
        // p = 0.8, n = 10, z = 1.96: centre 0.71674, half-width 0.22658 (worked by hand).
        let w = try #require(wilsonInterval(8, 10))
        #expect(abs(w.low - 0.4902) < 1e-4)
        #expect(abs(w.high - 0.9433) < 1e-4)
        #expect(wilsonInterval(0, 0) == nil)
        #expect(try #require(wilsonInterval(0, 5)).low == 0)
    }

    @Test func sharesCountOnlyAnswersThatCountAndSuppressSmallCells() {
        let q = Questionnaire(kind: .social, nameZH: "测试卷", items: [
            SurveyItem(key: "x", textZH: "x?", options: BuiltInQuestionnaires.scale),
            SurveyItem(key: "y", textZH: "y?", options: BuiltInQuestionnaires.scale),
        ])
        func sheet(_ school: String, _ x: String?, _ y: String?) -> AnswerSheet {
            var a: [String: String] = [:]
            a["x"] = x
            a["y"] = y
            return AnswerSheet(questionnaire: .social, group: .parent, location: .urban, schoolCode: school, answers: a)
        }
        let sheets = [
            sheet("A", "satisfied", "unsatisfied"), sheet("A", "basically", "unknown"), sheet("A", "satisfied", "satisfied"),
            sheet("A", "unsatisfied", nil), sheet("A", "satisfied", "basically"), sheet("A", "bogus", "satisfied"),
            sheet("B", "satisfied", "satisfied"), sheet("B", "unsatisfied", "unsatisfied"),
        ]
        let r = SurveyResults.compute(sheets, questionnaires: [.social: q])
        // x: counted 7 (A6's bogus answer does not count), satisfied 5; y: counted 6 (不了解 and blank excluded), satisfied 4.
        #expect(r.byItem["social.x"]?.counted == 7 && r.byItem["social.x"]?.satisfied == 5)
        #expect(r.byItem["social.y"]?.counted == 6 && r.byItem["social.y"]?.satisfied == 4)
        #expect(r.overall.respondents == 8 && r.overall.counted == 13 && r.overall.satisfied == 9)
        #expect(abs((r.overall.share ?? 0) - 9.0 / 13.0) < 1e-12)
        // School A: x 4 of 5, y 3 of 4 → 7 / 9; school B has 2 sheets: suppressed, no share and no counts.
        #expect(r.bySchool["A"]?.share == 7.0 / 9.0)
        #expect(r.bySchool["B"]?.suppressed == true && r.bySchool["B"]?.share == nil && r.bySchool["B"]?.satisfied == 0)
        #expect(r.weakestItems == ["social.y", "social.x"])
        #expect(r.weakestSchools == ["A"])
    }

    @Test func builtInQuestionnairesAreValidAndEditedCopiesAreChecked() throws {
        for q in BuiltInQuestionnaires.all.values { _ = try q.validated() }
        var q = BuiltInQuestionnaires.social
        q.items[1].key = q.items[0].key
        do { _ = try q.validated(); Issue.record("duplicate key accepted") } catch let e as QuestionnaireError { #expect(e.field == "items[1].key") }
        q = BuiltInQuestionnaires.staff
        q.items[0].options = q.items[0].options.filter { $0.satisfied != false }
        do { _ = try q.validated(); Issue.record("no unsatisfied option accepted") } catch let e as QuestionnaireError { #expect(e.field == "items[0].options") }
        q = BuiltInQuestionnaires.student
        q.items[2].options[0].key = "<script>"
        do { _ = try q.validated(); Issue.record("markup key accepted") } catch let e as QuestionnaireError { #expect(e.field == "items[2].options[0].key") }
        // Round trip through the JSON an override file uses.
        let json = try JSONEncoder().encode(BuiltInQuestionnaires.social)
        #expect(try JSONDecoder().decode(Questionnaire.self, from: json) == BuiltInQuestionnaires.social)
    }
}
