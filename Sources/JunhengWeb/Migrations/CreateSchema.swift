import Fluent
import SQLKit

/// The platform's tables; one migration each, the same on SQLite and PostgreSQL.
enum Migrations {
    static let all: [any Migration] = [CreateRegions(), CreateSchools(), CreateUsers(), CreateAPITokens(),
                                       CreateSnapshots(), CreateAuditLog(), CreateSavedPlans(),
                                       CreateClassroomDatasets(), CreateClassroomPlans(), CreateClassroomSessionLogs(),
                                       CreateClassroomObservations(), AddUserTeacherID(), CreateClassroomParticipation(),
                                       CreateWebSessions(), AddUserAccountState(), CreateJobs(), CreateSurveys(),
                                       CreateAssessments(), AddSurveySampleRulesAndClass(),
                                       CreateSeatsTables(), CreateSeatsBackgrounds(),
                                       CreateCreditBankTables(), CreateFunding(), CreateTeachersTables(), AddCreditBankIndexesAndShares(),
                                       AddTeacherTrainingKeys(), AddFundingRevision(), CreateFundingDocuments()]
}

struct CreateRegions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Region.schema)
            .id()
            .field("code", .string, .required).unique(on: "code")
            .field("name", .string, .required)
            .field("level", .string, .required)
            .field("parent_id", .uuid, .references(Region.schema, "id"))
            .field("path", .string, .required)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(Region.schema).delete() }
}

struct CreateSchools: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(School.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .unique(on: "county_id", "code")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(School.schema).delete() }
}

struct CreateUsers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(User.schema)
            .id()
            .field("username", .string, .required).unique(on: "username")
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("region_id", .uuid, .references(Region.schema, "id"))
            .field("school_id", .uuid, .references(School.schema, "id"))
            .field("created_at", .datetime)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(User.schema).delete() }
}

struct CreateAPITokens: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(APIToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("token_hash", .string, .required).unique(on: "token_hash")
            .field("expires_at", .datetime, .required)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(APIToken.schema).delete() }
}

struct CreateSnapshots: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Snapshot.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("school_year", .int, .required)
            .field("version", .int, .required)
            .field("uploaded_by", .uuid, .required, .references(User.schema, "id"))
            .field("uploaded_at", .datetime, .required)
            .field("file_name", .string, .required)
            .field("file_hash", .string, .required)
            .field("school_count", .int, .required)
            .field("row_count", .int, .required)
            .field("content", .data, .required)
            .unique(on: "county_id", "school_year", "version")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(Snapshot.schema).delete() }
}

struct CreateAuditLog: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(AuditEntry.schema)
            .id()
            .field("seq", .int, .required).unique(on: "seq")
            .field("at_ms", .int64, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("target", .string, .required)
            .field("detail", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(AuditEntry.schema).delete() }
}

struct CreateSavedPlans: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(SavedPlan.schema)
            .id()
            .field("snapshot_id", .uuid, .required, .references(Snapshot.schema, "id"))
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("title", .string, .required)
            .field("parameters", .string, .required)
            .field("status", .string, .required)
            .field("total_cost", .double)
            .field("result_json", .data, .required)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(SavedPlan.schema).delete() }
}

/// Account state: deactivation instead of deletion, demo-only accounts, the optional second factor.
struct AddUserAccountState: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await db.schema(User.schema).field("active", .bool, .required, .sql(.default(true))).update()
        try await db.schema(User.schema).field("demo", .bool, .required, .sql(.default(false))).update()
        try await db.schema(User.schema).field("totp_secret", .string).update()
        try await db.schema(User.schema).field("password_changed_at", .datetime).update()
    }
    func revert(on db: any Database) async throws {
        for f in ["password_changed_at", "totp_secret", "demo", "active"] { try await db.schema(User.schema).deleteField(.key(.string(f))).update() }
    }
}
