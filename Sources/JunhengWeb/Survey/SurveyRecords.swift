import Fluent
import Foundation
import SQLKit

/// A county's 社会认可度 pre-survey: its window, questionnaires (the built-in ones or edited copies) and the secret
/// its invitation codes are signed with.
public final class SurveyRecord: Model, @unchecked Sendable {
    public static let schema = "surveys"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    /// The survey's number inside every invitation code (unique, 1–65,535).
    @Field(key: "seq") public var seq: Int
    @Field(key: "name") public var name: String
    @Field(key: "opens_at") public var opensAt: Date
    @Field(key: "closes_at") public var closesAt: Date
    /// The three questionnaires, JSON (`[Questionnaire]`).
    @Field(key: "questionnaires") public var questionnaires: String
    /// 32 random bytes, base64: signs invitation codes and keys the hashes of used ones.
    @Field(key: "secret") var secret: String
    /// Resident population by 城区 / 镇区 / 乡村, JSON object: the sample's base.
    @Field(key: "population") public var population: String
    /// The statistician's adjustments of the sample rules (JSON of `SampleRules`); nil: the built-in rules.
    @OptionalField(key: "sample_rules") public var sampleRules: String?
    /// Invitations issued so far (the next serial).
    @Field(key: "issued") public var issued: Int
    /// Refusals by kind, JSON object (`replayed`, `forged`, `closed`, `throttled`, `invalid`).
    @Field(key: "refusals") public var refusals: String
    @Parent(key: "created_by") public var createdBy: User
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A batch of invitations: serials `first ..< first + count` of one questionnaire and group, for one school or the
/// county. Answers carry the batch's attributes, never the invitation.
public final class InvitationBatch: Model, @unchecked Sendable {
    public static let schema = "survey_invitation_batches"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "survey_id") public var survey: SurveyRecord
    @Field(key: "questionnaire") public var questionnaire: String
    @Field(key: "respondent_group") public var group: String
    @OptionalField(key: "school_code") public var schoolCode: String?
    @OptionalField(key: "location") public var location: String?
    /// The class the slips are handed out in (printed on them only; answers never carry it).
    @OptionalField(key: "class_label") public var classLabel: String?
    @Field(key: "first_serial") public var firstSerial: Int
    @Field(key: "count") public var count: Int
    @Parent(key: "created_by") public var createdBy: User
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// One accepted answer sheet: no invitation, no address, the time rounded down to the hour, a random id.
public final class SurveyAnswerRecord: Model, @unchecked Sendable {
    public static let schema = "survey_answers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "survey_id") public var survey: SurveyRecord
    @Field(key: "questionnaire") public var questionnaire: String
    @Field(key: "respondent_group") public var group: String
    @OptionalField(key: "school_code") public var schoolCode: String?
    @OptionalField(key: "location") public var location: String?
    /// Item key → option key, JSON.
    @Field(key: "answers") public var answers: String
    /// Whether a clerk typed it in from a paper form.
    @Field(key: "paper") public var paper: Bool
    @Field(key: "hour") public var hour: Date

    public init() {}
}

/// The surveys' tables. Used invitations are kept only as keyed hashes, in a table with no row order (WITHOUT ROWID on
/// SQLite), so neither a code nor the order of use can be matched to an answer.
struct CreateSurveys: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(SurveyRecord.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("seq", .int, .required)
            .field("name", .string, .required)
            .field("opens_at", .datetime, .required)
            .field("closes_at", .datetime, .required)
            .field("questionnaires", .string, .required)
            .field("secret", .string, .required)
            .field("population", .string, .required)
            .field("issued", .int, .required)
            .field("refusals", .string, .required)
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "seq")
            .create()
        try await db.schema(InvitationBatch.schema)
            .id()
            .field("survey_id", .uuid, .required, .references(SurveyRecord.schema, "id"))
            .field("questionnaire", .string, .required)
            .field("respondent_group", .string, .required)
            .field("school_code", .string)
            .field("location", .string)
            .field("first_serial", .int, .required)
            .field("count", .int, .required)
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema(SurveyAnswerRecord.schema)
            .id()
            .field("survey_id", .uuid, .required, .references(SurveyRecord.schema, "id"))
            .field("questionnaire", .string, .required)
            .field("respondent_group", .string, .required)
            .field("school_code", .string)
            .field("location", .string)
            .field("answers", .string, .required)
            .field("paper", .bool, .required)
            .field("hour", .datetime, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE TABLE survey_used_codes (hash TEXT PRIMARY KEY NOT NULL, survey_id TEXT NOT NULL) WITHOUT ROWID").run()
        } else {
            try await sql.raw("CREATE TABLE survey_used_codes (hash TEXT PRIMARY KEY NOT NULL, survey_id TEXT NOT NULL)").run()
        }
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase { try await sql.raw("DROP TABLE IF EXISTS survey_used_codes").run() }
        try await db.schema(SurveyAnswerRecord.schema).delete()
        try await db.schema(InvitationBatch.schema).delete()
        try await db.schema(SurveyRecord.schema).delete()
    }
}

/// Invitation batches may name a class (班级), so slips print per school and class; a survey keeps the
/// statistician's adjustments of its sample rules.
struct AddSurveySampleRulesAndClass: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(InvitationBatch.schema).field("class_label", .string).update()
        try await db.schema(SurveyRecord.schema).field("sample_rules", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SurveyRecord.schema).deleteField("sample_rules").update()
        try await db.schema(InvitationBatch.schema).deleteField("class_label").update()
    }
}
