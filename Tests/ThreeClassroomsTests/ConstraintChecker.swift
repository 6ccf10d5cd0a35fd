import ThreeClassrooms

/// Checks a plan against every hard rule straight from the input, sharing no code with the planner:
/// it recounts lessons, loads and shortfalls itself and returns one line per violation.
enum ConstraintChecker {
    static func violations(_ plan: ClassroomPlan, input: TeachingCapacity, curriculum: Curriculum, cap: Int) -> [String] {
        var found: [String] = []
        var schools: [String: ClassroomSchool] = [:]
        for s in input.schools { schools[s.code] = s }
        var teachers: [String: Teacher] = [:]
        for t in input.teachers { teachers[t.id] = t }
        var classCount: [String: Int] = [:]
        for c in input.classCounts { classCount["\(c.school)/\(c.grade)"] = c.classes }
        var teacherBusy = Set<String>(), classBusy = Set<String>()
        var taught: [String: Int] = [:]
        for l in input.lessons {
            if let t = l.teacher { teacherBusy.insert("\(t)@\(l.slot.day).\(l.slot.period)") }
            classBusy.insert("\(l.classID)@\(l.slot.day).\(l.slot.period)")
            taught["\(l.classID)|\(l.subject)", default: 0] += 1
        }
        var remote: [String: Int] = [:]
        var extraLoad: [String: Int] = [:]
        var sessionSlots = Set<String>(), classSlots = Set<String>()
        for (n, s) in plan.sessions.enumerated() {
            let at = "\(s.day).\(s.period)"
            guard let t = teachers[s.teacherID] else { found.append("session \(n): unknown teacher \(s.teacherID)"); continue }
            if t.school != s.senderSchool { found.append("session \(n): teacher \(t.id) works at \(t.school), not \(s.senderSchool)") }
            if !t.subjects.contains(s.subject) { found.append("session \(n): \(t.id) not qualified in \(s.subject)") }
            if let home = schools[t.school], s.day > home.days || s.period > home.periodsPerDay || s.day < 1 || s.period < 1 {
                found.append("session \(n): slot \(at) outside the sender's bell schedule")
            }
            if teacherBusy.contains("\(t.id)@\(at)") { found.append("session \(n): \(t.id) has a lesson at \(at)") }
            if !sessionSlots.insert("\(t.id)@\(at)").inserted { found.append("session \(n): \(t.id) teaches two sessions at \(at)") }
            extraLoad[t.id, default: 0] += 1
            if s.receivingClasses.isEmpty || s.receivingClasses.count > cap {
                found.append("session \(n): \(s.receivingClasses.count) receiving classes, cap \(cap)")
            }
            if Set(s.receivingClasses).count != s.receivingClasses.count { found.append("session \(n): a class listed twice") }
            for c in s.receivingClasses {
                guard let school = schools[c.school], let k = classCount["\(c.school)/\(c.grade)"], (1...k).contains(c.number) else {
                    found.append("session \(n): unknown class \(c)"); continue
                }
                if c.grade != s.grade { found.append("session \(n): class \(c) is not grade \(s.grade)") }
                if c.school == s.senderSchool { found.append("session \(n): class \(c) is at the sending school") }
                if s.day > school.days || s.period > school.periodsPerDay { found.append("session \(n): \(at) outside \(c.school)'s bell schedule") }
                if classBusy.contains("\(c)@\(at)") { found.append("session \(n): \(c) has a lesson at \(at)") }
                if !classSlots.insert("\(c)@\(at)").inserted { found.append("session \(n): \(c) in two sessions at \(at)") }
                remote["\(c)|\(s.subject)", default: 0] += 1
                let low = school.bandwidth == .low
                if low != s.lowBandwidthClasses.contains(c) { found.append("session \(n): low-bandwidth flag of \(c) is \(!low)") }
            }
        }
        for (id, extra) in extraLoad {
            let t = teachers[id]!
            if t.load + extra > t.maxLoad { found.append("\(id): load \(t.load) + \(extra) remote > max \(t.maxLoad)") }
        }
        // No class gets more of a subject than it is short of.
        for (key, n) in remote {
            let parts = key.split(separator: "|")
            let c = parts[0].split(separator: "/")
            let subject = Subject(rawValue: String(parts[1]))!
            let required = curriculum.periods(grade: Int(c[1])!, subject: subject)
            if n > required - taught[key, default: 0] { found.append("\(key): \(n) remote periods, short only \(required - taught[key, default: 0])") }
        }
        let covered = plan.sessions.reduce(0) { $0 + $1.receivingClasses.count }
        if covered != plan.coveredPeriods { found.append("covered periods \(plan.coveredPeriods), sessions hold \(covered)") }
        if plan.coveredPeriods > plan.upperBoundPeriods { found.append("covered \(plan.coveredPeriods) above the bound \(plan.upperBoundPeriods)") }
        // What stays open is what was short minus what the sessions give.
        var open: [String: Int] = [:]
        for cc in input.classCounts {
            for k in 1...max(1, cc.classes) where k <= cc.classes {
                for subject in Subject.allCases {
                    let required = curriculum.periods(grade: cc.grade, subject: subject)
                    let key = "\(cc.school)/\(cc.grade)/\(k)|\(subject)"
                    let left = required - taught[key, default: 0] - remote[key, default: 0]
                    if left > 0 { open["\(cc.school)/\(cc.grade)|\(subject)", default: 0] += left }
                }
            }
        }
        var reported: [String: Int] = [:]
        for u in plan.uncovered { reported["\(u.school)/\(u.grade)|\(u.subject)", default: 0] += u.periodsShort }
        if open != reported { found.append("uncovered periods differ from the recount: \(open.count) vs \(reported.count) rows") }
        return found
    }
}
