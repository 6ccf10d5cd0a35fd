/// The planner's working view of the input: free slots, spare periods and open demand, updated stage by stage.
struct PlanningState {
    /// A class's remaining shortfall in one subject that a 专递课堂 may cover.
    struct Demand {
        var classIndex: Int
        var subject: Subject
        var short: Int
        var covered = 0
        var remaining: Int { short - covered }
    }

    let schools: [ClassroomSchool]
    let schoolIndex: [String: Int]
    let classes: [ClassID]
    let classSchool: [Int]
    var classFree: [SlotSet]
    var teachers: [Teacher]
    var teacherSchool: [Int]
    var teacherFree: [SlotSet]
    /// Spare periods left, never more than the teacher's free slots.
    var teacherSpare: [Int]
    /// Schools lacking a subject in some class: they neither send it nor count as a sender of it.
    let lacks: Set<SchoolSubject>
    /// Gaps the school's own qualified teachers could fill (not 专递课堂 demand).
    let localGaps: Set<SchoolSubject>
    var demands: [Demand]

    struct SchoolSubject: Hashable {
        var school: Int
        var subject: Subject
    }

    init(_ capacity: TeachingCapacity, classGaps: [ClassGap]) {
        let schools = capacity.schools
        let schoolIndex = Dictionary(schools.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        let classes = capacity.classes
        let classSchool = classes.map { schoolIndex[$0.school] ?? 0 }
        let classIndex = Dictionary(classes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let bell = { (s: Int) in SlotSet(days: schools[s].days, periodsPerDay: schools[s].periodsPerDay) }
        var classFree = classSchool.map(bell)
        let teachers = capacity.teachers
        let teacherSchool = teachers.map { schoolIndex[$0.school] ?? 0 }
        var teacherFree = teacherSchool.map(bell)
        let teacherIndex = Dictionary(teachers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for lesson in capacity.lessons {
            let s = SlotSet.index(lesson.slot)
            if let c = classIndex[lesson.classID] { classFree[c].remove(s) }
            if let id = lesson.teacher, let t = teacherIndex[id] { teacherFree[t].remove(s) }
        }
        var lacks = Set<SchoolSubject>()
        for g in classGaps where g.short > 0 {
            if let c = classIndex[g.classID] { lacks.insert(SchoolSubject(school: classSchool[c], subject: g.subject)) }
        }
        var local = Set<SchoolSubject>()
        for (t, teacher) in teachers.enumerated() where teacher.spare > 0 {
            for s in teacher.subjects where lacks.contains(SchoolSubject(school: teacherSchool[t], subject: s)) {
                local.insert(SchoolSubject(school: teacherSchool[t], subject: s))
            }
        }
        self.schools = schools
        self.schoolIndex = schoolIndex
        self.classes = classes
        self.classSchool = classSchool
        self.classFree = classFree
        self.teachers = teachers
        self.teacherSchool = teacherSchool
        self.teacherFree = teacherFree
        teacherSpare = teachers.indices.map { min(teachers[$0].spare, teacherFree[$0].count) }
        self.lacks = lacks
        localGaps = local
        demands = classGaps.compactMap { g in
            guard g.short > 0, let c = classIndex[g.classID],
                  !local.contains(SchoolSubject(school: classSchool[c], subject: g.subject)) else { return nil }
            return Demand(classIndex: c, subject: g.subject, short: g.short)
        }
    }

    /// Whether teacher `t` may send `subject`: qualified, and the own school does not lack it.
    func maySend(_ t: Int, _ subject: Subject) -> Bool {
        teachers[t].subjects.contains(subject) && !lacks.contains(SchoolSubject(school: teacherSchool[t], subject: subject))
    }

    /// The key that groups schools for the 教育集团 preference (groups are per county).
    func groupKey(school: Int) -> String? {
        let s = schools[school]
        return s.group.isEmpty ? nil : s.county + "/" + s.group
    }
}
