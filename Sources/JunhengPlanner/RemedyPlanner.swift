import EquityKit
import Foundation
import JunhengSolver
import SafeNumbers

/// Finds the cheapest remedy plan on CBC, handling the CV limits exactly by outer approximation:
/// solve, add tangent cuts for every CV above its limit, solve again, until no CV exceeds its limit by more than 1e-9.
public enum RemedyPlanner {
    /// Relative CV excess still accepted (the issue's 1e-9).
    public static let cvTolerance = 1e-9

    /// Why no plan could be attempted.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case evaluation(EvaluationError)
        /// Standards judged on the mean of all CVs (基本均衡 2012): Σ σₖ/μₖ ≤ c is not convex in the plan's
        /// decisions, so no exact method here covers it.
        case compositeCVNotSupported(String)

        public var description: String {
            switch self {
            case .evaluation(let e): e.description
            case .compositeCVNotSupported(let id):
                "整改规划只支持逐项判定差异系数的标准（如 youzhi-2017）；\(id) 按综合差异系数判定，暂不支持"
                    + " / the planner supports standards that judge each indicator's CV (e.g. youzhi-2017); \(id) judges the mean of all CVs"
            }
        }
    }

    /// Plans for `request`: min-cost with every CV limit hard, or (budget mode) fewest failing schools first,
    /// then the smallest largest CV-to-limit ratio, found by bisection on the ratio.
    public static func plan(_ request: PlanRequest) throws(Failure) -> RemedyPlan {
        let start = Date()
        let deadline = start.addingTimeInterval(request.timeLimit)
        guard request.standard.countyRule.kind == .everyIndicator else { throw .compositeCVNotSupported(request.standard.id) }
        let before: Evaluation
        do { before = try Evaluator.evaluate(request.records, standard: request.standard) } catch { throw .evaluation(error) }
        var first = Round(model: RemedyModel(request), deadline: deadline)
        first.run(cvHard: request.mode == .minimumCost)
        var plan = result(model: first.model, solution: first.last, violations: first.violations, before: before,
                          rounds: first.rounds, seconds: Date().timeIntervalSince(start))
        guard case .budget = request.mode, let failing = plan.failingSchools, var hi = plan.largestCVRatio, hi > 0 else {
            return plan
        }
        // Phase 2: keep that many failing schools at most and push the largest CV ratio down.
        var lo = 0.0, rounds = plan.rounds, cuts = plan.cuts
        while hi - lo > 5e-3 * hi, Date() < deadline, request.shouldStop?() != true {
            let mid = (lo + hi) / 2
            var round = Round(model: RemedyModel(request, maximumFailing: failing, cvRatio: mid), deadline: deadline)
            round.run(cvHard: true)
            rounds += round.rounds
            cuts += round.model.cutCount
            guard let solution = round.last else { break }
            if solution.status == .infeasible { lo = mid; continue }
            guard !solution.values.isEmpty, round.violations.isEmpty else { break }
            var better = result(model: round.model, solution: solution, violations: [], before: before, rounds: 0, seconds: 0)
            better.status = plan.status
            plan = better
            hi = min(mid, plan.largestCVRatio ?? mid)
        }
        plan.rounds = rounds
        plan.cuts = cuts
        plan.seconds = Date().timeIntervalSince(start)
        return plan
    }

    /// One outer-approximation run on a model: LP rounds to shape the CV planes, then integer rounds until no CV
    /// exceeds its limit by more than 1e-9, the solver proves infeasibility, or time runs out.
    struct Round {
        var model: RemedyModel
        let deadline: Date
        var rounds = 0
        var last: MIPSolution?
        var violations: [(section: Section, indicator: Int, cv: Double, limit: Double)] = []

        init(model: RemedyModel, deadline: Date) {
            self.model = model
            self.deadline = deadline
        }

        /// Seconds left for solver rounds; none once the request asks to stop.
        var remaining: Double { model.request.shouldStop?() == true ? 0 : deadline.timeIntervalSinceNow }

        func violated(_ values: [Double]) -> [(section: Section, indicator: Int, cv: Double, limit: Double)] {
            model.cvs(values).filter { $0.cv > $0.limit * (1 + cvTolerance) }
        }

        /// Gives every CV above its limit its cone (once) and tangent planes at `values`; true when something was added.
        mutating func tighten(_ values: [Double]) -> Bool {
            let over = violated(values)
            for v in over { model.ensureCone(section: v.section, indicator: v.indicator, limit: v.limit) }
            return !over.isEmpty && model.refineCones(at: values) > 0
        }

        mutating func run(cvHard: Bool) {
            if cvHard {
                // Planes at the data as it is, then on the LP relaxation, which is cheap, before any integer solve.
                _ = tighten([])
                for _ in 0..<300 where remaining > 0 {
                    let lp = CBCSolver.solve(model.mip, options: .init(timeLimit: remaining, relaxIntegrality: true))
                    rounds += 1
                    trace("LP", lp, model)
                    // The LP only shapes the approximation; the integer rounds below finish it to 1e-9.
                    guard lp.status == .optimal, model.cvs(lp.values).contains(where: { $0.cv > $0.limit * (1 + 1e-6) }),
                          tighten(lp.values) else { break }
                }
            }
            var bound: Double?
            var margin = 0.0
            var incumbent: MIPSolution?
            while remaining > 0 {
                let solution = CBCSolver.solve(model.mip, options: .init(timeLimit: remaining,
                                                                         relativeGap: model.request.relativeGap))
                rounds += 1
                trace("MIP", solution, model)
                // Every round without a margin relaxes the true problem, so its bound bounds every valid plan.
                if margin == 0, let b = solution.bestBound { bound = max(bound ?? b, b) }
                let repeated = last.map { !$0.values.isEmpty && $0.values == solution.values } ?? false
                last = solution
                guard !solution.values.isEmpty else { break }
                violations = cvHard ? violated(solution.values) : []
                if violations.isEmpty { break }
                // Close to the limits: keep the whole-number decisions and finish the amounts (m², yuan) on LPs. That
                // gives a valid plan; it ends the search when it is within the gap of the relaxation's bound.
                let roundBound = margin == 0 ? solution.bestBound : bound
                if violations.allSatisfy({ $0.cv <= $0.limit * 1.001 }), let polished = polish(solution, bound: roundBound) {
                    if incumbent.map({ polished.objective! < $0.objective! }) ?? true { incumbent = polished }
                    if let b = roundBound, let cost = polished.objective, (cost - b) / max(cost, 1e-9) <= model.request.relativeGap {
                        break
                    }
                }
                if repeated {
                    // The solver's tolerance accepts the same point again: demand a hair more of every cone.
                    margin = margin == 0 ? 1e-9 : margin * 10
                    model.tightenCones(by: margin)
                }
                if !tighten(solution.values) && !repeated { break }
            }
            if margin > 0 { last?.bestBound = bound }
            // The best valid plan found by polishing stands when the last round still breaks a limit.
            if !violations.isEmpty, var best = incumbent {
                best.bestBound = last?.bestBound.map { min($0, best.objective!) } ?? best.bestBound
                last = best
                violations = []
            }
        }

        /// With every whole-number variable fixed at `solution`'s values, refines the CV planes on LPs until no CV
        /// exceeds its limit. The result is a valid plan; `bound` (from a relaxation) stays its bound. Nil when
        /// those fixed values admit no valid plan or time runs out.
        mutating func polish(_ solution: MIPSolution, bound: Double?) -> MIPSolution? {
            let integers = model.mip.variables.indices.filter { model.mip.variables[$0].isInteger }
            // A few dozen LP rounds settle the amounts; more only means these whole numbers do not fit.
            for _ in 0..<40 where remaining > 0 {
                var fixed = model.mip
                for i in integers { fixed.setBounds(i, lower: solution.values[i], upper: solution.values[i]) }
                let lp = CBCSolver.solve(fixed, options: .init(timeLimit: remaining, relaxIntegrality: true))
                rounds += 1
                trace("LP (whole numbers fixed)", lp, model)
                guard lp.status == .optimal else { return nil }
                var values = lp.values
                for i in integers { values[i] = solution.values[i] }
                if violated(values).isEmpty {
                    return MIPSolution(status: .feasible, objective: model.mip.objective(of: values),
                                       bestBound: bound, values: values, seconds: solution.seconds)
                }
                guard tighten(values) else { return nil }
            }
            return nil
        }
    }

    /// Reports one solver round through the request's progress callback.
    fileprivate static func trace(_ phase: String, _ s: MIPSolution, _ model: RemedyModel) {
        guard let progress = model.request.progress else { return }
        let worst = s.values.isEmpty ? Double.nan : (model.cvs(s.values).map { $0.cv / $0.limit }.max() ?? 0)
        let objective = s.objective.map { String(format: "%.0f", $0) } ?? "—"
        progress("\(phase) \(s.status.rawValue): cost \(objective), largest CV/limit \(String(format: "%.9f", worst)), "
                 + "\(model.cutCount) planes, \(String(format: "%.1f", s.seconds)) s")
    }

    static func result(model: RemedyModel, solution: MIPSolution?, violations: [(section: Section, indicator: Int, cv: Double, limit: Double)],
                       before: Evaluation, rounds: Int, seconds: Double) -> RemedyPlan {
        let request = model.request
        var plan = RemedyPlan(status: .noPlanFound, totalCost: nil, bestBound: nil, gap: nil, actions: [],
                              plannedRecords: request.records, before: before, after: nil, failingSchools: nil,
                              cvViolation: 0, largestCVRatio: nil, rounds: rounds, cuts: model.cutCount, seconds: seconds,
                              solver: "COIN-OR CBC \(CBCSolver.version)")
        guard let solution else { return plan }
        switch solution.status {
        case .infeasible:
            plan.status = .infeasible
            return plan
        case .unbounded, .abandoned, .noSolutionFound:
            return plan
        case .optimal, .feasible:
            break
        }
        let values = solution.values
        let cost = model.costTerms.reduce(0) { $0 + $1.1 * values[$1.0] }
        plan.totalCost = cost
        plan.actions = actions(model, values)
        plan.plannedRecords = plannedRecords(model, values)
        plan.after = try? Evaluator.evaluate(plan.plannedRecords, standard: request.standard)
        // Ratios against the standard's own limits (phase 2 of budget mode scales the model's limits).
        let ratios = model.cvs(values).map { $0.cv / request.standard.cvLimit(in: $0.section) }
        plan.cvViolation = ratios.map { max(0, $0 - 1) }.max() ?? 0
        plan.largestCVRatio = ratios.max()
        if case .budget = request.mode {
            plan.failingSchools = model.failVars.values.filter { values[$0] > 0.5 }.count
            plan.status = solution.status == .optimal ? .optimal : .feasible
            return plan
        }
        // The MIP with cuts relaxes the true problem, so CBC's bound bounds every plan's cost.
        plan.bestBound = solution.bestBound.map { min($0, cost) }
        plan.gap = plan.bestBound.map { max(0, cost - $0) / max(cost, 1e-9) }
        if !violations.isEmpty {
            plan.status = .cvNotConverged
        } else if let gap = plan.gap, gap <= request.relativeGap + 1e-12 {
            plan.status = .optimal
        } else {
            plan.status = .feasible
        }
        return plan
    }

    /// Actions with their quantities; transfers paired sender → receiver within each section and kind.
    static func actions(_ model: RemedyModel, _ values: [Double]) -> [PlannedAction] {
        let request = model.request
        var out: [PlannedAction] = []
        func label(_ u: Int) -> String { request.records[u].section.label }
        for u in model.actionVars.indices {
            let r = request.records[u]
            for action in RemedyAction.allCases where !action.isTransfer {
                // Whole actions are rounded values; amounts (m², yuan) may be small but still count.
                guard let v = model.actionVars[u][action], values[v] > (action.isWhole ? 0.5 : 1e-9) else { continue }
                out.append(PlannedAction(schoolCode: r.schoolCode, schoolName: r.schoolName, section: label(u), action: action,
                                         quantity: values[v], cost: values[v] * request.costs[action]))
            }
        }
        for section in Section.allCases {
            let rows = Set(model.members.filter { $0.school.section == section }.map(\.record)).sorted()
            for action in RemedyAction.transfers {
                var senders = rows.compactMap { u in model.outVars[u][action].map { (u, Checked.int(rounding: values[$0])) } }.filter { $0.1 > 0 }
                var receivers = rows.compactMap { u in model.actionVars[u][action].map { (u, Checked.int(rounding: values[$0])) } }.filter { $0.1 > 0 }
                while let s = senders.first, let t = receivers.first {
                    let n = min(s.1, t.1)
                    let from = request.records[s.0], to = request.records[t.0]
                    out.append(PlannedAction(schoolCode: to.schoolCode, schoolName: to.schoolName, section: label(t.0), action: action,
                                             quantity: Double(n), cost: Double(n) * request.costs[action],
                                             from: from.schoolCode, to: to.schoolCode))
                    senders[0].1 -= n
                    receivers[0].1 -= n
                    if senders[0].1 == 0 { senders.removeFirst() }
                    if receivers[0].1 == 0 { receivers.removeFirst() }
                }
            }
        }
        return out
    }

    /// The input rows with each row's changes applied. Teachers who leave take their attributes with them;
    /// titles and certificates not modelled are capped at the new number of teachers.
    static func plannedRecords(_ model: RemedyModel, _ values: [Double]) -> [StatisticsRecord] {
        var records = model.request.records
        for u in records.indices {
            var q = records[u].quantities
            for quantity in Quantity.allCases {
                let change = model.rowDelta(quantity, row: u).reduce(0) { $0 + $1.1 * values[$1.0] }
                guard change != 0, let current = q[quantity] else { continue }
                q[quantity] = current + change
            }
            if let teachers = q[.teachers] {
                for subset in [Quantity.midSeniorTitleTeachers, .certifiedTeachers] {
                    if let v = q[subset], v > teachers { q[subset] = teachers }
                }
            }
            records[u].quantities = q
        }
        return records
    }
}
