import Fluent
import Foundation
import ThreeClassrooms
import Vapor

/// What a 专递课堂 plan's page shows: coverage against the bound, open gaps, suggestions and links to every timetable.
struct ClassroomPlanModel {
    var id: UUID
    var countyCode: String
    var countyName: String
    var plan: ClassroomPlan
    var published: Bool
    var publishedAt: Date?
    var createdAt: Date
    var canPublish: Bool
    var names: [String: String]
    /// Schools with their classes, for the timetable links.
    var classes: [ClassID]
    var teachers: [String]

    static func load(_ req: Request, _ access: Request.ClassroomPlanAccess) async throws -> ClassroomPlanModel {
        let (capacity, names) = try await ClassroomStore.input(of: access.record, on: req.db)
        let plan = access.plan
        return ClassroomPlanModel(
            id: try access.record.requireID(), countyCode: access.county.code, countyName: access.county.name, plan: plan,
            published: access.record.published, publishedAt: access.record.publishedAt, createdAt: access.record.createdAt,
            canPublish: req.may(.manageClassrooms, access.resource),
            names: names,
            classes: capacity.classes, teachers: Array(Set(plan.sessions.map(\.teacherID))).sorted())
    }
}
