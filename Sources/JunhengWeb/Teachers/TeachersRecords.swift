import Fluent
import Foundation

/// One teacher of a county's register (教师名册) as kept on the web: the register columns, the ID number only as a
/// keyed hash and its masked form, and whether the teacher is still serving (a retired teacher stays, inactive).
public final class TeacherRow: Model, @unchecked Sendable {
    public static let schema = "teachers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    @Field(key: "teacher_id") public var teacherID: String
    @Field(key: "name") public var name: String
    @Field(key: "id_hash") public var idHash: String
    @Field(key: "id_masked") public var idMasked: String
    @Field(key: "school_code") public var schoolCode: String
    /// 小学 / 初中.
    @Field(key: "section") public var section: String
    /// 、-separated, the main subject first.
    @Field(key: "subjects") public var subjects: String
    @Field(key: "degree") public var degree: String
    @Field(key: "title") public var title: String
    @Field(key: "backbone") public var backbone: String
    @Field(key: "certificate") public var certificate: String
    @Field(key: "tenured") public var tenured: Bool
    /// YYYY-MM-DD.
    @Field(key: "school_since") public var schoolSince: String
    @OptionalField(key: "training_hours") public var trainingHours: Double?
    @Field(key: "no_move") public var noMove: Bool
    /// 教师 / 校长 / 副校长.
    @Field(key: "role") public var role: String
    @OptionalField(key: "volunteer") public var volunteer: Bool?
    /// False once retired (or otherwise left the county's service).
    @Field(key: "active") public var active: Bool
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// Every change of the register, one row per teacher and change: imports, single changes, rotations and returns.
/// The rotation history of a teacher and a school's in/out are read from here.
public final class TeacherEvent: Model, @unchecked Sendable {
    public static let schema = "teacher_events"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    @Field(key: "teacher_id") public var teacherID: String
    /// `TeacherChangeKind` raw value.
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "from_school") public var fromSchool: String?
    @OptionalField(key: "to_school") public var toSchool: String?
    /// The register column changed, and its values before and after (empty for a transfer or rotation).
    @Field(key: "field") public var field: String
    @Field(key: "old_value") public var oldValue: String
    @Field(key: "new_value") public var newValue: String
    /// The day it takes effect (YYYY-MM-DD).
    @Field(key: "day") public var day: String
    @OptionalField(key: "plan_id") public var planID: UUID?
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}
}

/// A school's coordinates, for the rotation's distance limit (uploaded beside the register).
public final class TeacherSchoolPoint: Model, @unchecked Sendable {
    public static let schema = "teacher_school_points"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    @Field(key: "school_code") public var schoolCode: String
    @Field(key: "lon") public var lon: Double
    @Field(key: "lat") public var lat: Double

    public init() {}
}

/// A 交流轮岗 plan: the office's limits, the solve (the `teachers rotation` JSON with the independent check), and
/// its stage draft → approved → executed.
public final class RotationPlanRecord: Model, @unchecked Sendable {
    public static let schema = "teacher_rotation_plans"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    @Field(key: "plan_year") public var year: Int
    @Parent(key: "created_by") public var createdBy: User
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "status") public var status: String
    @OptionalField(key: "gap") public var gap: Double?
    @Field(key: "eligible") public var eligible: Int
    @Field(key: "exchanged") public var exchanged: Int
    @Field(key: "backbone_exchanged") public var backboneExchanged: Int
    @Field(key: "check_passed") public var checkPassed: Bool
    /// `RotationStage` raw value.
    @Field(key: "stage") public var stage: String
    @OptionalField(key: "max_out") public var maxOut: Int?
    @OptionalField(key: "max_distance_km") public var maxDistanceKm: Double?
    /// Newline-separated `T001>S002` or `T001`.
    @Field(key: "pins") public var pins: String
    @Field(key: "forbids") public var forbids: String
    /// YYYY-MM-DD: moves take effect on this day (1 September of the plan year unless the office says otherwise).
    @Field(key: "effective_day") public var effectiveDay: String
    @OptionalField(key: "approved_by") public var approvedBy: String?
    @OptionalField(key: "approved_at") public var approvedAt: Date?
    @OptionalField(key: "executed_by") public var executedBy: String?
    @OptionalField(key: "executed_at") public var executedAt: Date?
    /// The `junheng teachers rotation` JSON.
    @Field(key: "result_json") public var resultJSON: Data
    /// Years the moved teachers serve before their return falls due (set on approval; nil: the rules' `term_years`).
    @OptionalField(key: "term_years") public var termYears: Int?

    public init() {}
}

/// One training a teacher completed (培训学时记录): a course, its level, the hours credited and the day.
public final class TeacherTraining: Model, @unchecked Sendable {
    public static let schema = "teacher_trainings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    @Field(key: "teacher_id") public var teacherID: String
    @Field(key: "course") public var course: String
    /// `TrainingLevel` raw value.
    @Field(key: "level") public var level: String
    @Field(key: "hours") public var hours: Double
    /// YYYY-MM-DD.
    @Field(key: "day") public var day: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date
    /// `TrainingRecord.key`: the same record imported again is recognised (nil for rows recorded before keys).
    @OptionalField(key: "record_key") public var recordKey: String?
    /// The credit ledger entry the training became, once appended.
    @OptionalField(key: "ledger_seq") public var ledgerSeq: Int?

    public init() {}
}

/// Adds each training record's key and its credit ledger entry (issue 13: imports are idempotent, training flows into
/// the credit bank), and a rotation plan's term.
struct AddTeacherTrainingKeys: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(TeacherTraining.schema).field("record_key", .string).update()
        try await db.schema(TeacherTraining.schema).field("ledger_seq", .int).update()
        try await db.schema(RotationPlanRecord.schema).field("term_years", .int).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(RotationPlanRecord.schema).deleteField("term_years").update()
        try await db.schema(TeacherTraining.schema).deleteField("ledger_seq").update()
        try await db.schema(TeacherTraining.schema).deleteField("record_key").update()
    }
}

/// The teachers tables.
struct CreateTeachersTables: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(TeacherRow.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("teacher_id", .string, .required)
            .field("name", .string, .required)
            .field("id_hash", .string, .required)
            .field("id_masked", .string, .required)
            .field("school_code", .string, .required)
            .field("section", .string, .required)
            .field("subjects", .string, .required)
            .field("degree", .string, .required)
            .field("title", .string, .required)
            .field("backbone", .string, .required)
            .field("certificate", .string, .required)
            .field("tenured", .bool, .required)
            .field("school_since", .string, .required)
            .field("training_hours", .double)
            .field("no_move", .bool, .required)
            .field("role", .string, .required)
            .field("volunteer", .bool)
            .field("active", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "county_id", "teacher_id")
            .create()
        try await db.schema(TeacherEvent.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("teacher_id", .string, .required)
            .field("kind", .string, .required)
            .field("from_school", .string)
            .field("to_school", .string)
            .field("field", .string, .required)
            .field("old_value", .string, .required)
            .field("new_value", .string, .required)
            .field("day", .string, .required)
            .field("plan_id", .uuid)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await db.schema(TeacherSchoolPoint.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("school_code", .string, .required)
            .field("lon", .double, .required)
            .field("lat", .double, .required)
            .unique(on: "county_id", "school_code")
            .create()
        try await db.schema(TeacherTraining.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("teacher_id", .string, .required)
            .field("course", .string, .required)
            .field("level", .string, .required)
            .field("hours", .double, .required)
            .field("day", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await db.schema(RotationPlanRecord.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("plan_year", .int, .required)
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("status", .string, .required)
            .field("gap", .double)
            .field("eligible", .int, .required)
            .field("exchanged", .int, .required)
            .field("backbone_exchanged", .int, .required)
            .field("check_passed", .bool, .required)
            .field("stage", .string, .required)
            .field("max_out", .int)
            .field("max_distance_km", .double)
            .field("pins", .string, .required)
            .field("forbids", .string, .required)
            .field("effective_day", .string, .required)
            .field("approved_by", .string)
            .field("approved_at", .datetime)
            .field("executed_by", .string)
            .field("executed_at", .datetime)
            .field("result_json", .data, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(RotationPlanRecord.schema).delete()
        try await db.schema(TeacherTraining.schema).delete()
        try await db.schema(TeacherSchoolPoint.schema).delete()
        try await db.schema(TeacherEvent.schema).delete()
        try await db.schema(TeacherRow.schema).delete()
    }
}

/// What a register event records.
enum TeacherChangeKind: String, CaseIterable, Sendable {
    case imported = "import", transfer, retire, hire, certificate, title, backbone, noMove = "no_move", rotation, `return`

    var zh: String {
        switch self {
        case .imported: "导入名册"
        case .transfer: "调动"
        case .retire: "退休"
        case .hire: "新聘"
        case .certificate: "教师资格证"
        case .title: "职称"
        case .backbone: "骨干级别"
        case .noMove: "不宜交流"
        case .rotation: "交流轮岗"
        case .return: "交流期满返回"
        }
    }
}

/// A rotation plan's stage.
enum RotationStage: String, Sendable {
    case draft, approved, executed

    var zh: String {
        switch self {
        case .draft: "草案"
        case .approved: "已批准"
        case .executed: "已执行"
        }
    }
}
