/// One school's report of one occurrence of a 专递课堂 session (上课记录): held or cancelled on a date, with attendance.
public struct SessionRecord: Codable, Sendable, Equatable {
    /// `PlannedSession.key` of the session.
    public var sessionKey: String
    /// The date of the occurrence, `yyyy-MM-dd`.
    public var date: String
    /// 学校标识码 of the reporting school (the sender or a receiver).
    public var school: String
    public var held: Bool
    /// Why it was cancelled (停电、网络故障、教师请假 …); nil when held.
    public var reason: String?
    /// Students present per receiving class id (`school/grade/class`) of the reporting school.
    public var attendance: [String: Int]

    public init(sessionKey: String, date: String, school: String, held: Bool, reason: String? = nil, attendance: [String: Int] = [:]) {
        self.sessionKey = sessionKey
        self.date = date
        self.school = school
        self.held = held
        self.reason = reason
        self.attendance = attendance
    }
}

extension PlannedSession {
    /// A stable name for the session in a plan: a teacher gives at most one session per slot, so `teacher@day-period`.
    public var key: String { "\(teacherID)@\(day)-\(period)" }

    /// Whether `school` sends or receives this session.
    public func involves(school: String) -> Bool {
        senderSchool == school || receivingClasses.contains { $0.school == school }
    }
}
