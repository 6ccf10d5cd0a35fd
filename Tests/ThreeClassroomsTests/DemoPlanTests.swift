import JunhengDemo
import Testing
@testable import ThreeClassrooms

@Suite("专递课堂 plans of generated counties")
struct DemoPlanTests {
    @Test("a 40-school county: proven optimal, no violation, every open gap has a reason the optimum explains",
          arguments: [UInt64(1), 2, 3])
    func county(seed: UInt64) throws {
        let input = ClassroomDemo.capacity(schools: 40, seed: seed)
        let plan = ClassroomPlanner.plan(input)
        #expect(plan.status == .optimal)
        let problems = ConstraintChecker.violations(plan, input: input, curriculum: .default2022, cap: 4)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(plan.coveredPeriods > 0)
        // At a proven optimum no open gap has both a free teacher and a free class period in common.
        #expect(!plan.uncovered.contains { $0.reason == .notScheduled })
    }
}

@Suite("专递课堂 plans of a generated province")
struct ProvincePlanTests {
    @Test("nine counties in two prefectures: solved in parts, no violation, never above the bound")
    func province() {
        let input = ClassroomDemo.capacity(schools: 120, counties: 9, sendingShare: 0.1, seed: 5)
        let plan = ClassroomPlanner.plan(input)
        #expect(plan.status == .decomposed)
        #expect(plan.stages.contains { $0.scope.hasPrefix("市") } && plan.stages.contains { $0.scope.hasPrefix("县") })
        let problems = ConstraintChecker.violations(plan, input: input, curriculum: .default2022, cap: 4)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(plan.coveredPeriods <= plan.upperBoundPeriods && plan.upperBoundPeriods <= plan.coverablePeriods)
        #expect(plan.coverage > 0.5)
    }
}

@Suite("demo scarcity: busier specialists")
struct ScarcityTests {
    @Test("only specialists lose spare periods: 5 spare at scarcity 0.5 keep round(2.5) = 3, at 1 none")
    func arithmetic() {
        let base = TeachingCapacity(schools: [], classCounts: [], teachers: [
            Teacher(id: "a", school: "s", subjects: [.music, .art], load: 12, maxLoad: 17),
            Teacher(id: "b", school: "s", subjects: [.chinese, .english], load: 12, maxLoad: 17),
        ], lessons: [])
        #expect(ClassroomDemo.withScarcity(base, 0.5).teachers.map(\.maxLoad) == [15, 17])
        #expect(ClassroomDemo.withScarcity(base, 1).teachers.map(\.maxLoad) == [12, 17])
    }

    @Test("a scarce province of nine counties: demand exceeds supply, no violation, coverage at least 85% of the bound (90% today: few classes to share a session with)")
    func scarceProvince() {
        let input = ClassroomDemo.capacity(schools: 120, counties: 9, sendingShare: 0.1, seed: 5, scarcity: 0.9)
        let plan = ClassroomPlanner.plan(input)
        let problems = ConstraintChecker.violations(plan, input: input, curriculum: .default2022, cap: 4)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(plan.upperBoundPeriods < plan.coverablePeriods)
        #expect(plan.coveredPeriods <= plan.upperBoundPeriods)
        #expect(Double(plan.coveredPeriods) >= 0.85 * Double(plan.upperBoundPeriods), "\(plan.coveredPeriods) of \(plan.upperBoundPeriods)")
    }
}
