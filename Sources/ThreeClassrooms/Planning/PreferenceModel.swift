import JunhengSolver
import SafeNumbers

/// Phase 2: with every class kept in its phase-1 slot, the senders that serve classes of their own 教育集团
/// (weight 3 a class) and county (2) with the fewest sessions (1 each).
///
/// y[t,j,s] = teacher t teaches j in slot s; Y[S,j,g,s] = sessions school S runs for grade g; r = classes of a
/// group (or county) served by a session of that group, ≤ its classes there and ≤ cap × its sessions.
enum PreferenceModel {
    struct Weights {
        var sameGroup = 3.0
        var sameCounty = 2.0
        var session = 1.0
    }

    struct Result {
        var seats: [Seat]?
        var status: MIPStatus
        var seconds: Double
    }

    static func solve(_ state: PlanningState, taken: [(demand: Int, slot: Int)], senders: [Int], cap: Int,
                      timeLimit: Double, weights: Weights = Weights(), room: [SessionKey: Int] = [:]) -> Result {
        var classesAt: [SessionKey: [Int]] = [:]
        for t in taken {
            let d = state.demands[t.demand]
            classesAt[SessionKey(subject: d.subject, grade: state.classes[d.classIndex].grade, slot: t.slot), default: []].append(d.classIndex)
        }
        var gradesAt: [TeachingKey: [Int]] = [:]
        for k in classesAt.keys.sorted() { gradesAt[TeachingKey(subject: k.subject, slot: k.slot), default: []].append(k.grade) }
        var model = MIPModel()
        var ys: [(teacher: Int, key: TeachingKey, v: Int)] = []
        var ysBySchoolKey: [Int: [TeachingKey: [Int]]] = [:], ysByTeacherSlot: [Int: [Int]] = [:], ysByTeacher: [Int: [Int]] = [:]
        for t in senders where state.teacherSpare[t] > 0 {
            for j in state.teachers[t].subjects where state.maySend(t, j) {
                for s in state.teacherFree[t].indices where gradesAt[TeachingKey(subject: j, slot: s)] != nil {
                    let v = model.addVariable("y", upper: 1, objective: weights.session, integer: true)
                    let key = TeachingKey(subject: j, slot: s)
                    ys.append((t, key, v))
                    ysBySchoolKey[state.teacherSchool[t], default: [:]][key, default: []].append(v)
                    ysByTeacherSlot[t * 128 + s, default: []].append(v)
                    ysByTeacher[t, default: []].append(v)
                }
            }
        }
        var bigY: [SessionKey: [(school: Int, v: Int)]] = [:]
        for (school, byKey) in ysBySchoolKey.inKeyOrder {
            for (key, yv) in byKey.inKeyOrder {
                var row: [(Int, Double)] = yv.map { ($0, -1) }
                for g in gradesAt[key] ?? [] {
                    let v = model.addVariable("Y", upper: Double(yv.count), integer: true)
                    bigY[SessionKey(subject: key.subject, grade: g, slot: key.slot), default: []].append((school, v))
                    row.append((v, 1))
                }
                model.addConstraint("sessions", row, upper: 0)
            }
        }
        for (_, vs) in ysByTeacherSlot.inKeyOrder where vs.count > 1 { model.addConstraint("teacher-slot", vs.map { ($0, 1) }, upper: 1) }
        for (t, vs) in ysByTeacher.inKeyOrder where vs.count > state.teacherSpare[t] {
            model.addConstraint("spare", vs.map { ($0, 1) }, upper: Double(state.teacherSpare[t]))
        }
        let levels: [(key: (Int) -> String?, weight: Double)] = [
            ({ state.groupKey(school: $0) }, weights.sameGroup), ({ state.schools[$0].county }, weights.sameCounty),
        ]
        for (key, classes) in classesAt.inKeyOrder {
            let sessions = bigY[key] ?? []
            model.addConstraint("cap", sessions.map { ($0.v, Double(cap)) }, lower: Double(classes.count - (room[key] ?? 0)))
            for level in levels {
                var receivers: [String: Int] = [:]
                for c in classes { if let k = level.key(state.classSchool[c]) { receivers[k, default: 0] += 1 } }
                var groupSessions: [String: [Int]] = [:]
                for s in sessions { if let k = level.key(s.school) { groupSessions[k, default: []].append(s.v) } }
                for (k, n) in receivers.inKeyOrder {
                    guard let yv = groupSessions[k] else { continue }
                    let r = model.addVariable("r", upper: Double(n), objective: -level.weight)
                    model.addConstraint("r", [(r, 1)] + yv.map { ($0, -Double(cap)) }, upper: 0)
                }
            }
        }
        // No MIP start: CBC 2.10.8 crashed in CglPreProcess when given phase 1's seats as one.
        let solution = CBCSolver.solve(model, options: .init(timeLimit: timeLimit, relativeGap: 1e-4))
        guard !solution.values.isEmpty else { return Result(seats: nil, status: solution.status, seconds: solution.seconds) }
        var teachersAt: [Int: [TeachingKey: [Int]]] = [:]
        for y in ys where solution.values[y.v] > 0.5 { teachersAt[state.teacherSchool[y.teacher], default: [:]][y.key, default: []].append(y.teacher) }
        var seats: [Seat] = []
        for (key, list) in bigY.inKeyOrder {
            for s in list {
                for _ in 0..<max(0, Checked.int(rounding: solution.values[s.v])) {
                    guard let t = teachersAt[s.school]?[TeachingKey(subject: key.subject, slot: key.slot)]?.popLast() else { break }
                    seats.append(Seat(teacher: t, subject: key.subject, grade: key.grade, slot: key.slot))
                }
            }
        }
        return Result(seats: seats, status: solution.status, seconds: solution.seconds)
    }
}
