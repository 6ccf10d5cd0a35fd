/// Seats the classes: each class of a (subject, grade, slot) joins a session there with room, a session of its
/// own 教育集团 first, then of its county, then any; sessions left without a class are dropped.
enum SessionAssembly {
    static func sessions(_ state: PlanningState, taken: [(demand: Int, slot: Int)], seats: [Seat], cap: Int) -> [SessionModel.Session] {
        var open: [SessionKey: [SessionModel.Session]] = [:]
        for s in seats {
            open[SessionKey(subject: s.subject, grade: s.grade, slot: s.slot), default: []]
                .append(SessionModel.Session(teacher: s.teacher, subject: s.subject, grade: s.grade, slot: s.slot, demands: []))
        }
        var waiting: [SessionKey: [Int]] = [:]
        for x in taken.sorted(by: { ($0.slot, $0.demand) < ($1.slot, $1.demand) }) {
            let d = state.demands[x.demand]
            waiting[SessionKey(subject: d.subject, grade: state.classes[d.classIndex].grade, slot: x.slot), default: []].append(x.demand)
        }
        let levels: [(Int) -> String?] = [{ state.groupKey(school: $0) }, { state.schools[$0].county }, { _ in "" }]
        var result: [SessionModel.Session] = []
        for (key, demands) in waiting.sorted(by: { ($0.key.slot, $0.key.grade) < ($1.key.slot, $1.key.grade) }) {
            var sessions = open[key] ?? []
            var left = demands
            for level in levels {
                left = left.filter { d in
                    let home = level(state.classSchool[state.demands[d].classIndex])
                    guard home != nil, let k = sessions.firstIndex(where: {
                        $0.demands.count < cap && level(state.teacherSchool[$0.teacher]) == home
                    }) else { return true }
                    sessions[k].demands.append(d)
                    return false
                }
            }
            // The cap rows leave room for every class; `left` is empty unless CBC returned a non-integral point.
            result += sessions.filter { !$0.demands.isEmpty }
        }
        return result
    }
}
