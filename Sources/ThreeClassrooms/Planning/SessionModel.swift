import JunhengSolver

/// The 专递课堂 MIP of one scope (a county, a prefecture or the province), solved on CBC.
///
/// Variables: x[d,s] = demand d's class receives its subject in slot s; y[t,j,s] = teacher t teaches j live
/// in slot s; Y[S,j,g,s] = sessions that sender school S runs for subject j, grade g in slot s;
/// r = classes served by a session of their own 教育集团 (or county). Every class can join any session of its
/// subject and grade in a slot, so the sessions are rebuilt from (x, y, Y) afterwards without loss.
///
/// Solved lexicographically: phase 1 maximises the periods covered and is proven optimal; phase 2 keeps that
/// coverage and, within a time limit, prefers senders of the same 教育集团 and county and fewer sessions.
struct SessionModel {
    struct Weights {
        var sameGroup = 3.0
        var sameCounty = 2.0
        var session = 1.0
    }

    /// One live session: its teacher, subject, grade, slot and receiving demands (indices into the state).
    struct Session {
        var teacher: Int
        var subject: Subject
        var grade: Int
        var slot: Int
        var demands: [Int]
    }

    struct Result {
        var sessions: [Session]
        /// CBC's status on the coverage model (phase 1).
        var status: MIPStatus
        /// CBC's status on the preference model (phase 2), nil when it was not run or found nothing.
        var preferenceStatus: MIPStatus?
        var seconds: Double
        var variables: Int
    }

    private struct Key: Hashable {
        var subject: Subject
        var grade: Int
        var slot: Int
    }

    private struct TeacherKey: Hashable {
        var subject: Subject
        var slot: Int
    }

    /// Builds and solves the model over `demandIndices` (into `state.demands`) and teachers `senders`.
    static func solve(_ state: PlanningState, demandIndices: [Int], senders: [Int], cap: Int, weights: Weights = Weights(),
                      timeLimit: Double, relativeGap: Double) -> Result {
        var model = MIPModel()
        var preference: [(Int, Double)] = []
        // Slots where some sender of the subject is free with spare periods.
        var senderSlots: [Subject: SlotSet] = [:]
        for t in senders where state.teacherSpare[t] > 0 {
            for j in state.teachers[t].subjects where state.maySend(t, j) {
                senderSlots[j] = senderSlots[j, default: SlotSet()].union(state.teacherFree[t])
            }
        }
        // x variables, by (subject, grade, slot).
        var xs: [(demand: Int, slot: Int, v: Int)] = []
        var xsByKey: [Key: [Int]] = [:]
        var xsByClassSlot: [Int: [Int]] = [:]
        var xsByDemand: [Int: [Int]] = [:]
        for d in demandIndices where state.demands[d].remaining > 0 {
            let demand = state.demands[d]
            guard let slots = senderSlots[demand.subject] else { continue }
            let grade = state.classes[demand.classIndex].grade
            for s in state.classFree[demand.classIndex].intersection(slots).indices {
                let v = model.addVariable("x", upper: 1, objective: -1, integer: true)
                xs.append((d, s, v))
                xsByKey[Key(subject: demand.subject, grade: grade, slot: s), default: []].append(xs.count - 1)
                xsByClassSlot[demand.classIndex * 128 + s, default: []].append(v)
                xsByDemand[d, default: []].append(v)
            }
        }
        var gradesAt: [TeacherKey: [Int]] = [:]
        for k in xsByKey.keys { gradesAt[TeacherKey(subject: k.subject, slot: k.slot), default: []].append(k.grade) }
        // y variables.
        var ys: [(teacher: Int, subject: Subject, slot: Int, v: Int)] = []
        var ysBySchoolKey: [Int: [TeacherKey: [Int]]] = [:]
        var ysByTeacherSlot: [Int: [Int]] = [:]
        var ysByTeacher: [Int: [Int]] = [:]
        for t in senders where state.teacherSpare[t] > 0 {
            for j in state.teachers[t].subjects where state.maySend(t, j) {
                for s in state.teacherFree[t].indices where gradesAt[TeacherKey(subject: j, slot: s)] != nil {
                    let v = model.addVariable("y", upper: 1, objective: 0, integer: true)
                    preference.append((v, weights.session))
                    ys.append((t, j, s, v))
                    ysBySchoolKey[state.teacherSchool[t], default: [:]][TeacherKey(subject: j, slot: s), default: []].append(v)
                    ysByTeacherSlot[t * 128 + s, default: []].append(v)
                    ysByTeacher[t, default: []].append(v)
                }
            }
        }
        // Y variables and the sessions each school can run.
        var bigY: [Key: [(school: Int, v: Int)]] = [:]
        var bigYList: [(school: Int, key: Key, v: Int)] = []
        for (school, byKey) in ysBySchoolKey {
            for (tk, yv) in byKey {
                var row: [(Int, Double)] = yv.map { ($0, -1) }
                for g in gradesAt[tk] ?? [] {
                    let v = model.addVariable("Y", upper: Double(yv.count), integer: true)
                    let key = Key(subject: tk.subject, grade: g, slot: tk.slot)
                    bigY[key, default: []].append((school, v))
                    bigYList.append((school, key, v))
                    row.append((v, 1))
                }
                model.addConstraint("sessions", row, upper: 0)
            }
        }
        for (_, vs) in ysByTeacherSlot where vs.count > 1 { model.addConstraint("teacher-slot", vs.map { ($0, 1) }, upper: 1) }
        for (t, vs) in ysByTeacher where vs.count > state.teacherSpare[t] {
            model.addConstraint("spare", vs.map { ($0, 1) }, upper: Double(state.teacherSpare[t]))
        }
        for (_, vs) in xsByClassSlot where vs.count > 1 { model.addConstraint("class-slot", vs.map { ($0, 1) }, upper: 1) }
        for (d, vs) in xsByDemand where vs.count > state.demands[d].remaining {
            model.addConstraint("short", vs.map { ($0, 1) }, upper: Double(state.demands[d].remaining))
        }
        let capD = Double(cap)
        for (key, members) in xsByKey {
            let sessions = bigY[key] ?? []
            var row: [(Int, Double)] = members.map { (xs[$0].v, 1) }
            row += sessions.map { ($0.v, -capD) }
            model.addConstraint("cap", row, upper: 0)
            for m in members {
                model.addConstraint("open", [(xs[m].v, 1)] + sessions.map { ($0.v, -1) }, upper: 0)
            }
            preference += addAffinity(&model, state: state, members: members.map { (state.demands[xs[$0].demand].classIndex, xs[$0].v) },
                        sessions: sessions, cap: capD, weights: weights)
        }
        // Phase 1: most periods covered.
        var solution = CBCSolver.solve(model, options: .init(timeLimit: timeLimit, relativeGap: relativeGap))
        let phase1 = solution
        var preferenceStatus: MIPStatus?
        guard !solution.values.isEmpty else {
            return Result(sessions: [], status: solution.status, preferenceStatus: nil, seconds: solution.seconds,
                          variables: model.variables.count)
        }
        // Phase 2: the same coverage, then preferences.
        let covered = xs.reduce(0) { $0 + Int(solution.values[$1.v].rounded()) }
        let phase2Limit = min(max(1, phase1.seconds), timeLimit - phase1.seconds)
        if covered > 0, !preference.isEmpty, phase2Limit > 0.2 {
            for i in xs.indices { model.setObjectiveCoefficient(xs[i].v, 0) }
            for (v, w) in preference { model.setObjectiveCoefficient(v, w) }
            model.addConstraint("coverage", xs.map { ($0.v, 1) }, lower: Double(covered))
            let second = CBCSolver.solve(model, options: .init(timeLimit: phase2Limit, relativeGap: 1e-4))
            if !second.values.isEmpty {
                preferenceStatus = second.status
                solution = second
            }
        }
        let value = { (v: Int) in Int(solution.values[v].rounded()) }
        let taken = xs.filter { value($0.v) == 1 }.map { (demand: $0.demand, slot: $0.slot) }
        let teaching = ys.filter { value($0.v) == 1 }.map { (teacher: $0.teacher, subject: $0.subject, slot: $0.slot) }
        let opened = bigYList.compactMap { value($0.v) > 0 ? (school: $0.school, key: ($0.key.subject, $0.key.grade, $0.key.slot), count: value($0.v)) : nil }
        let sessions = SessionAssembly.sessions(state, taken: taken, teaching: teaching, opened: opened, cap: cap)
        return Result(sessions: sessions, status: phase1.status, preferenceStatus: preferenceStatus,
                      seconds: phase1.seconds + (preferenceStatus == nil ? 0 : solution.seconds), variables: model.variables.count)
    }

    /// Rewards classes served by a sender of their own 教育集团 and, across counties, of their own county.
    private static func addAffinity(_ model: inout MIPModel, state: PlanningState, members: [(classIndex: Int, v: Int)],
                                    sessions: [(school: Int, v: Int)], cap: Double, weights: Weights) -> [(Int, Double)] {
        var preference: [(Int, Double)] = []
        let levels: [(key: (Int) -> String?, weight: Double)] = [
            ({ state.groupKey(school: $0) }, weights.sameGroup),
            ({ state.schools[$0].county }, weights.sameCounty),
        ]
        for level in levels where level.weight > 0 {
            var receivers: [String: [Int]] = [:]
            for m in members { if let k = level.key(state.classSchool[m.classIndex]) { receivers[k, default: []].append(m.v) } }
            var senders: [String: [Int]] = [:]
            for s in sessions { if let k = level.key(s.school) { senders[k, default: []].append(s.v) } }
            // A level on which everybody agrees changes nothing; skip it.
            if receivers.count == 1, senders.count == 1, receivers.keys.first == senders.keys.first,
               senders.values.first!.count == sessions.count, receivers.values.first!.count == members.count { continue }
            for (k, xv) in receivers {
                guard let yv = senders[k] else { continue }
                let r = model.addVariable("r", upper: Double(xv.count))
                preference.append((r, -level.weight))
                model.addConstraint("r-x", [(r, 1)] + xv.map { ($0, -1) }, upper: 0)
                model.addConstraint("r-y", [(r, 1)] + yv.map { ($0, -cap) }, upper: 0)
            }
        }
        return preference
    }
}
