import Accreditation
import Fluent
import Foundation
import SQLKit

/// What a frozen submission consists of: the data package (by hash) and the evidence files attached to items.
struct AssessmentPayload: Codable, Sendable, Equatable {
    /// SHA-256 of the canonical package (`AssessmentPackageRecord.sha256`).
    var package: String?
    /// Evidence files in upload order.
    var evidence: [EvidenceRef] = []
}

/// One evidence file as a submission names it: which item, which file, its hash and size.
struct EvidenceRef: Codable, Sendable, Equatable {
    var id: UUID
    var item: String
    var name: String
    var sha256: String
    var bytes: Int
    var type: String
}

/// One change to a 整改 task, for its history.
struct TaskEvent: Codable, Sendable, Equatable {
    var at: Date
    var actor: String
    var change: String
}

/// The 整改 tasks of an assessment and each task's history.
struct TaskBook: Codable, Sendable, Equatable {
    var tasks: [RectificationTask] = []
    var history: [String: [TaskEvent]] = [:]
}

/// One county's application for one year: the review chain (frozen versions, history) and its 整改 tasks, as JSON.
final class AssessmentRecord: Model, @unchecked Sendable {
    static let schema = "assessments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "county_id") var county: Region
    @Field(key: "year") var year: Int
    /// `ReviewStage` raw value, kept beside the chain for the queue and overview queries.
    @Field(key: "stage") var stage: String
    /// `ReviewChain<AssessmentPayload>`, JSON.
    @Field(key: "chain") var chain: Data
    /// `TaskBook`, JSON.
    @Field(key: "tasks") var tasks: Data
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(countyID: UUID, year: Int) {
        self.$county.id = countyID
        self.year = year
        self.stage = ReviewStage.draft.rawValue
        self.chain = Data("{}".utf8)
        self.tasks = Data("{}".utf8)
        self.updatedAt = Date()
    }
}

/// One validated assessment package, stored once per content hash as the canonical workbook.
final class AssessmentPackageRecord: Model, @unchecked Sendable {
    static let schema = "assessment_packages"

    @ID(key: .id) var id: UUID?
    @Parent(key: "county_id") var county: Region
    /// SHA-256 of the canonical sheets' text (independent of how the upload was laid out).
    @Field(key: "sha256") var sha256: String
    /// The package as written by `AssessmentPackageWriter.xlsx`.
    @Field(key: "workbook") var workbook: Data
    /// Uploaded file names and the upload's own SHA-256, for the record.
    @Field(key: "source") var source: String
    @Parent(key: "uploaded_by") var uploadedBy: User
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}

    init(countyID: UUID, sha256: String, workbook: Data, source: String, by: UUID) {
        self.$county.id = countyID
        self.sha256 = sha256
        self.workbook = workbook
        self.source = source
        self.$uploadedBy.id = by
        self.uploadedAt = Date()
    }
}

/// One evidence file attached to an item; the bytes live in the evidence directory under their hash.
final class AssessmentEvidence: Model, @unchecked Sendable {
    static let schema = "assessment_evidence"

    @ID(key: .id) var id: UUID?
    @Parent(key: "county_id") var county: Region
    @Field(key: "year") var year: Int
    @Field(key: "item_key") var itemKey: String
    @Field(key: "file_name") var fileName: String
    /// The sniffed type (pdf, png, jpeg, docx, xlsx, doc, xls).
    @Field(key: "file_type") var fileType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Parent(key: "uploaded_by") var uploadedBy: User
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}

    init(countyID: UUID, year: Int, itemKey: String, fileName: String, fileType: String, size: Int, sha256: String, by: UUID) {
        self.$county.id = countyID
        self.year = year
        self.itemKey = itemKey
        self.fileName = fileName
        self.fileType = fileType
        self.size = size
        self.sha256 = sha256
        self.$uploadedBy.id = by
        self.uploadedAt = Date()
    }
}

/// The assessment tables: one application per county and year, packages unique per county and hash.
struct CreateAssessments: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(AssessmentRecord.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("year", .int, .required)
            .field("stage", .string, .required)
            .field("chain", .data, .required)
            .field("tasks", .data, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "county_id", "year")
            .create()
        try await db.schema(AssessmentPackageRecord.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("sha256", .string, .required)
            .field("workbook", .data, .required)
            .field("source", .string, .required)
            .field("uploaded_by", .uuid, .required, .references(User.schema, "id"))
            .field("uploaded_at", .datetime, .required)
            .unique(on: "county_id", "sha256")
            .create()
        try await db.schema(AssessmentEvidence.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("year", .int, .required)
            .field("item_key", .string, .required)
            .field("file_name", .string, .required)
            .field("file_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .uuid, .required, .references(User.schema, "id"))
            .field("uploaded_at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(AssessmentEvidence.schema).delete()
        try await db.schema(AssessmentPackageRecord.schema).delete()
        try await db.schema(AssessmentRecord.schema).delete()
    }
}
