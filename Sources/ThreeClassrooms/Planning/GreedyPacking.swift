/// A fast primal plan for one scope when supply binds and CBC finds no good solution in time: full sessions first.
///
/// For sizes cap, cap − 1, …, 1: every (subject, grade, slot) with at least that many classes still short of the
/// subject and free then gets a session from a qualified sender with spare periods who is free then (the one whose
/// 教育集团 has the most of those classes, up to cap; then the least flexible: fewest free slots beyond their spare
/// periods), seating up to cap classes, of the sender's own
/// 教育集团 first, then of its county. Every session obeys the hard rules by construction (the same state updates
/// as a solved model's sessions). Deterministic: keys, demands and teachers are visited in index order.
enum GreedyPacking {
    /// `existing`: earlier stages' sessions with free seats, filled first (returned as joins).
    static func solve(_ state: PlanningState, demandIndices: [Int], senders: [Int], cap: Int,
                      existing: [(index: Int, session: SessionModel.Session)] = []) -> SessionModel.Result {
        var state = state
        var byKey: [SessionKey: [Int]] = [:]
        for d in demandIndices where state.demands[d].remaining > 0 {
            let demand = state.demands[d]
            let grade = state.classes[demand.classIndex].grade
            for s in state.classFree[demand.classIndex].indices {
                byKey[SessionKey(subject: demand.subject, grade: grade, slot: s), default: []].append(d)
            }
        }
        var teachersAt: [TeachingKey: [Int]] = [:]
        for t in senders where state.teacherSpare[t] > 0 {
            for j in state.teachers[t].subjects where state.maySend(t, j) {
                for s in state.teacherFree[t].indices { teachersAt[TeachingKey(subject: j, slot: s), default: []].append(t) }
            }
        }
        for key in teachersAt.keys { teachersAt[key]!.sort { (slack(state, $0), $0) < (slack(state, $1), $1) } }
        let keys = byKey.keys.sorted()
        var sessions: [SessionModel.Session] = []
        var joins: [(session: Int, demand: Int)] = []
        for e in existing where e.session.demands.count < cap {
            let key = SessionKey(subject: e.session.subject, grade: e.session.grade, slot: e.session.slot)
            let chosen = (byKey[key] ?? []).filter {
                state.demands[$0].remaining > 0 && state.classFree[state.demands[$0].classIndex].contains(key.slot)
            }.prefix(cap - e.session.demands.count)
            for d in chosen {
                joins.append((e.index, d))
                state.demands[d].covered += 1
                state.classFree[state.demands[d].classIndex].remove(key.slot)
            }
        }
        for size in stride(from: cap, through: 1, by: -1) {
            for key in keys {
                while true {
                    let waiting = byKey[key]!.filter { state.demands[$0].remaining > 0 && state.classFree[state.demands[$0].classIndex].contains(key.slot) }
                    byKey[key] = waiting
                    guard waiting.count >= size else { break }
                    // The sender whose 教育集团 has the most of these classes (up to cap), then the least flexible.
                    var inGroup: [String: Int] = [:]
                    for d in waiting {
                        if let g = state.groupKey(school: state.classSchool[state.demands[d].classIndex]) { inGroup[g, default: 0] += 1 }
                    }
                    var best: (t: Int, score: Int)?
                    for t in teachersAt[TeachingKey(subject: key.subject, slot: key.slot)] ?? []
                    where state.teacherSpare[t] > 0 && state.teacherFree[t].contains(key.slot) {
                        let score = min(cap, state.groupKey(school: state.teacherSchool[t]).flatMap { inGroup[$0] } ?? 0)
                        if best == nil || score > best!.score { best = (t, score) }
                        if score == cap { break }
                    }
                    guard let t = best?.t else { break }
                    let home = state.teacherSchool[t]
                    let rank = { (d: Int) -> Int in
                        let school = state.classSchool[state.demands[d].classIndex]
                        if let g = state.groupKey(school: school), g == state.groupKey(school: home) { return 0 }
                        return state.schools[school].county == state.schools[home].county ? 1 : 2
                    }
                    let chosen = waiting.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
                        .prefix(cap).map(\.element)
                    let session = SessionModel.Session(teacher: t, subject: key.subject, grade: key.grade, slot: key.slot, demands: chosen)
                    ClassroomPlanner.apply([session], to: &state)
                    sessions.append(session)
                }
            }
        }
        return SessionModel.Result(sessions: sessions, joins: joins, status: .feasible, preferenceStatus: nil, seconds: 0, variables: 0)
    }

    /// Free slots beyond the spare periods: a teacher with none to spare is used first.
    static func slack(_ state: PlanningState, _ t: Int) -> Int { state.teacherFree[t].count - state.teacherSpare[t] }
}
