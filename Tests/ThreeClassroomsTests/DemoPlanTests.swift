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
        print("seed \(seed): stages \(plan.stages.map(\.seconds)) demand \(plan.demandPeriods) coverable \(plan.coverablePeriods) covered \(plan.coveredPeriods) bound \(plan.upperBoundPeriods) sessions \(plan.sessions.count) \(plan.status) \(plan.seconds)s", plan.stages.map(\.variables), plan.suggestions.map { "\($0.school) \($0.subject) \($0.coversPeriods)/\($0.uncoveredPeriods)" }, Dictionary(grouping: plan.uncovered, by: \.reason).mapValues { $0.reduce(0) { $0 + $1.periodsShort } })
        #expect(plan.status == .optimal)
        let problems = ConstraintChecker.violations(plan, input: input, curriculum: .default2022, cap: 4)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(plan.coveredPeriods > 0)
        // At a proven optimum no open gap has both a free teacher and a free class period in common.
        #expect(!plan.uncovered.contains { $0.reason == .notScheduled })
    }
}
