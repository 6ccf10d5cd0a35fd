/// Everything the planner reads: schools, classes per grade, teachers and the existing timetable.
public struct TeachingCapacity: Codable, Sendable {
    public var schools: [ClassroomSchool]
    /// Classes per grade per school (classes are numbered 1…n).
    public var classCounts: [ClassCount]
    public var teachers: [Teacher]
    public var lessons: [Lesson]

    public init(schools: [ClassroomSchool], classCounts: [ClassCount], teachers: [Teacher], lessons: [Lesson]) {
        self.schools = schools
        self.classCounts = classCounts
        self.teachers = teachers
        self.lessons = lessons
    }

    /// Every class, in school, grade, number order.
    public var classes: [ClassID] {
        classCounts.flatMap { c in (0..<max(0, c.classes)).map { ClassID(school: c.school, grade: c.grade, number: $0 + 1) } }
    }
}

/// How many classes (班级数) a school has in one grade.
public struct ClassCount: Codable, Sendable, Equatable {
    public var school: String
    public var grade: Int
    public var classes: Int

    public init(school: String, grade: Int, classes: Int) {
        self.school = school
        self.grade = grade
        self.classes = classes
    }
}
