import Fluent
import Foundation

/// 网络巡课: an inspector's observation of one occurrence of a published session, rated 1–5.
public final class ClassroomObservation: Model, @unchecked Sendable {
    public static let schema = "classroom_observations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: ClassroomPlanRecord
    @Field(key: "session_key") public var sessionKey: String
    /// `yyyy-MM-dd`.
    @Field(key: "date") public var date: String
    @Parent(key: "observer_id") public var observer: User
    /// 1 (poor) … 5 (excellent).
    @Field(key: "rating") public var rating: Int
    @Field(key: "note") public var note: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(planID: UUID, sessionKey: String, date: String, observerID: UUID, rating: Int, note: String, createdAt: Date) {
        self.$plan.id = planID
        self.sessionKey = sessionKey
        self.date = date
        self.$observer.id = observerID
        self.rating = rating
        self.note = note
        self.createdAt = createdAt
    }
}
