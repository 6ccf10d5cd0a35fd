import JunhengSolver
import SafeNumbers

/// The coverable demand and an upper bound on what any plan covers, from an LP relaxation solved on CBC.
///
/// The LP pools each subject's senders: class c takes d[c,j] ≤ its shortfall (and no more than its free periods
/// in which some sender of j is free), teacher t gives z[t,j] sessions within its spare periods, and
/// Σ_c d[c,j] ≤ cap · Σ_t z[t,j]. Any timetable satisfies these rows, so the LP optimum bounds every plan.
enum CoverageBound {
    struct Result {
        /// Σ over classes of min(free periods, shortfall in subjects some teacher may send).
        var coverable: Int
        var upperBound: Int
    }

    static func compute(_ state: PlanningState, cap: Int) -> Result {
        var senderSlots: [Subject: SlotSet] = [:]
        for t in state.teachers.indices where state.teacherSpare[t] > 0 {
            for j in state.teachers[t].subjects where state.maySend(t, j) {
                senderSlots[j] = senderSlots[j, default: SlotSet()].union(state.teacherFree[t])
            }
        }
        var byClass: [Int: [Int]] = [:]
        for (d, demand) in state.demands.enumerated() where senderSlots[demand.subject] != nil {
            byClass[demand.classIndex, default: []].append(d)
        }
        var coverable = 0
        var model = MIPModel()
        var bySubject: [Subject: [(Int, Double)]] = [:]
        for (c, ds) in byClass.inKeyOrder {
            coverable += min(state.classFree[c].count, ds.reduce(0) { $0 + state.demands[$1].short })
            var any = SlotSet()
            var row: [(Int, Double)] = []
            for d in ds {
                let demand = state.demands[d]
                let common = state.classFree[c].intersection(senderSlots[demand.subject]!)
                any = any.union(common)
                let v = model.addVariable("d", upper: Double(min(demand.short, common.count)), objective: -1)
                row.append((v, 1))
                bySubject[demand.subject, default: []].append((v, 1))
            }
            model.addConstraint("class", row, upper: Double(any.count))
        }
        for t in state.teachers.indices where state.teacherSpare[t] > 0 {
            var row: [(Int, Double)] = []
            for j in state.teachers[t].subjects where state.maySend(t, j) && bySubject[j] != nil {
                let v = model.addVariable("z", upper: Double(state.teacherSpare[t]))
                row.append((v, 1))
                bySubject[j]!.append((v, -Double(cap)))
            }
            if row.count > 1 { model.addConstraint("spare", row, upper: Double(state.teacherSpare[t])) }
        }
        for (_, row) in bySubject.inKeyOrder { model.addConstraint("subject", row, upper: 0) }
        guard !model.variables.isEmpty else { return Result(coverable: coverable, upperBound: 0) }
        let lp = CBCSolver.solve(model, options: .init(relaxIntegrality: true))
        // Without a proven LP optimum the only honest bound is the coverable demand itself.
        guard lp.status == .optimal, let objective = lp.objective else { return Result(coverable: coverable, upperBound: coverable) }
        return Result(coverable: coverable, upperBound: min(coverable, Checked.int(rounding: (-objective + 1e-6).rounded(.down))))
    }
}
