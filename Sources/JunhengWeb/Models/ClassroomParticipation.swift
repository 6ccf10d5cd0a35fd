import Fluent
import Foundation

/// A recorded 名师课堂 activity of a county: the master teacher's school and id, the topic, and the participating
/// schools with their number of participating teachers.
public final class MasterClassRecord: Model, @unchecked Sendable {
    public static let schema = "classroom_master_classes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    /// `yyyy-MM-dd`.
    @Field(key: "date") public var date: String
    @Field(key: "master_school") public var masterSchool: String
    @Field(key: "teacher_id") public var teacherID: String
    @Field(key: "topic") public var topic: String
    /// Participating teachers per school code, JSON object.
    @Field(key: "participants") public var participants: String
    @Parent(key: "recorded_by") public var recordedBy: User
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}

    public init(countyID: UUID, date: String, masterSchool: String, teacherID: String, topic: String, participants: String,
                recordedBy: UUID, recordedAt: Date) {
        self.$county.id = countyID
        self.date = date
        self.masterSchool = masterSchool
        self.teacherID = teacherID
        self.topic = topic
        self.participants = participants
        self.$recordedBy.id = recordedBy
        self.recordedAt = recordedAt
    }
}

/// A recorded 名校网络课堂 lesson of a county: the school that opened it, subject, grade and the receiving schools.
public final class OpenLessonRecord: Model, @unchecked Sendable {
    public static let schema = "classroom_open_lessons"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    /// `yyyy-MM-dd`.
    @Field(key: "date") public var date: String
    @Field(key: "source_school") public var sourceSchool: String
    /// `Subject.rawValue`.
    @Field(key: "subject") public var subject: String
    @Field(key: "grade") public var grade: Int
    /// Receiving school codes, JSON array.
    @Field(key: "receivers") public var receivers: String
    @Parent(key: "recorded_by") public var recordedBy: User
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}

    public init(countyID: UUID, date: String, sourceSchool: String, subject: String, grade: Int, receivers: String,
                recordedBy: UUID, recordedAt: Date) {
        self.$county.id = countyID
        self.date = date
        self.sourceSchool = sourceSchool
        self.subject = subject
        self.grade = grade
        self.receivers = receivers
        self.$recordedBy.id = recordedBy
        self.recordedAt = recordedAt
    }
}
