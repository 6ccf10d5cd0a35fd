import Testing
@testable import ThreeClassrooms

@Suite("专递课堂 plans worked out by hand")
struct HandPlanTests {
    let music4 = Fixtures.curriculum(grade: 4, [.music: 2])

    /// Receivers R1…Rn with one grade-4 class and no 音乐; sender S with teacher M (load 0, max `spare`).
    func input(receivers: Int, spare: Int) -> TeachingCapacity {
        let codes = (1...receivers).map { "R\($0)" }
        return TeachingCapacity(
            schools: [Fixtures.school("S", bandwidth: .high)] + codes.map { Fixtures.school($0, bandwidth: $0 == "R1" ? .low : .medium) },
            classCounts: codes.map { ClassCount(school: $0, grade: 4, classes: 1) },
            teachers: [Teacher(id: "M", school: "S", subjects: [.music], load: 0, maxLoad: spare)], lessons: [])
    }

    @Test("one spare period serves both classes in one session: 2 of 4 periods, the rest short for lack of capacity")
    func oneSparePeriod() {
        let data = input(receivers: 2, spare: 1)
        let plan = ClassroomPlanner.plan(data, curriculum: music4)
        #expect(plan.status == .optimal)
        #expect(plan.coverablePeriods == 4 && plan.coveredPeriods == 2)
        #expect(plan.sessions.count == 1)
        #expect(plan.sessions.first?.receivingClasses.map(\.description) == ["R1/4/1", "R2/4/1"])
        #expect(plan.sessions.first?.lowBandwidthClasses.map(\.description) == ["R1/4/1"])
        #expect(plan.uncovered.map { "\($0.school) \($0.periodsShort) \($0.reason.rawValue)" } == ["R1 1 no_spare_capacity", "R2 1 no_spare_capacity"])
        // One more 音乐 teacher at S has 3 free slots: one more session for both classes covers the last 2 periods.
        #expect(plan.suggestions.map { "\($0.school) \($0.subject.rawValue) \($0.coversPeriods)/\($0.uncoveredPeriods)" } == ["S music 2/2"])
        #expect(ConstraintChecker.violations(plan, input: data, curriculum: music4, cap: 4).isEmpty)
    }

    @Test("the cap: five classes and one session take four; with cap 2, two")
    func cap() {
        let data = input(receivers: 5, spare: 1)
        #expect(ClassroomPlanner.plan(data, curriculum: music4).coveredPeriods == 4)
        let two = ClassroomPlanner.plan(data, curriculum: music4, options: PlanOptions(cap: 2))
        #expect(two.coveredPeriods == 2)
        #expect(ConstraintChecker.violations(two, input: data, curriculum: music4, cap: 2).isEmpty)
    }

    @Test("a teacher busy whenever the class is free cannot cover it")
    func noCommonPeriod() {
        // S's class is taught 音乐 by M in periods 1 and 2; R1's class has 语文 in periods 2 and 3, so only period 1 is free.
        let data = TeachingCapacity(
            schools: [Fixtures.school("S"), Fixtures.school("R1")],
            classCounts: [ClassCount(school: "S", grade: 4, classes: 1), ClassCount(school: "R1", grade: 4, classes: 1)],
            teachers: [Teacher(id: "M", school: "S", subjects: [.music], load: 2, maxLoad: 4)],
            lessons: [Fixtures.lesson("S", grade: 4, period: 1, .music, "M"), Fixtures.lesson("S", grade: 4, period: 2, .music, "M"),
                      Fixtures.lesson("R1", grade: 4, period: 2, .chinese), Fixtures.lesson("R1", grade: 4, period: 3, .chinese)])
        let plan = ClassroomPlanner.plan(data, curriculum: music4)
        #expect(plan.coveredPeriods == 0)
        #expect(plan.uncovered.map(\.reason) == [.noCommonPeriod])
        #expect(plan.uncovered.first?.periodsShort == 2)
    }

    @Test("each class is served from its own 教育集团 when both groups have a teacher")
    func groupPreference() {
        let curriculum = Fixtures.curriculum(grade: 4, [.music: 1])
        let data = TeachingCapacity(
            schools: [Fixtures.school("SA", group: "A"), Fixtures.school("SB", group: "B"),
                      Fixtures.school("RA", group: "A"), Fixtures.school("RB", group: "B")],
            classCounts: [ClassCount(school: "RA", grade: 4, classes: 1), ClassCount(school: "RB", grade: 4, classes: 1)],
            teachers: [Teacher(id: "MA", school: "SA", subjects: [.music], load: 0, maxLoad: 1),
                       Teacher(id: "MB", school: "SB", subjects: [.music], load: 0, maxLoad: 1)], lessons: [])
        let plan = ClassroomPlanner.plan(data, curriculum: curriculum)
        #expect(plan.coveredPeriods == 2)
        let pairs = Set(plan.sessions.flatMap { s in s.receivingClasses.map { "\(s.teacherID)→\($0.school)" } })
        #expect(pairs == ["MA→RA", "MB→RB"])
    }
}
