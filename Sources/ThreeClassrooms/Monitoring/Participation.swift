/// A 名师课堂 activity: a master teacher of one school leads remote teaching research (or a lesson) that teachers of
/// other schools join.
public struct MasterClassActivity: Codable, Sendable, Equatable {
    /// `yyyy-MM-dd`.
    public var date: String
    /// 学校标识码 of the master teacher's school.
    public var masterSchool: String
    public var teacherID: String
    public var topic: String
    /// Participating schools' codes and the number of their teachers who took part (0 allowed: the school joined,
    /// the number of its teachers was not recorded as more than none).
    public var participants: [String: Int]

    public init(date: String, masterSchool: String, teacherID: String, topic: String, participants: [String: Int]) {
        self.date = date
        self.masterSchool = masterSchool
        self.teacherID = teacherID
        self.topic = topic
        self.participants = participants
    }
}

/// A 名校网络课堂 lesson a quality school opened to others: who gave it and which schools received (watched) it.
public struct OpenLesson: Codable, Sendable, Equatable {
    /// `yyyy-MM-dd`.
    public var date: String
    public var sourceSchool: String
    public var subject: Subject
    public var grade: Int
    /// Receiving schools' codes.
    public var receivers: [String]

    public init(date: String, sourceSchool: String, subject: Subject, grade: Int, receivers: [String]) {
        self.date = date
        self.sourceSchool = sourceSchool
        self.subject = subject
        self.grade = grade
        self.receivers = receivers
    }
}

/// 名师课堂 and 名校网络课堂 participation of one county over a date range (三个课堂监测).
///
/// A school took part in a 名师课堂 activity if it hosted it (the master teacher's school) or is listed among its
/// participating schools. A school received a 名校网络课堂 lesson if it is among the lesson's receivers. Only schools
/// of the county count; records outside the range, and schools not in the county, are ignored.
public struct Participation: Codable, Sendable, Equatable {
    /// Schools in the county, and how many of them are 教学点.
    public var schools: Int
    public var teachingPoints: Int
    /// 名师课堂 activities in the range.
    public var activities: Int
    /// Schools (and 教学点) that took part in at least one activity.
    public var masterSchools: Int
    public var masterTeachingPoints: Int
    /// Teacher participations: the participating-teacher counts summed over the activities.
    public var teacherParticipations: Int
    /// 名校网络课堂 lessons in the range.
    public var lessons: Int
    /// Schools (and 教学点) that received at least one lesson.
    public var receivingSchools: Int
    public var receivingTeachingPoints: Int
    /// Receptions: (lesson, receiving school) pairs.
    public var receptions: Int

    /// masterSchools / schools (0 when the county has no schools).
    public var masterShare: Double { ratio(masterSchools, schools) }
    /// masterTeachingPoints / teachingPoints (0 when the county has no 教学点).
    public var masterTeachingPointShare: Double { ratio(masterTeachingPoints, teachingPoints) }
    /// Teacher participations per school of the county.
    public var teacherParticipationsPerSchool: Double { ratio(teacherParticipations, schools) }
    /// receivingSchools / schools.
    public var receivingShare: Double { ratio(receivingSchools, schools) }
    public var receivingTeachingPointShare: Double { ratio(receivingTeachingPoints, teachingPoints) }
    /// Lessons received per school that received any (0 when none did).
    public var lessonsPerReceivingSchool: Double { ratio(receptions, receivingSchools) }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    /// The indicators for the county whose schools are `schools` (codes; `teachingPoints` those that are 教学点), over
    /// the dates `from` through `to` inclusive (`yyyy-MM-dd`).
    public static func compute(schools: Set<String>, teachingPoints: Set<String>, activities: [MasterClassActivity],
                               lessons: [OpenLesson], from: String, through to: String) -> Participation {
        let points = teachingPoints.intersection(schools)
        func inRange(_ date: String) -> Bool { SchoolCalendar.date(date) != nil && from <= date && date <= to }
        let acts = activities.filter { inRange($0.date) }
        var joined = Set<String>()
        var teachers = 0
        for a in acts {
            joined.insert(a.masterSchool)
            for (school, n) in a.participants where schools.contains(school) {
                joined.insert(school)
                teachers += max(0, n)
            }
        }
        joined.formIntersection(schools)
        let opened = lessons.filter { inRange($0.date) }
        var received = Set<String>()
        var receptions = 0
        for l in opened {
            for r in Set(l.receivers) where schools.contains(r) {
                received.insert(r)
                receptions += 1
            }
        }
        return Participation(schools: schools.count, teachingPoints: points.count, activities: acts.count,
                             masterSchools: joined.count, masterTeachingPoints: joined.intersection(points).count,
                             teacherParticipations: teachers, lessons: opened.count,
                             receivingSchools: received.count, receivingTeachingPoints: received.intersection(points).count,
                             receptions: receptions)
    }
}
