import Foundation
import JunhengSolver
import SafeNumbers

/// Plans 专递课堂: every remote-coverable gap to a qualified sending teacher, every session in a free weekly slot.
///
/// One county is one CBC model, solved to a proven optimum. A province is decomposed: each county first,
/// then what is left per prefecture (first four characters of the county code), then across the province.
public enum ClassroomPlanner {
    public static func plan(_ capacity: TeachingCapacity, curriculum: Curriculum = .default2022,
                            options: PlanOptions = PlanOptions(),
                            progress: (@Sendable (String) -> Void)? = nil) -> ClassroomPlan {
        let start = Date()
        let before = GapDetector.classGaps(capacity, curriculum: curriculum)
        var state = PlanningState(capacity, classGaps: before)
        var bound = CoverageBound.compute(state, cap: options.cap)
        progress?("需求 \(state.demands.reduce(0) { $0 + $1.short }) 课时，可覆盖 \(bound.coverable)，上界 \(bound.upperBound) / demand, coverable, bound")
        var stages: [StageReport] = []
        var sessions: [SessionModel.Session] = []
        let scopes = stageScopes(state)
        var allOptimal = true
        for (stageNumber, stage) in scopes.enumerated() {
            // Each scope's time is its share of the demand still open in this stage; later stages keep a reserve.
            let reserve = stageNumber + 1 < scopes.count ? 0.2 : 0
            let open = stage.map { scope in state.demands.indices.filter {
                state.demands[$0].remaining > 0 && scope.includes(state.classSchool[state.demands[$0].classIndex])
            } }
            var openLeft = open.reduce(0) { $0 + $1.count }
            for (k, scope) in stage.enumerated() {
                let demandIndices = open[k].filter { state.demands[$0].remaining > 0 }
                defer { openLeft -= open[k].count }
                guard options.shouldStop?() != true else { continue }
                guard !demandIndices.isEmpty else { continue }
                let needed = Set(demandIndices.map { state.demands[$0].subject })
                let senders = state.teachers.indices.filter { t in
                    state.teacherSpare[t] > 0 && scope.includes(state.teacherSchool[t])
                        && state.teachers[t].subjects.contains { needed.contains($0) && state.maySend(t, $0) }
                }
                // Earlier stages' sessions of this scope's senders with free seats: classes of other counties may join.
                let existing = sessions.indices.filter {
                    sessions[$0].demands.count < options.cap && needed.contains(sessions[$0].subject)
                        && scope.includes(state.teacherSchool[sessions[$0].teacher])
                }.map { (index: $0, session: sessions[$0]) }
                guard !senders.isEmpty || !existing.isEmpty else { continue }
                let left = options.timeLimit * 0.9 - Date().timeIntervalSince(start)
                let share = max(0.5, left * (1 - reserve) * Double(open[k].count) / Double(max(1, openLeft)))
                let gap = scopes.count == 1 ? options.relativeGap : max(options.relativeGap, 1e-3)
                // A greedy plan first (full sessions first): it is kept when it covers all the scope's demand in a
                // decomposed plan, when the model would be too large to solve in the time, or when CBC does worse.
                let clock = Date()
                var greedy = GreedyPacking.solve(state, demandIndices: demandIndices, senders: senders, cap: options.cap,
                                                 existing: existing)
                greedy.seconds = Date().timeIntervalSince(clock)
                let greedyCovered = greedy.sessions.reduce(0) { $0 + $1.demands.count } + greedy.joins.count
                let open = demandIndices.reduce(0) { $0 + state.demands[$1].remaining }
                let columns = demandIndices.reduce(0) { $0 + state.classFree[state.demands[$1].classIndex].count }
                var result: SessionModel.Result
                var method: String?
                if scopes.count > 1, greedyCovered == open {
                    result = greedy
                    result.status = .optimal
                    method = "greedy, all covered"
                } else if scopes.count > 1, columns > Self.largestModel {
                    result = greedy
                    method = "greedy, model too large"
                } else if scopes.count > 1,
                          greedy.sessions.count == senders.reduce(0, { $0 + state.teacherSpare[$1] }) {
                    // Every spare period of the scope's senders is used: CBC could only repack them, and the later
                    // stages fill their sessions' free seats with classes of other counties.
                    result = greedy
                    method = "greedy, senders fully used"
                } else {
                    result = SessionModel.solve(state, demandIndices: demandIndices, senders: senders, cap: options.cap,
                                                timeLimit: share, relativeGap: gap, preferences: scopes.count == 1,
                                                existing: existing)
                    let solved = result.sessions.reduce(0) { $0 + $1.demands.count } + result.joins.count
                    if solved < greedyCovered {
                        greedy.seconds += result.seconds
                        greedy.variables = result.variables
                        result = greedy
                        method = "greedy, CBC worse"
                    } else if scopes.count == 1, let best = result.bestBound {
                        // The one model holds the whole instance: CBC's proven bound bounds every plan.
                        bound.upperBound = min(bound.upperBound, Checked.int(rounding: (best + 1e-6).rounded(.down)))
                    }
                }
                apply(result.sessions, to: &state)
                sessions += result.sessions
                for j in result.joins {
                    sessions[j.session].demands.append(j.demand)
                    state.demands[j.demand].covered += 1
                    state.classFree[state.demands[j.demand].classIndex].remove(sessions[j.session].slot)
                }
                let covered = result.sessions.reduce(0) { $0 + $1.demands.count } + result.joins.count
                allOptimal = allOptimal && result.status == .optimal
                stages.append(StageReport(scope: scope.name, status: method.map { "\(result.status.rawValue) (\($0))" } ?? result.status.rawValue,
                                          preferenceStatus: result.preferenceStatus?.rawValue, variables: result.variables,
                                          seconds: result.seconds, coveredPeriods: covered))
                progress?("\(scope.name): \(result.status.rawValue)，覆盖 \(covered) 课时，\(String(format: "%.2f", result.seconds)) s")
            }
        }
        let status: ClassroomPlanStatus = scopes.count > 1 ? .decomposed : (allOptimal ? .optimal : .timeLimit)
        return PlanFinisher.finish(capacity, curriculum: curriculum, state: state, sessions: sessions, bound: bound,
                                   before: before, stages: stages, status: status, options: options, start: start)
    }

    /// Most class-slot columns a decomposed plan's stage gives CBC; larger stages are planned greedily.
    static let largestModel = 60_000

    /// Records sessions in the state: teachers and classes busy in the slot, demands covered.
    static func apply(_ sessions: [SessionModel.Session], to state: inout PlanningState) {
        for s in sessions {
            state.teacherFree[s.teacher].remove(s.slot)
            state.teacherSpare[s.teacher] -= 1
            for d in s.demands {
                state.demands[d].covered += 1
                state.classFree[state.demands[d].classIndex].remove(s.slot)
            }
        }
    }

    /// A set of schools solved together.
    struct Scope {
        var name: String
        var schools: Set<Int>
        func includes(_ school: Int) -> Bool { schools.contains(school) }
    }

    /// Counties; then prefectures holding more than one county; then the province when it spans prefectures.
    static func stageScopes(_ state: PlanningState) -> [[Scope]] {
        func grouped(_ key: (ClassroomSchool) -> String, _ label: String) -> [Scope] {
            var by: [String: Set<Int>] = [:]
            for (i, s) in state.schools.enumerated() { by[key(s), default: []].insert(i) }
            return by.keys.sorted().map { Scope(name: "\(label) \($0)", schools: by[$0]!) }
        }
        let counties = grouped(\.county, "县 county")
        let prefectures = grouped(\.prefecture, "市 prefecture")
        var stages = [counties]
        if prefectures.count < counties.count { stages.append(prefectures) }
        if prefectures.count > 1 { stages.append([Scope(name: "省 province", schools: Set(state.schools.indices))]) }
        return stages
    }
}
