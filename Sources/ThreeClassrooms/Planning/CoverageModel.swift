import JunhengSolver
import SafeNumbers

/// Phase 1: the most class-periods covered.
///
/// x[d,s] = demand d's class receives its subject in slot s; y[t,j,s] = teacher t teaches j live in slot s;
/// Y[j,g,s] = sessions of subject j for grade g in slot s. Rows: a teacher teaches at most once a slot and within
/// spare periods; Σ_g Y[j,g,s] ≤ Σ_t y[t,j,s]; a class takes at most one session a slot and no more than its
/// shortfall; Σ_{classes of g} x[·,s] ≤ cap·Y[j,g,s]. Any class may join any session of its subject and grade in a
/// slot, so seats and classes are matched afterwards without loss.
enum CoverageModel {
    struct Result {
        var taken: [(demand: Int, slot: Int)]
        var seats: [Seat]
        var status: MIPStatus
        var seconds: Double
        var variables: Int
        /// −(CBC's best bound on the minimisation): no plan of this model covers more.
        var bestBound: Double? = nil
    }

    /// `room[key]`: free seats in earlier stages' sessions of that subject, grade and slot (added to the cap rows).
    static func solve(_ state: PlanningState, demandIndices: [Int], senders: [Int], cap: Int, timeLimit: Double,
                      relativeGap: Double, room: [SessionKey: Int] = [:]) -> Result {
        var model = MIPModel()
        var senderSlots: [Subject: SlotSet] = [:]
        for t in senders where state.teacherSpare[t] > 0 {
            for j in state.teachers[t].subjects where state.maySend(t, j) {
                senderSlots[j] = senderSlots[j, default: SlotSet()].union(state.teacherFree[t])
            }
        }
        struct SubjectGrade: Hashable { var subject: Subject; var grade: Int }
        var roomSlots: [SubjectGrade: SlotSet] = [:]
        for (key, n) in room where n > 0 { roomSlots[SubjectGrade(subject: key.subject, grade: key.grade), default: SlotSet()].insert(key.slot) }
        var xs: [(demand: Int, slot: Int, v: Int)] = []
        var xsByKey: [SessionKey: [Int]] = [:], xsByClassSlot: [Int: [Int]] = [:], xsByDemand: [Int: [Int]] = [:]
        for d in demandIndices where state.demands[d].remaining > 0 {
            let demand = state.demands[d]
            let grade = state.classes[demand.classIndex].grade
            let slots = (senderSlots[demand.subject] ?? SlotSet()).union(roomSlots[SubjectGrade(subject: demand.subject, grade: grade)] ?? SlotSet())
            guard !slots.isEmpty else { continue }
            for s in state.classFree[demand.classIndex].intersection(slots).indices {
                let v = model.addVariable("x", upper: 1, objective: -1, integer: true)
                xs.append((d, s, v))
                xsByKey[SessionKey(subject: demand.subject, grade: grade, slot: s), default: []].append(v)
                xsByClassSlot[demand.classIndex * 128 + s, default: []].append(v)
                xsByDemand[d, default: []].append(v)
            }
        }
        var gradesAt: [TeachingKey: [Int]] = [:]
        for k in xsByKey.keys.sorted() { gradesAt[TeachingKey(subject: k.subject, slot: k.slot), default: []].append(k.grade) }
        var ys: [(teacher: Int, key: TeachingKey, v: Int)] = []
        var ysByKey: [TeachingKey: [Int]] = [:], ysByTeacherSlot: [Int: [Int]] = [:], ysByTeacher: [Int: [Int]] = [:]
        for t in senders where state.teacherSpare[t] > 0 {
            for j in state.teachers[t].subjects where state.maySend(t, j) {
                for s in state.teacherFree[t].indices where gradesAt[TeachingKey(subject: j, slot: s)] != nil {
                    let v = model.addVariable("y", upper: 1, integer: true)
                    let key = TeachingKey(subject: j, slot: s)
                    ys.append((t, key, v))
                    ysByKey[key, default: []].append(v)
                    ysByTeacherSlot[t * 128 + s, default: []].append(v)
                    ysByTeacher[t, default: []].append(v)
                }
            }
        }
        var bigY: [SessionKey: Int] = [:]
        for (key, yv) in ysByKey.inKeyOrder {
            var row: [(Int, Double)] = yv.map { ($0, -1) }
            for g in gradesAt[key] ?? [] {
                let v = model.addVariable("Y", upper: Double(yv.count), integer: true)
                bigY[SessionKey(subject: key.subject, grade: g, slot: key.slot)] = v
                row.append((v, 1))
            }
            model.addConstraint("sessions", row, upper: 0)
        }
        for (_, vs) in ysByTeacherSlot.inKeyOrder where vs.count > 1 { model.addConstraint("teacher-slot", vs.map { ($0, 1) }, upper: 1) }
        for (t, vs) in ysByTeacher.inKeyOrder where vs.count > state.teacherSpare[t] {
            model.addConstraint("spare", vs.map { ($0, 1) }, upper: Double(state.teacherSpare[t]))
        }
        for (_, vs) in xsByClassSlot.inKeyOrder where vs.count > 1 { model.addConstraint("class-slot", vs.map { ($0, 1) }, upper: 1) }
        for (d, vs) in xsByDemand.inKeyOrder where vs.count > state.demands[d].remaining {
            model.addConstraint("short", vs.map { ($0, 1) }, upper: Double(state.demands[d].remaining))
        }
        for (key, members) in xsByKey.inKeyOrder {
            let seats: [(Int, Double)] = bigY[key].map { [($0, -Double(cap))] } ?? []
            model.addConstraint("cap", members.map { ($0, 1) } + seats, upper: Double(room[key] ?? 0))
            // A class in a slot needs a session there: x ≤ Y. Valid for integer points, and it keeps the LP
            // from counting a quarter of a teacher period per class when supply binds (the cap row alone does).
            if let y = bigY[key], (room[key] ?? 0) == 0, members.count > 1 {
                for x in members { model.addConstraint("open", [(x, 1), (y, -1)], upper: 0) }
            }
        }
        let solution = CBCSolver.solve(model, options: .init(timeLimit: timeLimit, relativeGap: relativeGap))
        guard !solution.values.isEmpty else {
            return Result(taken: [], seats: [], status: solution.status, seconds: solution.seconds, variables: model.variables.count)
        }
        let on = { (v: Int) in solution.values[v] > 0.5 }
        var teachersAt: [TeachingKey: [Int]] = [:]
        for y in ys where on(y.v) { teachersAt[y.key, default: []].append(y.teacher) }
        var seats: [Seat] = []
        for (key, v) in bigY.inKeyOrder {
            for _ in 0..<max(0, Checked.int(rounding: solution.values[v])) {
                guard let t = teachersAt[TeachingKey(subject: key.subject, slot: key.slot)]?.popLast() else { break }
                seats.append(Seat(teacher: t, subject: key.subject, grade: key.grade, slot: key.slot))
            }
        }
        return Result(taken: xs.filter { on($0.v) }.map { ($0.demand, $0.slot) }, seats: seats, status: solution.status,
                      seconds: solution.seconds, variables: model.variables.count, bestBound: solution.bestBound.map { -$0 })
    }
}
