import ThreeClassrooms

/// Small hand-made inputs whose answers are worked out by hand in the tests.
enum Fixtures {
    static func school(_ code: String, group: String = "", bandwidth: Bandwidth = .medium, days: Int = 1, periods: Int = 3,
                       county: String = "330101") -> ClassroomSchool {
        ClassroomSchool(code: code, name: code, county: county, group: group, bandwidth: bandwidth, days: days,
                        periodsPerDay: periods, isTeachingPoint: false)
    }

    /// A curriculum asking only `periods` of each listed subject in `grade`.
    static func curriculum(grade: Int, _ periods: [Subject: Int]) -> Curriculum {
        var table = Array(repeating: [Subject: Int](), count: 9)
        table[grade - 1] = periods
        return Curriculum(name: "test", periods: table)
    }

    static func lesson(_ school: String, grade: Int, _ number: Int = 1, day: Int = 1, period: Int, _ subject: Subject,
                       _ teacher: String? = nil) -> Lesson {
        Lesson(classID: ClassID(school: school, grade: grade, number: number), slot: Slot(day: day, period: period),
               subject: subject, teacher: teacher)
    }
}
