import Fluent
import Foundation
import ThreeClassrooms
import Vapor

/// Scoped lookups for 三个课堂 plans, decided by the policy: readers of the county see everything; a principal or
/// teacher of the county sees published plans only, and then only their own school's or their own classes.
extension Request {
    /// A plan with its county and decoded result.
    struct ClassroomPlanAccess {
        var record: ClassroomPlanRecord
        var county: Region
        var plan: ClassroomPlan
        /// Whether the user reads the whole county (statistician, inspector, admin).
        var countyReader: Bool

        /// The plan as a policy resource.
        var resource: Resource {
            .classroomPlan(published: record.published, countyID: county.id ?? UUID(), countyPath: county.path)
        }

        /// One school's or teacher's part of the plan as a policy resource.
        func timetable(school: String?, teacher: String?) -> Resource {
            .timetable(published: record.published, countyID: county.id ?? UUID(), countyPath: county.path, school: school, teacher: teacher)
        }

        var target: String { "classroom-plan:\(record.id?.uuidString ?? "-")" }
    }

    /// The plan with this id if the user may see any part of it; 404 (audited) otherwise.
    func classroomPlan(_ text: String?) async throws -> ClassroomPlanAccess {
        let p = try principal()
        guard let text, let id = UUID(uuidString: text),
              let record = try await ClassroomPlanRecord.find(id, on: db),
              let county = try await Region.find(record.$county.id, on: db)
        else { throw await denial("classroom-plan:\(text ?? "")", Ability.readClassroomPlan.rawValue, status: .notFound) }
        let plan = try JSONDecoder().decode(ClassroomPlan.self, from: record.resultJSON)
        var access = ClassroomPlanAccess(record: record, county: county, plan: plan, countyReader: false)
        access.countyReader = Policy.decide(p, .readWholeClassroomPlan, access.resource) == .allow
        try await authorize(.readClassroomPlan, access.resource, target: access.target)
        return access
    }

    /// The school whose sessions the user logs (a principal's school, or a teacher's school for their own sessions),
    /// if the policy allows logging this session.
    func loggingSchool(for session: PlannedSession, in access: ClassroomPlanAccess) throws -> String? {
        let p = try principal()
        guard let school = p.school?.code else { return nil }
        let involved = p.role == .principal ? session.involves(school: school) : session.senderSchool == school
        guard involved else { return nil }
        let resource = access.timetable(school: school, teacher: p.role == .teacher ? session.teacherID : nil)
        return Policy.decide(p, .logClassroomSession, resource) == .allow ? school : nil
    }
}
