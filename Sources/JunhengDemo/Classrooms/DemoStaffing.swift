import ThreeClassrooms

/// Teachers and the existing timetable of one demo school.
///
/// Town schools have specialists for every subject at 10–13 periods of a 16–18 maximum (信息科技 teachers are
/// busier). Rural schools have generalists for the core subjects and lack each of 英语, 音乐, 美术, 信息科技 and 科学
/// with some probability (more often at a 教学点): those periods stay free in the class timetable.
enum DemoStaffing {
    static let specialistSubjects: [Subject] = [.english, .music, .art, .it, .science]

    static func staff(_ school: ClassroomSchool, town: Bool, classCounts: [ClassCount], curriculum: Curriculum,
                      rng: inout SeededGenerator, into result: inout TeachingCapacity) {
        let classes = classCounts.flatMap { c in (1...c.classes).map { ClassID(school: c.school, grade: c.grade, number: $0) } }
        let missing = Set(specialistSubjects.filter { _ in !town && rng.chance(school.isTeachingPoint ? 0.75 : 0.5) })
        // Units: one class's weekly periods of one subject, taught by one teacher.
        var units: [Subject: [(ClassID, Int)]] = [:]
        for c in classes {
            for j in curriculum.subjects(grade: c.grade) where !missing.contains(j) {
                units[j, default: []].append((c, curriculum.periods(grade: c.grade, subject: j)))
            }
        }
        var teachers: [Teacher] = []
        var assigned: [(teacher: Int, classID: ClassID, subject: Subject, periods: Int)] = []
        func hire(_ subjects: [Subject], target: Int, maxLoad: Int) -> Int {
            teachers.append(Teacher(id: "\(school.code)-T\(ClassroomDemo.fourDigits(teachers.count + 1))", school: school.code,
                                    subjects: subjects, load: 0, maxLoad: maxLoad))
            planned.append(target)
            return teachers.count - 1
        }
        var planned: [Int] = []
        for j in Subject.allCases {
            guard let list = units[j] else { continue }
            let generalist = !town && !specialistSubjects.contains(j)
            let key: Subject = generalist ? .chinese : j
            var pool = teachers.indices.filter { teachers[$0].subjects.contains(key) || (generalist && teachers[$0].subjects.contains(.chinese)) }
            for (c, p) in list {
                if let t = pool.first(where: { planned[$0] >= p }) {
                    planned[t] -= p
                    assigned.append((t, c, j, p))
                    if !teachers[t].subjects.contains(j) { teachers[t].subjects.append(j) }
                } else {
                    let target = town ? (j == .it ? rng.int(13...15) : rng.int(10...13)) : 16
                    let t = hire(generalist ? [.chinese, j] : [j], target: target, maxLoad: town ? rng.int(16...18) : 18)
                    pool.append(t)
                    planned[t] -= p
                    assigned.append((t, c, j, p))
                    if generalist && j == .chinese { teachers[t].subjects = [.chinese] }
                }
            }
        }
        // A second qualification for some town specialists (音乐↔美术, 科学→信息科技).
        for t in teachers.indices where town && rng.chance(0.15) {
            let extra: Subject? = switch teachers[t].subjects.first { case .music: .art; case .art: .music; case .science: .it; default: nil }
            if let extra, !teachers[t].subjects.contains(extra) { teachers[t].subjects.append(extra) }
        }
        let lessons = DemoTimetable.place(school, assigned: assigned, teachers: teachers.count, rng: &rng)
        for l in lessons { if let id = l.teacher, let t = teachers.firstIndex(where: { $0.id == id }) { teachers[t].load += 1 } }
        result.teachers += teachers
        result.lessons += lessons
    }
}
