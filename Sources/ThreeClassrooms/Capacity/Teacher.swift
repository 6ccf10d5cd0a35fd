/// A teacher: school, qualified subjects (任教资格), current weekly load and the most they may teach.
public struct Teacher: Codable, Sendable, Equatable {
    /// 教师编号, unique in the input.
    public var id: String
    /// 学校标识码 of the school where the teacher works.
    public var school: String
    public var subjects: [Subject]
    /// Current weekly periods (周课时), at least the teacher's lessons in the timetable.
    public var load: Int
    /// Most weekly periods, remote lessons included (最大周课时).
    public var maxLoad: Int

    public init(id: String, school: String, subjects: [Subject], load: Int, maxLoad: Int) {
        self.id = id
        self.school = school
        self.subjects = subjects
        self.load = load
        self.maxLoad = maxLoad
    }

    /// Periods a week still free under the maximum.
    public var spare: Int { max(0, maxLoad - load) }
}

/// One lesson of the existing timetable (现有课表): a class, a slot, a subject and its teacher.
public struct Lesson: Codable, Sendable, Equatable {
    public var classID: ClassID
    public var slot: Slot
    public var subject: Subject
    /// 教师编号; nil for a lesson without a listed teacher (e.g. 自习).
    public var teacher: String?

    public init(classID: ClassID, slot: Slot, subject: Subject, teacher: String?) {
        self.classID = classID
        self.slot = slot
        self.subject = subject
        self.teacher = teacher
    }
}
