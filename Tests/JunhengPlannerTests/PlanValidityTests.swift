import EquityKit
import JunhengDemo
import JunhengPlanner
import Testing

/// Every plan the planner returns, re-applied by the test to the input rows and judged by EquityKit.
@Suite("Returned plans pass when re-applied")
struct PlanValidityTests {
    /// Checks one min-cost plan against `records` and `standard`; `label` names it in failures.
    static func checkValid(_ p: RemedyPlan, _ records: [StatisticsRecord], _ standard: Standard, _ label: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(p.status == .optimal, "\(label): status \(p.status)", sourceLocation: sourceLocation)
        #expect(p.after?.passed == true, "\(label): the planner's own evaluation after the plan fails", sourceLocation: sourceLocation)
        guard let cost = p.totalCost else {
            Issue.record("\(label): no cost", sourceLocation: sourceLocation)
            return
        }
        // The actions, applied by the test to the input (not the planner's plannedRecords), pass EquityKit.
        let mine = reapply(p.actions, to: records)
        #expect(mine.problems.isEmpty, "\(label): \(mine.problems.prefix(5))", sourceLocation: sourceLocation)
        do {
            let after = try Evaluator.evaluate(mine.records, standard: standard, options: lean)
            #expect(after.passed, "\(label): re-applied plan fails; failing schools \(failingSchools(after)), CVs \(cvsWithinLimits(after))",
                    sourceLocation: sourceLocation)
            #expect(cvsWithinLimits(after).isEmpty, "\(label): \(cvsWithinLimits(after))", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(label): re-applied plan cannot be evaluated: \(error)", sourceLocation: sourceLocation)
        }
        // The cost is the sum of the actions at the listed unit prices.
        #expect(isClose(cost, recomputedCost(p.actions)), "\(label): total \(cost) vs Σ actions \(recomputedCost(p.actions))",
                sourceLocation: sourceLocation)
        for a in p.actions where !isClose(a.cost, a.quantity * ActionCosts.defaults[a.action]) {
            Issue.record("\(label): \(a.action.rawValue)@\(a.schoolCode) costs \(a.cost) for \(a.quantity)", sourceLocation: sourceLocation)
        }
        // A proven bound, and a gap within the default 1e-4.
        if let bound = p.bestBound, let gap = p.gap {
            #expect(bound <= cost * (1 + 1e-12) + 1e-6, "\(label): bound \(bound) > cost \(cost)", sourceLocation: sourceLocation)
            #expect(gap <= 1e-4, "\(label): gap \(gap)", sourceLocation: sourceLocation)
        } else {
            Issue.record("\(label): no bound or gap", sourceLocation: sourceLocation)
        }
        // plannedRecords: the same rows, sensible teacher counts, and the quantities the actions give.
        #expect(p.plannedRecords.count == records.count, sourceLocation: sourceLocation)
        #expect(teacherProblems(p.plannedRecords).isEmpty, "\(label): \(teacherProblems(p.plannedRecords).prefix(5))",
                sourceLocation: sourceLocation)
        let indicatorQuantities = Set(standard.indicators.map(\.numerator)).union([.teachers])
        for (a, b) in zip(p.plannedRecords, mine.records) {
            for q in indicatorQuantities where !isClose(a.quantities[q], b.quantities[q] ?? 0) {
                Issue.record("\(label): plannedRecords \(a.schoolCode) \(a.section.label) \(q.key) = \(a.quantities[q] ?? -1), actions give \(b.quantities[q] ?? -1)",
                             sourceLocation: sourceLocation)
            }
        }
    }

    static let demos: [(county: Int, schools: Int, seed: UInt64)] = [
        (1, 20, 1), (2, 20, 2), (3, 40, 1), (4, 40, 3), (5, 60, 1), (6, 60, 4),
    ]

    @Test("demo counties: valid optimal plans, transfers never dearer", arguments: 0..<6)
    func demoCounty(index: Int) throws {
        let d = Self.demos[index]
        let records = DemoCounty.records(county: d.county, schools: d.schools, seed: d.seed)
        let label = "county \(d.county), \(d.schools) schools, seed \(d.seed)"
        let before = try Evaluator.evaluate(records, standard: youzhi)
        #expect(!before.passed, "fixture: \(label) fails before any plan")
        let with = plan(PlanRequest(records: records, standard: youzhi))
        let without = plan(PlanRequest(records: records, standard: youzhi, allowTransfers: false))
        Self.checkValid(with, records, youzhi, label)
        Self.checkValid(without, records, youzhi, label + ", no transfers")
        #expect(without.actions.allSatisfy { !$0.action.isTransfer })
        // Every plan without transfers is a plan with transfers, so the optimum with transfers costs no more
        // (up to the 1e-4 gap) and its proven bound is at most the cost without.
        let costWith = try #require(with.totalCost), costWithout = try #require(without.totalCost)
        #expect(costWith <= costWithout * (1 + 1e-4), "\(label): \(costWith) with transfers vs \(costWithout) without")
        #expect((with.bestBound ?? .infinity) <= costWithout + 1e-6)
    }

    /// Three primary schools of 200 whose equipment per student is 2,000, 2,100 and 4,000 yuan (CV ≈ 0.34);
    /// only equipment may be bought, so the plan buys just enough to bring that CV to the limit.
    static func equipmentCounty() -> [StatisticsRecord] {
        [2000.0, 2100, 4000].enumerated().map { i, perStudent in
            var r = row("E\(i + 1)", students: 200, teachers: 16, degree: 10, backbone: 3, peArt: 2, rooms: 5)
            r.quantities[.equipmentValue] = perStudent * 200
            return r
        }
    }

    static var onlyEquipment: [WhatIfRule] {
        RemedyAction.allCases.filter { $0 != .buyEquipment }.map { WhatIfRule(schoolCode: nil, action: $0, maximum: 0) }
    }

    @Test("continuous purchases bring a binding CV exactly within its limit")
    func continuousCV() throws {
        let standard = youzhi(cvLimit: 0.2)
        let records = Self.equipmentCounty()
        #expect(try !Evaluator.evaluate(records, standard: standard).passed, "fixture: the equipment CV is above 0.2")
        let p = plan(PlanRequest(records: records, standard: standard, rules: Self.onlyEquipment))
        Self.checkValid(p, records, standard, "equipment CV ≤ 0.2")
        #expect(p.actions.allSatisfy { $0.action == .buyEquipment })
        // Not more than needed: the CV ends at the limit (a cheaper plan would leave it above).
        let after = try Evaluator.evaluate(reapply(p.actions, to: records).records, standard: standard)
        let cv = try #require(after.sections[0].indicators.first { $0.definition.numerator == .equipmentValue }?.cv.value)
        #expect(abs(cv - 0.2) <= 1e-6, "equipment CV after the plan: \(cv)")
    }

    /// A local variant may demand the CV be strictly below its limit ("< 0.20"); a plan the planner calls optimal
    /// must pass that variant too.
    @Test("a strictly-below CV limit is honoured", arguments: [
        ([2000.0, 2100, 4000], 0.2), ([2000.0, 2100, 4000], 0.25), ([2200.0, 2500, 3900], 0.15),
        ([2000.0, 3000, 5000], 0.3), ([2050.0, 2600, 2700], 0.1), ([2400.0, 2400, 6000], 0.2),
    ])
    func strictlyBelow(perStudent: [Double], limit: Double) throws {
        var variant = StandardVariant(base: "youzhi-2017", id: "test-strict")
        variant.cvLimit = PartialPerSection(primary: limit, junior: limit)
        variant.strictlyBelow = true
        let standard = try variant.resolved()
        let records = perStudent.enumerated().map { i, value in
            var r = row("E\(i + 1)", students: 200, teachers: 16, degree: 10, backbone: 3, peArt: 2, rooms: 5)
            r.quantities[.equipmentValue] = value * 200
            return r
        }
        #expect(try !Evaluator.evaluate(records, standard: standard).passed, "fixture: the equipment CV is above the limit")
        let p = plan(PlanRequest(records: records, standard: standard, rules: Self.onlyEquipment))
        #expect(p.status == .optimal)
        #expect(p.after?.passed == true, "planner's own after-evaluation fails the strictly-below limit")
        let mine = reapply(p.actions, to: records)
        let after = try Evaluator.evaluate(mine.records, standard: standard)
        let cv = after.sections[0].indicators.first { $0.definition.numerator == .equipmentValue }?.cv.value ?? .nan
        #expect(after.passed, "re-applied plan fails: equipment CV \(cv) is not strictly below \(limit)")
    }

    @Test("a county that already passes needs nothing")
    func alreadyPassing() throws {
        let records = [row("A", students: 200, teachers: 16, degree: 10, backbone: 3, peArt: 2, rooms: 5),
                       row("B", students: 300, teachers: 24, degree: 14, backbone: 4, peArt: 3, rooms: 7)]
        #expect(try Evaluator.evaluate(records, standard: youzhi).passed)
        let p = plan(PlanRequest(records: records, standard: youzhi))
        #expect(p.status == .optimal)
        #expect(p.totalCost == 0)
        #expect(p.actions.isEmpty)
        #expect(p.plannedRecords == records)
    }
}
