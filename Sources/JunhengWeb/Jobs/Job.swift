import FluentSQL
import Foundation

/// Where a job is in its life.
public enum JobState: String, Codable, Sendable, CaseIterable {
    case queued, running, succeeded, failed, cancelled

    /// Whether the job will not change any more.
    public var isFinal: Bool { self == .succeeded || self == .failed || self == .cancelled }
}

/// What a job does; each kind has one handler in `JobHandlers`.
public enum JobKind: String, Codable, Sendable, CaseIterable {
    /// A remedy (整改) plan for a snapshot.
    case remedyPlan = "remedy-plan"
    /// A 三个课堂 专递课堂 plan for a county's latest dataset.
    case classroomPlan = "classroom-plan"
    /// A county report printed to PDF by Chromium.
    case reportPDF = "report-pdf"
    /// A large statistics upload, validated and stored as the next snapshot.
    case statisticsImport = "statistics-import"
    /// A large 三个课堂 upload (four tables or one workbook), validated and stored as the next dataset.
    case classroomImport = "classroom-import"
    /// A large assessment package upload, validated and made the county's working copy.
    case assessmentImport = "assessment-import"
    /// Catchment plans for a seats dataset and year (CBC), stored as one batch of drafts.
    case seatsPlan = "seats-plan"
    /// A large seats upload, validated and stored as the next dataset.
    case seatsImport = "seats-import"
    /// A 交流轮岗 plan for a county's teacher register (CBC), stored as a draft with its independent check.
    case teachersRotation = "teachers-rotation"
    /// A large teacher register upload, validated and made the county's register.
    case teachersImport = "teachers-import"
    /// A large training records upload, validated against the register, stored and credited to the teachers' ledgers.
    case teachersTrainingImport = "teachers-training-import"
}

/// One unit of long work (a solve, a PDF), stored so it survives restarts and is run by exactly one worker.
public final class Job: Model, @unchecked Sendable {
    public static let schema = "jobs"

    @ID(key: .id) public var id: UUID?
    @Enum(key: "kind") public var kind: JobKind
    /// The handler's input, JSON.
    @Field(key: "payload") public var payload: Data
    @Enum(key: "state") public var state: JobState
    /// 0…1, as the handler last reported it.
    @Field(key: "progress") public var progress: Double
    @Field(key: "progress_message") public var progressMessage: String
    /// Where the result is (`/plans/…`, `/jobs/…/result`), once succeeded.
    @OptionalField(key: "result_url") public var resultURL: String?
    /// A result kept in the job itself (the PDF bytes).
    @OptionalField(key: "result_data") public var resultData: Data?
    @OptionalField(key: "error") public var error: String?
    /// How many times a worker has started it.
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "max_attempts") public var maxAttempts: Int
    @Parent(key: "owner_id") public var owner: User
    /// The county the job concerns, for access checks.
    @Parent(key: "county_id") public var county: Region
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "started_at") public var startedAt: Date?
    @OptionalField(key: "finished_at") public var finishedAt: Date?
    /// The worker holding the job while it runs.
    @OptionalField(key: "lease_owner") public var leaseOwner: String?
    /// Milliseconds since 1970 after which a running job counts as abandoned (renewed by the worker's heartbeat).
    @OptionalField(key: "lease_expires_ms") public var leaseExpiresMillis: Int64?
    /// Set when a user asks a running job to stop.
    @Field(key: "cancel_requested") public var cancelRequested: Bool

    public init() {}

    init(kind: JobKind, payload: Data, ownerID: UUID, countyID: UUID, maxAttempts: Int, message: String) {
        self.kind = kind
        self.payload = payload
        self.state = .queued
        self.progress = 0
        self.progressMessage = message
        self.attempts = 0
        self.maxAttempts = maxAttempts
        self.$owner.id = ownerID
        self.$county.id = countyID
        self.createdAt = Date()
        self.cancelRequested = false
    }
}

/// The `jobs` table; indexed on state so workers find queued work without a scan.
struct CreateJobs: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Job.schema)
            .id()
            .field("kind", .string, .required)
            .field("payload", .data, .required)
            .field("state", .string, .required)
            .field("progress", .double, .required)
            .field("progress_message", .string, .required)
            .field("result_url", .string)
            .field("result_data", .data)
            .field("error", .string)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("owner_id", .uuid, .required, .references(User.schema, "id"))
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .field("lease_owner", .string)
            .field("lease_expires_ms", .int64)
            .field("cancel_requested", .bool, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX jobs_state_created ON jobs (state, created_at)").run()
        }
    }
    func revert(on db: any Database) async throws { try await db.schema(Job.schema).delete() }
}
