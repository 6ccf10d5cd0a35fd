import Fluent
import Foundation

/// One school's log of one occurrence of a published session: held or cancelled (with reason), attendance per class.
public final class ClassroomSessionLog: Model, @unchecked Sendable {
    public static let schema = "classroom_session_logs"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: ClassroomPlanRecord
    /// `PlannedSession.key`: `teacher@day-period`.
    @Field(key: "session_key") public var sessionKey: String
    /// `yyyy-MM-dd`.
    @Field(key: "date") public var date: String
    /// The reporting school's code.
    @Field(key: "school_code") public var schoolCode: String
    @Field(key: "held") public var held: Bool
    @OptionalField(key: "reason") public var reason: String?
    /// Students present per class id, JSON object.
    @Field(key: "attendance") public var attendance: String
    @Parent(key: "logged_by") public var loggedBy: User
    @Field(key: "logged_at") public var loggedAt: Date

    public init() {}

    public init(planID: UUID, sessionKey: String, date: String, schoolCode: String, held: Bool, reason: String?,
                attendance: String, loggedBy: UUID, loggedAt: Date) {
        self.$plan.id = planID
        self.sessionKey = sessionKey
        self.date = date
        self.schoolCode = schoolCode
        self.held = held
        self.reason = reason
        self.attendance = attendance
        self.$loggedBy.id = loggedBy
        self.loggedAt = loggedAt
    }
}
