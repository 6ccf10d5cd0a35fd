import Fluent

/// 三个课堂 participation records: 名师课堂 activities and 名校网络课堂 lessons, per county.
struct CreateClassroomParticipation: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(MasterClassRecord.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("date", .string, .required)
            .field("master_school", .string, .required)
            .field("teacher_id", .string, .required)
            .field("topic", .string, .required)
            .field("participants", .string, .required)
            .field("recorded_by", .uuid, .required, .references(User.schema, "id"))
            .field("recorded_at", .datetime, .required)
            .create()
        try await db.schema(OpenLessonRecord.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("date", .string, .required)
            .field("source_school", .string, .required)
            .field("subject", .string, .required)
            .field("grade", .int, .required)
            .field("receivers", .string, .required)
            .field("recorded_by", .uuid, .required, .references(User.schema, "id"))
            .field("recorded_at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(OpenLessonRecord.schema).delete()
        try await db.schema(MasterClassRecord.schema).delete()
    }
}
