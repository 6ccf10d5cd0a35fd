/// Seats the classes: each class of a (subject, grade, slot) joins a session there with room, a session of its
/// own 教育集团 first, then of its county, then any; sessions left without a class are dropped.
///
/// `existing` are sessions of earlier stages with free seats (their index in the plan's session list): classes
/// join them before new sessions, and are returned as `joins`.
enum SessionAssembly {
    struct Output {
        var sessions: [SessionModel.Session]
        var joins: [(session: Int, demand: Int)]
    }

    static func sessions(_ state: PlanningState, taken: [(demand: Int, slot: Int)], seats: [Seat], cap: Int,
                         existing: [(index: Int, session: SessionModel.Session)] = []) -> Output {
        var open: [SessionKey: [(index: Int?, session: SessionModel.Session)]] = [:]
        for e in existing where e.session.demands.count < cap {
            open[SessionKey(subject: e.session.subject, grade: e.session.grade, slot: e.session.slot), default: []].append((e.index, e.session))
        }
        for s in seats {
            open[SessionKey(subject: s.subject, grade: s.grade, slot: s.slot), default: []]
                .append((nil, SessionModel.Session(teacher: s.teacher, subject: s.subject, grade: s.grade, slot: s.slot, demands: [])))
        }
        var waiting: [SessionKey: [Int]] = [:]
        for x in taken.sorted(by: { ($0.slot, $0.demand) < ($1.slot, $1.demand) }) {
            let d = state.demands[x.demand]
            waiting[SessionKey(subject: d.subject, grade: state.classes[d.classIndex].grade, slot: x.slot), default: []].append(x.demand)
        }
        let levels: [(Int) -> String?] = [{ state.groupKey(school: $0) }, { state.schools[$0].county }, { _ in "" }]
        var output = Output(sessions: [], joins: [])
        for (key, demands) in waiting.inKeyOrder {
            var sessions = open[key] ?? []
            let before = sessions.map(\.session.demands.count)
            var left = demands
            for level in levels {
                left = left.filter { d in
                    let home = level(state.classSchool[state.demands[d].classIndex])
                    guard home != nil, let k = sessions.firstIndex(where: {
                        $0.session.demands.count < cap && level(state.teacherSchool[$0.session.teacher]) == home
                    }) else { return true }
                    sessions[k].session.demands.append(d)
                    return false
                }
            }
            // The cap rows leave room for every class; `left` is empty unless CBC returned a non-integral point.
            for (k, s) in sessions.enumerated() {
                if let index = s.index {
                    output.joins += s.session.demands[before[k]...].map { (index, $0) }
                } else if !s.session.demands.isEmpty {
                    output.sessions.append(s.session)
                }
            }
        }
        return output
    }
}
