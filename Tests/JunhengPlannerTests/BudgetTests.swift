import EquityKit
import JunhengDemo
import JunhengPlanner
import Testing

/// Budget mode: as few failing school sections as possible for at most B yuan.
@Suite("Budget mode")
struct BudgetTests {
    static let records = DemoCounty.records(county: 1, schools: 20, seed: 1)
    static let minimum = plan(PlanRequest(records: records, standard: youzhi))

    /// Plans with budget `b` and checks it against the test's own re-application; returns the failing count.
    @discardableResult
    static func check(budget b: Double, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let p = plan(PlanRequest(records: records, standard: youzhi, mode: .budget(b)))
        let label = "budget \(b)"
        #expect(p.status == .optimal, "\(label): \(p.status)", sourceLocation: sourceLocation)
        let cost = try #require(p.totalCost, sourceLocation: sourceLocation)
        #expect(cost <= b * (1 + 1e-9) + 1e-6, "\(label): spends \(cost)", sourceLocation: sourceLocation)
        #expect(isClose(cost, recomputedCost(p.actions)), "\(label): \(cost) vs Σ actions \(recomputedCost(p.actions))",
                sourceLocation: sourceLocation)
        let mine = reapply(p.actions, to: records)
        #expect(mine.problems.isEmpty, "\(label): \(mine.problems.prefix(5))", sourceLocation: sourceLocation)
        let after = try Evaluator.evaluate(mine.records, standard: youzhi, options: lean)
        let failing = try #require(p.failingSchools, sourceLocation: sourceLocation)
        #expect(failing == failingSchools(after), "\(label): planner reports \(failing) failing, EquityKit counts \(failingSchools(after))",
                sourceLocation: sourceLocation)
        return failingSchools(after)
    }

    @Test("a budget of 0 buys nothing and leaves the failing schools as they are")
    func zeroBudget() throws {
        let p = plan(PlanRequest(records: Self.records, standard: youzhi, mode: .budget(0)))
        #expect(p.actions.isEmpty)
        #expect(p.totalCost == 0)
        let before = try Evaluator.evaluate(Self.records, standard: youzhi)
        #expect(failingSchools(before) > 0, "fixture: some schools fail")
        #expect(p.failingSchools == failingSchools(before))
        try Self.check(budget: 0)
    }

    @Test("the min-cost plan's cost is enough for no failing school")
    func enoughBudget() throws {
        let cost = try #require(Self.minimum.totalCost)
        for b in [cost, cost * 1.5] {
            #expect(try Self.check(budget: b) == 0, "budget \(b)")
        }
    }

    @Test("more budget never leaves more schools failing")
    func monotone() throws {
        let cost = try #require(Self.minimum.totalCost)
        var last = Int.max
        for b in [0, 0.05, 0.15, 0.3, 0.5, 0.8].map({ $0 * cost }) {
            let failing = try Self.check(budget: b)
            #expect(failing <= last, "budget \(b): \(failing) failing after \(last) with less")
            last = failing
        }
    }
}
