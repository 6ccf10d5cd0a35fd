/// One 三个课堂 lesson a learner attended (from the classroom session logs): a 专递课堂 / 名师课堂 / 名校网络课堂 session.
public struct ClassroomAttendance: Sendable, Hashable {
    public var learnerID: String
    public var sessionID: String
    /// The school or teaching point that ran it.
    public var school: String
    public var title: String
    public var date: CivilDate
    public var minutes: Int
    public var attended: Bool
    public init(learnerID: String, sessionID: String, school: String, title: String, date: CivilDate, minutes: Int, attended: Bool) {
        self.learnerID = learnerID; self.sessionID = sessionID; self.school = school; self.title = title; self.date = date
        self.minutes = minutes; self.attended = attended
    }
}

/// A teacher-training course completed (继续教育), counted toward the 5-year / 360-学时 requirement.
public struct TeacherTraining: Sendable, Hashable {
    public var learnerID: String
    public var courseID: String
    public var provider: String
    public var title: String
    public var hours: Amount
    public var endDate: CivilDate
    public var attendancePct: Amount?
    public var score: Amount?
    public init(learnerID: String, courseID: String, provider: String, title: String, hours: Amount, endDate: CivilDate,
                attendancePct: Amount? = nil, score: Amount? = nil) {
        self.learnerID = learnerID; self.courseID = courseID; self.provider = provider; self.title = title; self.hours = hours
        self.endDate = endDate; self.attendancePct = attendancePct; self.score = score
    }
}

/// Adapters that turn other capabilities' records into outcomes of the one ledger.
public enum Bridges {
    /// Attended 三个课堂 sessions as informal (无定式) outcomes, hours = minutes / 60 in hundredths (absences dropped).
    public static func outcomes(from sessions: [ClassroomAttendance]) -> [Outcome] {
        sessions.filter { $0.attended && $0.minutes > 0 && $0.minutes <= 24 * 60 }.map { s in
            Outcome(learnerID: s.learnerID, id: "3kt-" + s.sessionID, institution: s.school, kind: .informal, title: "三个课堂：" + s.title,
                    credits: nil, hours: Amount(hundredths: s.minutes * 100 / 60), endDate: s.date, attendancePct: Amount(whole: 100))
        }
    }

    /// Teacher-training courses as non-degree (非学历) outcomes.
    public static func outcomes(from training: [TeacherTraining]) -> [Outcome] {
        training.map { t in
            Outcome(learnerID: t.learnerID, id: "tt-" + t.courseID, institution: t.provider, kind: .nonDegree, title: "教师培训：" + t.title,
                    credits: nil, hours: t.hours, endDate: t.endDate, attendancePct: t.attendancePct, score: t.score)
        }
    }

    /// 学时 of teacher training (outcome ids "tt-…") ending within the five years from `cycleStart`, against 360.
    public static func trainingCycle(_ outcomes: [Outcome], learnerID: String, cycleStart: CivilDate,
                                     required: Amount = Amount(whole: 360)) -> (hours: Amount, required: Amount, met: Bool) {
        let end = CivilDate(year: cycleStart.year + 5, month: cycleStart.month, day: min(cycleStart.day, 28)) ?? cycleStart
        let hours = outcomes.filter { $0.learnerID == learnerID && $0.id.hasPrefix("tt-") && $0.endDate >= cycleStart && $0.endDate < end }
            .reduce(Amount.zero) { $0 + ($1.hours ?? .zero) }
        return (hours, required, hours >= required)
    }
}
