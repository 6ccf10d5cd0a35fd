import Testing
@testable import ThreeClassrooms

@Suite("gap arithmetic, by hand")
struct GapArithmeticTests {
    // One school, grade 3 with two classes; the curriculum asks 英语 2, 音乐 2, 美术 2 a week.
    // Class 1 has 英语 ×1, 音乐 ×2, 美术 ×3; class 2 has 音乐 ×1. A 音乐 teacher has load 3 of 4.
    let curriculum = Fixtures.curriculum(grade: 3, [.english: 2, .music: 2, .art: 2])
    var input: TeachingCapacity {
        TeachingCapacity(
            schools: [Fixtures.school("S1", days: 5, periods: 6)],
            classCounts: [ClassCount(school: "S1", grade: 3, classes: 2)],
            teachers: [Teacher(id: "T1", school: "S1", subjects: [.music], load: 3, maxLoad: 4)],
            lessons: [
                Fixtures.lesson("S1", grade: 3, 1, period: 1, .english),
                Fixtures.lesson("S1", grade: 3, 1, period: 2, .music, "T1"), Fixtures.lesson("S1", grade: 3, 1, period: 3, .music, "T1"),
                Fixtures.lesson("S1", grade: 3, 1, period: 4, .art), Fixtures.lesson("S1", grade: 3, 1, period: 5, .art),
                Fixtures.lesson("S1", grade: 3, 1, period: 6, .art),
                Fixtures.lesson("S1", grade: 3, 2, period: 1, .music, "T1"),
            ])
    }

    @Test("per school, grade and subject: required = classes × periods, taught counted up to the requirement")
    func schoolGaps() {
        let classGaps = GapDetector.classGaps(input, curriculum: curriculum)
        let gaps = GapDetector.schoolGaps(input, classGaps: classGaps)
        // 英语: 2 × 2 = 4 required, 1 taught, 3 short. 音乐: 4, 2 + 1 = 3, 1 short. 美术: 4, min(3, 2) + 0 = 2, 2 short.
        let bySubject = Dictionary(uniqueKeysWithValues: gaps.map { ($0.subject, $0) })
        #expect(bySubject[.english].map { [$0.required, $0.taught, $0.short] } == [4, 1, 3])
        #expect(bySubject[.music].map { [$0.required, $0.taught, $0.short] } == [4, 3, 1])
        #expect(bySubject[.art].map { [$0.required, $0.taught, $0.short] } == [4, 2, 2])
        // The 音乐 teacher has 4 − 3 = 1 spare period; nobody is qualified in 英语 or 美术.
        #expect(bySubject[.music]?.localSpare == 1)
        #expect(bySubject[.english]?.localSpare == 0)
    }

    @Test("开齐开足 rates: 6 of 12 periods taught, 2 of 6 class-subject requirements met")
    func rates() {
        let r = GapDetector.rates(input, classGaps: GapDetector.classGaps(input, curriculum: curriculum))
        let s = r.schools[0]
        #expect(s.requiredPeriods == 12 && s.taughtPeriods == 6)   // class 1: 1 + 2 + 2; class 2: 1
        #expect(s.requirements == 6 && s.requirementsMet == 2)     // class 1 音乐 and 美术
        #expect(s.periodRate == 0.5)
        #expect(s.schoolsFullyMet == 0)
        #expect(r.counties.map(\.unit) == ["330101"] && r.counties[0].taughtPeriods == 6)
    }

    @Test("a gap the school's own qualified teacher could fill is local, not 专递课堂 demand")
    func localGap() {
        let plan = ClassroomPlanner.plan(input, curriculum: curriculum)
        let music = plan.uncovered.first { $0.subject == .music }
        #expect(music?.reason == .localTeacherAvailable && music?.periodsShort == 1)
        // Nobody may send 英语 or 美术 here: 3 + 2 periods with no qualified teacher.
        #expect(plan.uncovered.filter { $0.reason == .noQualifiedTeacher }.reduce(0) { $0 + $1.periodsShort } == 5)
        #expect(plan.coverablePeriods == 0 && plan.sessions.isEmpty)
    }

    @Test("the default table keeps the 2022 plan's weekly totals and nine-year shares")
    func defaultCurriculum() {
        let c = Curriculum.default2022
        #expect((1...9).map { c.weeklyTotal(grade: $0) } == [26, 26, 30, 30, 30, 30, 34, 34, 34])
        let total = Double((1...9).reduce(0) { $0 + c.weeklyTotal(grade: $1) })   // 274
        func share(_ subjects: [Subject]) -> Double {
            Double((1...9).reduce(0) { g, grade in g + subjects.reduce(0) { $0 + c.periods(grade: grade, subject: $1) } }) / total
        }
        // Ranges of the 2022 义务教育课程方案 (share of nine-year total periods).
        let ranges: [([Subject], ClosedRange<Double>)] = [
            ([.morality], 0.06...0.08), ([.chinese], 0.20...0.22), ([.math], 0.13...0.15), ([.english], 0.06...0.08),
            ([.history, .geography], 0.03...0.04), ([.science, .physics, .chemistry, .biology], 0.08...0.10),
            ([.it], 0.01...0.03), ([.pe], 0.10...0.11), ([.music, .art], 0.09...0.11), ([.labour, .practice], 0.14...0.18),
        ]
        for (subjects, range) in ranges { #expect(range.contains(share(subjects)), "\(subjects): \(share(subjects))") }
    }
}
