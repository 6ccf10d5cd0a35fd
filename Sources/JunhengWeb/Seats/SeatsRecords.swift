import Fluent
import Foundation

/// One uploaded seats input of a county (units, children, housing, schools and the optional files): versioned and
/// never changed after upload; pages re-read it with the CLI's importer.
public final class SeatsDataset: Model, @unchecked Sendable {
    public static let schema = "seats_datasets"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    /// 1 for the county's first upload, then 2, 3, …
    @Field(key: "version") public var version: Int
    @Parent(key: "uploaded_by") public var uploadedBy: User
    @Field(key: "uploaded_at") public var uploadedAt: Date
    /// The uploaded file names, comma-separated.
    @Field(key: "file_names") public var fileNames: String
    /// SHA-256 over the files' hashes in the folder's file order, hex.
    @Field(key: "file_hash") public var fileHash: String
    @Field(key: "unit_count") public var unitCount: Int
    @Field(key: "school_count") public var schoolCount: Int
    /// The year of the children records' as-of date.
    @Field(key: "as_of_year") public var asOfYear: Int
    /// The files exactly as uploaded: JSON object from the file kind (`units`, …) to `{name, bytes}`.
    @Field(key: "files") public var files: Data

    public init() {}
}

/// One catchment plan the planner proposed for a dataset and year, with its adoption stage.
public final class SeatsPlanRecord: Model, @unchecked Sendable {
    public static let schema = "seats_plans"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "dataset_id") public var dataset: SeatsDataset
    @Parent(key: "county_id") public var county: Region
    /// The plans proposed together (one job) share a batch, so they are compared side by side.
    @Field(key: "batch") public var batch: UUID
    /// 1, 2, 3 … inside the batch.
    @Field(key: "number") public var number: Int
    @Field(key: "plan_year") public var year: Int
    @Parent(key: "created_by") public var createdBy: User
    @Field(key: "created_at") public var createdAt: Date
    /// CBC's status (`optimal` only when proven).
    @Field(key: "status") public var status: String
    @OptionalField(key: "gap") public var gap: Double?
    @OptionalField(key: "moved_pupils") public var movedPupils: Double?
    @Field(key: "check_passed") public var checkPassed: Bool
    /// `AdoptionStage` raw value.
    @Field(key: "stage") public var stage: String
    /// When it took effect (its 生效 step was recorded); nil before.
    @OptionalField(key: "effective_at") public var effectiveAt: Date?
    /// Set when a later plan took effect instead.
    @OptionalField(key: "superseded_at") public var supersededAt: Date?
    /// Pinned unit codes, comma-separated.
    @Field(key: "pins") public var pins: String
    /// The catchments of record the plan started from: unit → {primary, junior} → school, JSON.
    @Field(key: "baseline_json") public var baselineJSON: Data
    /// This plan in the `seats plan` JSON contract (one report with `status_quo` and this plan only).
    @Field(key: "result_json") public var resultJSON: Data

    public init() {}
}

/// One adoption step of a plan: the stage reached, the day, the evidence note and an optional document.
public final class SeatsPlanStep: Model, @unchecked Sendable {
    public static let schema = "seats_plan_steps"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: SeatsPlanRecord
    @Field(key: "stage") public var stage: String
    /// `YYYY-MM-DD`.
    @Field(key: "day") public var day: String
    @Field(key: "evidence") public var evidence: String
    @OptionalField(key: "file_name") public var fileName: String?
    @OptionalField(key: "file_sha256") public var fileSHA256: String?
    @OptionalField(key: "file_bytes") public var fileBytes: Data?
    @Parent(key: "recorded_by") public var recordedBy: User
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}
}

/// The background image a bureau supplies for its seats maps (PNG or JPEG) and the bounds it covers.
public final class SeatsBackground: Model, @unchecked Sendable {
    public static let schema = "seats_backgrounds"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    @Field(key: "content_type") public var contentType: String
    @Field(key: "bytes") public var bytes: Data
    /// West, south, east, north in degrees (the image's left, bottom, right and top edges).
    @Field(key: "west") public var west: Double
    @Field(key: "south") public var south: Double
    @Field(key: "east") public var east: Double
    @Field(key: "north") public var north: Double
    @Field(key: "sha256") public var sha256: String
    @Parent(key: "uploaded_by") public var uploadedBy: User
    @Field(key: "uploaded_at") public var uploadedAt: Date

    public init() {}
}

/// The map background table (one row per county: a new upload replaces the old one).
struct CreateSeatsBackgrounds: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(SeatsBackground.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("content_type", .string, .required)
            .field("bytes", .data, .required)
            .field("west", .double, .required)
            .field("south", .double, .required)
            .field("east", .double, .required)
            .field("north", .double, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .uuid, .required, .references(User.schema, "id"))
            .field("uploaded_at", .datetime, .required)
            .unique(on: "county_id")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema(SeatsBackground.schema).delete() }
}

/// The seats tables.
struct CreateSeatsTables: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(SeatsDataset.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("version", .int, .required)
            .field("uploaded_by", .uuid, .required, .references(User.schema, "id"))
            .field("uploaded_at", .datetime, .required)
            .field("file_names", .string, .required)
            .field("file_hash", .string, .required)
            .field("unit_count", .int, .required)
            .field("school_count", .int, .required)
            .field("as_of_year", .int, .required)
            .field("files", .data, .required)
            .unique(on: "county_id", "version")
            .create()
        try await db.schema(SeatsPlanRecord.schema)
            .id()
            .field("dataset_id", .uuid, .required, .references(SeatsDataset.schema, "id"))
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("batch", .uuid, .required)
            .field("number", .int, .required)
            .field("plan_year", .int, .required)
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("status", .string, .required)
            .field("gap", .double)
            .field("moved_pupils", .double)
            .field("check_passed", .bool, .required)
            .field("stage", .string, .required)
            .field("effective_at", .datetime)
            .field("superseded_at", .datetime)
            .field("pins", .string, .required)
            .field("baseline_json", .data, .required)
            .field("result_json", .data, .required)
            .create()
        try await db.schema(SeatsPlanStep.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(SeatsPlanRecord.schema, "id"))
            .field("stage", .string, .required)
            .field("day", .string, .required)
            .field("evidence", .string, .required)
            .field("file_name", .string)
            .field("file_sha256", .string)
            .field("file_bytes", .data)
            .field("recorded_by", .uuid, .required, .references(User.schema, "id"))
            .field("recorded_at", .datetime, .required)
            .unique(on: "plan_id", "stage")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SeatsPlanStep.schema).delete()
        try await db.schema(SeatsPlanRecord.schema).delete()
        try await db.schema(SeatsDataset.schema).delete()
    }
}
