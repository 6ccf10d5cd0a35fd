import Fluent
import FluentSQL
import Foundation

/// A county's fiscal year of funding data: imported by the finance office, public only once published (who, when).
final class FundingYearRecord: Model, @unchecked Sendable {
    static let schema = "funding_years"

    @ID(key: .id) var id: UUID?
    @Parent(key: "county_id") var county: Region
    @Field(key: "fiscal_year") var fiscalYear: Int
    /// JSON `[FundingSchool]`: the schools' kind, location and pupils from the statistics at import time (no personal data).
    @Field(key: "schools") var schools: Data
    @Field(key: "file_name") var fileName: String
    @Field(key: "file_hash") var fileHash: String
    @Field(key: "imported_by") var importedBy: String
    @Field(key: "imported_at") var importedAt: Date
    @OptionalField(key: "published_by") var publishedBy: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    /// Bumped by every single-line edit (the assessment's cache key follows it).
    @Field(key: "revision") var revision: Int

    init() {}

    init(countyID: UUID, fiscalYear: Int, schools: Data, fileName: String, fileHash: String, importedBy: String, importedAt: Date) {
        self.$county.id = countyID
        (self.fiscalYear, self.schools, self.fileName, self.fileHash, self.importedBy, self.importedAt) =
            (fiscalYear, schools, fileName, fileHash, importedBy, importedAt)
        revision = 0
    }

    var isPublished: Bool { publishedAt != nil }
}

/// One budget line of a funding year (amount in 分).
final class FundingLineRecord: Model, @unchecked Sendable {
    static let schema = "funding_budget_lines"

    @ID(key: .id) var id: UUID?
    @Parent(key: "year_id") var year: FundingYearRecord
    @Field(key: "school_code") var schoolCode: String
    @Field(key: "phase") var phase: String
    @Field(key: "functional_code") var functionalCode: String
    @Field(key: "economic_code") var economicCode: String
    @Field(key: "fund_source") var fundSource: String
    @Field(key: "programme") var programme: String
    @Field(key: "amount_fen") var amountFen: Int

    init() {}
}

/// One project of a funding year: budget in 分, stage dates as JSON, execution as `date:percent;…`.
final class FundingProjectRecord: Model, @unchecked Sendable {
    static let schema = "funding_projects"

    @ID(key: .id) var id: UUID?
    @Parent(key: "year_id") var year: FundingYearRecord
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "school_code") var schoolCode: String
    @Field(key: "indicator") var indicator: String
    @Field(key: "budget_fen") var budgetFen: Int
    @OptionalField(key: "planned_tender") var plannedTender: String?
    @Field(key: "stages") var stages: String
    @Field(key: "execution") var execution: String

    init() {}
}

/// The three funding tables.
struct CreateFunding: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(FundingYearRecord.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("fiscal_year", .int, .required)
            .field("schools", .data, .required)
            .field("file_name", .string, .required)
            .field("file_hash", .string, .required)
            .field("imported_by", .string, .required)
            .field("imported_at", .datetime, .required)
            .field("published_by", .string)
            .field("published_at", .datetime)
            .unique(on: "county_id", "fiscal_year")
            .create()
        try await db.schema(FundingLineRecord.schema)
            .id()
            .field("year_id", .uuid, .required, .references(FundingYearRecord.schema, "id"))
            .field("school_code", .string, .required)
            .field("phase", .string, .required)
            .field("functional_code", .string, .required)
            .field("economic_code", .string, .required)
            .field("fund_source", .string, .required)
            .field("programme", .string, .required)
            .field("amount_fen", .int64, .required)
            .create()
        try await db.schema(FundingProjectRecord.schema)
            .id()
            .field("year_id", .uuid, .required, .references(FundingYearRecord.schema, "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("school_code", .string, .required)
            .field("indicator", .string, .required)
            .field("budget_fen", .int64, .required)
            .field("planned_tender", .string)
            .field("stages", .string, .required)
            .field("execution", .string, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS funding_lines_year ON funding_budget_lines (year_id)").run()
            try await sql.raw("CREATE INDEX IF NOT EXISTS funding_projects_year ON funding_projects (year_id)").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(FundingProjectRecord.schema).delete()
        try await db.schema(FundingLineRecord.schema).delete()
        try await db.schema(FundingYearRecord.schema).delete()
    }
}

/// Single-line editing: the year's revision counter.
struct AddFundingRevision: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(FundingYearRecord.schema).field("revision", .int, .required, .sql(.default(0))).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(FundingYearRecord.schema).deleteField("revision").update()
    }
}

/// A document attached to one procurement stage of a project (bytes in the evidence storage, by SHA-256). Kept by
/// project code, so a re-imported draft keeps its documents; public only when marked so and the year is published.
final class FundingDocumentRecord: Model, @unchecked Sendable {
    static let schema = "funding_stage_documents"

    @ID(key: .id) var id: UUID?
    @Parent(key: "year_id") var year: FundingYearRecord
    @Field(key: "project_code") var projectCode: String
    /// `ProcurementStage.key`.
    @Field(key: "stage") var stage: String
    @Field(key: "file_name") var fileName: String
    /// `EvidenceType` raw value (pdf, png, jpeg).
    @Field(key: "file_type") var fileType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "is_public") var isPublic: Bool
    @Field(key: "uploaded_by") var uploadedBy: String
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}

    init(yearID: UUID, projectCode: String, stage: String, fileName: String, fileType: String, size: Int, sha256: String,
         isPublic: Bool, uploadedBy: String) {
        $year.id = yearID
        (self.projectCode, self.stage, self.fileName, self.fileType, self.size, self.sha256) = (projectCode, stage, fileName, fileType, size, sha256)
        (self.isPublic, self.uploadedBy, self.uploadedAt) = (isPublic, uploadedBy, Date())
    }
}

/// The procurement documents table.
struct CreateFundingDocuments: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(FundingDocumentRecord.schema)
            .id()
            .field("year_id", .uuid, .required, .references(FundingYearRecord.schema, "id"))
            .field("project_code", .string, .required)
            .field("stage", .string, .required)
            .field("file_name", .string, .required)
            .field("file_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("is_public", .bool, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .datetime, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS funding_documents_year ON funding_stage_documents (year_id, project_code)").run()
        }
    }

    func revert(on db: any Database) async throws { try await db.schema(FundingDocumentRecord.schema).delete() }
}
