import ThreeClassrooms

/// Places a demo school's lessons in its bell schedule, heaviest teachers first, at random free slots;
/// a period with no slot where both the class and the teacher are free is left out (a real shortfall).
enum DemoTimetable {
    static func place(_ school: ClassroomSchool, assigned: [(teacher: Int, classID: ClassID, subject: Subject, periods: Int)],
                      teachers: Int, rng: inout SeededGenerator) -> [Lesson] {
        let slots = (1...school.days).flatMap { d in (1...school.periodsPerDay).map { Slot(day: d, period: $0) } }
        var teacherBusy = Array(repeating: Set<Slot>(), count: teachers)
        var classBusy: [ClassID: Set<Slot>] = [:]
        var load = Array(repeating: 0, count: teachers)
        for a in assigned { load[a.teacher] += a.periods }
        let ordered = assigned.enumerated().sorted { (load[$0.element.teacher], $1.offset) > (load[$1.element.teacher], $0.offset) }.map(\.element)
        var lessons: [Lesson] = []
        let prefix = school.code + "-T"
        for a in ordered {
            var usedDays = Set<Int>()
            for _ in 0..<a.periods {
                let free = slots.filter { !teacherBusy[a.teacher].contains($0) && !classBusy[a.classID, default: []].contains($0) }
                guard !free.isEmpty else { break }
                // Spread a subject over the week when possible.
                let spread = free.filter { !usedDays.contains($0.day) }
                let s = rng.pick(spread.isEmpty ? free : spread)
                usedDays.insert(s.day)
                teacherBusy[a.teacher].insert(s)
                classBusy[a.classID, default: []].insert(s)
                lessons.append(Lesson(classID: a.classID, slot: s, subject: a.subject,
                                      teacher: prefix + ClassroomDemo.fourDigits(a.teacher + 1)))
            }
        }
        return lessons.sorted { ($0.classID, $0.slot) < ($1.classID, $1.slot) }
    }
}
