/// Turns a solved model's counts back into sessions: teachers to grades, then classes to sessions,
/// same 教育集团 first, then same county, then any session with room.
enum SessionAssembly {
    static func sessions(_ state: PlanningState, taken: [(demand: Int, slot: Int)],
                         teaching: [(teacher: Int, subject: Subject, slot: Int)],
                         opened: [(school: Int, key: (Subject, Int, Int), count: Int)], cap: Int) -> [SessionModel.Session] {
        struct TK: Hashable { var school: Int; var subject: Subject; var slot: Int }
        struct GK: Hashable { var subject: Subject; var grade: Int; var slot: Int }
        var teachersAt: [TK: [Int]] = [:]
        for t in teaching {
            teachersAt[TK(school: state.teacherSchool[t.teacher], subject: t.subject, slot: t.slot), default: []].append(t.teacher)
        }
        var open: [GK: [SessionModel.Session]] = [:]
        for o in opened.sorted(by: { ($0.school, $0.key.1) < ($1.school, $1.key.1) }) {
            let tk = TK(school: o.school, subject: o.key.0, slot: o.key.2)
            for _ in 0..<o.count {
                guard let t = teachersAt[tk]?.popLast() else { break }
                open[GK(subject: o.key.0, grade: o.key.1, slot: o.key.2), default: []]
                    .append(SessionModel.Session(teacher: t, subject: o.key.0, grade: o.key.1, slot: o.key.2, demands: []))
            }
        }
        var waiting: [GK: [Int]] = [:]
        for x in taken.sorted(by: { ($0.slot, $0.demand) < ($1.slot, $1.demand) }) {
            let d = state.demands[x.demand]
            waiting[GK(subject: d.subject, grade: state.classes[d.classIndex].grade, slot: x.slot), default: []].append(x.demand)
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
