/// A 专递课堂 plan: live sessions, gaps left open with reasons, coverage against an honest bound.
public struct ClassroomPlan: Codable, Sendable {
    public var status: ClassroomPlanStatus
    public var sessions: [PlannedSession]
    public var uncovered: [UncoveredGap]
    /// Demand in class-periods a week: every shortfall, the part 专递课堂 could cover, the part covered.
    public var demandPeriods: Int
    public var coverablePeriods: Int
    public var coveredPeriods: Int
    /// An upper bound on coverable periods that any plan could cover (LP relaxation, no timetable).
    public var upperBoundPeriods: Int
    /// One more teacher of a subject at a school, and the periods that teacher would cover.
    public var suggestions: [TeacherSuggestion]
    /// Shortfalls per school, grade and subject before the plan.
    public var gaps: [SchoolGap]
    /// 开齐开足 per school and county, before and after the plan.
    public var ratesBefore: [OfferingRate]
    public var ratesAfter: [OfferingRate]
    public var countyRatesBefore: [OfferingRate]
    public var countyRatesAfter: [OfferingRate]
    /// Each sub-problem solved, in order.
    public var stages: [StageReport]
    public var seconds: Double
    public var cap: Int

    /// Share of coverable demand met.
    public var coverage: Double { coverablePeriods == 0 ? 1 : Double(coveredPeriods) / Double(coverablePeriods) }
    /// The bound on `coverage`.
    public var upperBound: Double { coverablePeriods == 0 ? 1 : Double(upperBoundPeriods) / Double(coverablePeriods) }
}

/// How the plan was proven or found.
public enum ClassroomPlanStatus: String, Codable, Sendable {
    /// One model over the whole input, proven optimal by CBC.
    case optimal
    /// Solved in parts (county, prefecture, province); each part solved by CBC, the whole not proven optimal.
    case decomposed
    /// A time limit stopped some part before its proof.
    case timeLimit = "time_limit"
}

/// One live 专递课堂 session in the weekly timetable.
public struct PlannedSession: Codable, Sendable, Equatable {
    public var teacherID: String
    public var senderSchool: String
    public var subject: Subject
    public var grade: Int
    public var day: Int
    public var period: Int
    public var receivingClasses: [ClassID]
    /// Receiving classes on a low-bandwidth network: audio first, recorded lesson as fallback.
    public var lowBandwidthClasses: [ClassID]
}

/// A school's grade and subject still short after the plan, and why.
public struct UncoveredGap: Codable, Sendable, Equatable {
    public var school: String
    public var grade: Int
    public var subject: Subject
    public var periodsShort: Int
    public var reason: UncoveredReason
}

/// Why a shortfall stays open.
public enum UncoveredReason: String, Codable, Sendable, CaseIterable {
    /// The school's own qualified teachers have spare periods: fill it in the school timetable.
    case localTeacherAvailable = "local_teacher_available"
    /// No teacher anywhere may send this subject.
    case noQualifiedTeacher = "no_qualified_teacher"
    /// Qualified teachers exist but have no spare periods left.
    case noSpareCapacity = "no_spare_capacity"
    /// The class has no free period left in its timetable.
    case noFreePeriod = "no_free_period"
    /// Qualified teachers with spare periods are never free when the class is.
    case noCommonPeriod = "no_common_period"
    /// Capacity and periods exist but the decomposition or time limit left it open.
    case notScheduled = "not_scheduled"

    /// Chinese, then English.
    public var zh: String {
        switch self {
        case .localTeacherAvailable: "本校合格教师尚有余量，应校内排课"
        case .noQualifiedTeacher: "无可派出的合格教师"
        case .noSpareCapacity: "合格教师课时已满"
        case .noFreePeriod: "班级课表已无空余节次"
        case .noCommonPeriod: "有余量的合格教师与班级没有共同空余节次"
        case .notScheduled: "分解求解或时限内未排入"
        }
    }
}

/// One sub-problem of the plan: its scope, CBC status, size, time and periods covered.
public struct StageReport: Codable, Sendable {
    public var scope: String
    /// CBC's status on the coverage model.
    public var status: String
    /// CBC's status on the preference model (same coverage; same 教育集团/county, fewer sessions), if it ran.
    public var preferenceStatus: String?
    public var variables: Int
    public var seconds: Double
    public var coveredPeriods: Int
}

/// One more teacher of `subject` at `school`, and the periods that teacher would cover (re-planned on CBC).
public struct TeacherSuggestion: Codable, Sendable, Equatable {
    public var school: String
    public var subject: Subject
    public var coversPeriods: Int
    /// The uncovered periods of this subject in the county before the extra teacher.
    public var uncoveredPeriods: Int
}
