import JunhengDemo
import JunhengSolver
import Testing
import ThreeClassrooms

/// The optimum of small instances from a second, independent MIP: every possible session (teacher, subject, grade,
/// slot) is a column and every class that could sit in it another, built straight from the input files' facts
/// (free periods, shortfalls, loads) without the planner's code. Its proven optimum must lie between the plan's
/// coverage and the plan's upper bound; when the plan says `optimal` it must equal it.
enum ExplicitSessionMIP {
    static func optimum(_ input: TeachingCapacity, curriculum: Curriculum, cap: Int) -> Int? {
        var bell: [String: Set<Slot>] = [:]
        for s in input.schools {
            bell[s.code] = Set((1...s.days).flatMap { d in (1...s.periodsPerDay).map { Slot(day: d, period: $0) } })
        }
        var classBusy: [ClassID: Set<Slot>] = [:], teacherBusy: [String: Set<Slot>] = [:], taught: [String: Int] = [:]
        for l in input.lessons {
            classBusy[l.classID, default: []].insert(l.slot)
            if let t = l.teacher { teacherBusy[t, default: []].insert(l.slot) }
            taught["\(l.classID)|\(l.subject)", default: 0] += 1
        }
        var short: [String: Int] = [:]                      // "class|subject" → periods short
        var lacks = Set<String>()                           // "school|subject"
        for c in input.classes {
            for j in Subject.allCases {
                let n = curriculum.periods(grade: c.grade, subject: j) - taught["\(c)|\(j)", default: 0]
                if n > 0 { short["\(c)|\(j)"] = n; lacks.insert("\(c.school)|\(j)") }
            }
        }
        // A school whose own qualified teacher has spare periods fills that gap itself (not remote demand).
        var local = Set<String>()
        for t in input.teachers where t.maxLoad > t.load {
            for j in t.subjects where lacks.contains("\(t.school)|\(j)") { local.insert("\(t.school)|\(j)") }
        }
        var model = MIPModel()
        var perTeacherSlot: [String: [(Int, Double)]] = [:], perTeacher: [String: [(Int, Double)]] = [:]
        var perClassSlot: [String: [(Int, Double)]] = [:], perClassSubject: [String: [(Int, Double)]] = [:]
        let slots = Set(bell.values.flatMap { $0 }).sorted()
        let grades = Set(input.classes.map(\.grade)).sorted()
        for t in input.teachers where t.maxLoad > t.load {
            let free = bell[t.school]!.subtracting(teacherBusy[t.id] ?? [])
            for j in t.subjects where !lacks.contains("\(t.school)|\(j)") {
                for g in grades {
                    let receivers = input.classes.filter {
                        $0.grade == g && $0.school != t.school && short["\($0)|\(j)"] != nil && !local.contains("\($0.school)|\(j)")
                    }
                    for s in slots where free.contains(s) {
                        let able = receivers.filter { bell[$0.school]!.contains(s) && !(classBusy[$0]?.contains(s) ?? false) }
                        guard !able.isEmpty else { continue }
                        let u = model.addVariable("u", upper: 1, integer: true)
                        perTeacherSlot["\(t.id)@\(s)", default: []].append((u, 1))
                        perTeacher[t.id, default: []].append((u, 1))
                        var seats: [(Int, Double)] = [(u, -Double(cap))]
                        for c in able {
                            let a = model.addVariable("a", upper: 1, objective: -1, integer: true)
                            model.addConstraint("a≤u", [(a, 1), (u, -1)], upper: 0)
                            seats.append((a, 1))
                            perClassSlot["\(c)@\(s)", default: []].append((a, 1))
                            perClassSubject["\(c)|\(j)", default: []].append((a, 1))
                        }
                        model.addConstraint("cap", seats, upper: 0)
                    }
                }
            }
        }
        for (_, row) in perTeacherSlot { model.addConstraint("teacher-slot", row, upper: 1) }
        for t in input.teachers { if let row = perTeacher[t.id] { model.addConstraint("load", row, upper: Double(t.maxLoad - t.load)) } }
        for (_, row) in perClassSlot { model.addConstraint("class-slot", row, upper: 1) }
        for (key, row) in perClassSubject { model.addConstraint("short", row, upper: Double(short[key]!)) }
        if model.variables.isEmpty { return 0 }
        let solution = CBCSolver.solve(model, options: .init(timeLimit: 600, relativeGap: 0))
        guard solution.status == .optimal, let objective = solution.objective else { return nil }
        return Int((-objective).rounded())
    }
}

@Suite("the upper bound is a bound: compared with an independent MIP solved to optimality", .serialized)
struct BoundValidityTests {
    @Test("small scarce instances (one county, and two counties planned in parts)",
          arguments: [(UInt64(11), 1), (12, 1), (13, 1), (14, 2), (15, 2), (16, 2)])
    func boundHolds(seed: UInt64, counties: Int) throws {
        let input = ClassroomDemo.capacity(schools: 5 * counties, counties: counties, sendingShare: 0.2, seed: seed, scarcity: 0.8)
        let plan = ClassroomPlanner.plan(input)
        let optimum = try #require(ExplicitSessionMIP.optimum(input, curriculum: .default2022, cap: 4))
        #expect(plan.coveredPeriods <= optimum)
        #expect(optimum <= plan.upperBoundPeriods, "bound \(plan.upperBoundPeriods) below the optimum \(optimum)")
        if plan.status == .optimal { #expect(plan.coveredPeriods == optimum) }
        let problems = ConstraintChecker.violations(plan, input: input, curriculum: .default2022, cap: 4)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }
}
