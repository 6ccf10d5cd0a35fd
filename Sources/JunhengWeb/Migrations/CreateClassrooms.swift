import Fluent

/// 三个课堂 tables: datasets, plans, session logs, 网络巡课 observations, and the teacher id on users.
struct CreateClassroomDatasets: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(ClassroomDataset.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("version", .int, .required)
            .field("uploaded_by", .uuid, .required, .references(User.schema, "id"))
            .field("uploaded_at", .datetime, .required)
            .field("file_names", .string, .required)
            .field("file_hash", .string, .required)
            .field("school_count", .int, .required)
            .field("teacher_count", .int, .required)
            .field("files", .data, .required)
            .field("capacity_json", .data, .required)
            .unique(on: "county_id", "version")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(ClassroomDataset.schema).delete() }
}

struct CreateClassroomPlans: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(ClassroomPlanRecord.schema)
            .id()
            .field("dataset_id", .uuid, .required, .references(ClassroomDataset.schema, "id"))
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("status", .string, .required)
            .field("cap", .int, .required)
            .field("coverage", .double, .required)
            .field("upper_bound", .double, .required)
            .field("covered_periods", .int, .required)
            .field("coverable_periods", .int, .required)
            .field("result_json", .data, .required)
            .field("published", .bool, .required)
            .field("published_at", .datetime)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(ClassroomPlanRecord.schema).delete() }
}

struct CreateClassroomSessionLogs: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(ClassroomSessionLog.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(ClassroomPlanRecord.schema, "id"))
            .field("session_key", .string, .required)
            .field("date", .string, .required)
            .field("school_code", .string, .required)
            .field("held", .bool, .required)
            .field("reason", .string)
            .field("attendance", .string, .required)
            .field("logged_by", .uuid, .required, .references(User.schema, "id"))
            .field("logged_at", .datetime, .required)
            .unique(on: "plan_id", "session_key", "date", "school_code")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(ClassroomSessionLog.schema).delete() }
}

struct CreateClassroomObservations: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(ClassroomObservation.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(ClassroomPlanRecord.schema, "id"))
            .field("session_key", .string, .required)
            .field("date", .string, .required)
            .field("observer_id", .uuid, .required, .references(User.schema, "id"))
            .field("rating", .int, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(ClassroomObservation.schema).delete() }
}

struct AddUserTeacherID: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(User.schema).field("teacher_id", .string).update()
    }
    func revert(on db: any Database) async throws { try await db.schema(User.schema).deleteField("teacher_id").update() }
}
