import Fluent
import Foundation
import ThreeClassrooms
import Vapor

/// Scoped lookups for 三个课堂 plans: readers of the county see everything; a principal or teacher of the county sees
/// published plans only, and then only their own school's or their own classes. Every refusal is audited.
extension Request {
    /// A plan with its county and decoded result.
    struct ClassroomPlanAccess {
        var record: ClassroomPlanRecord
        var county: Region
        var plan: ClassroomPlan
        /// Whether the user reads the whole county (statistician, inspector, admin).
        var countyReader: Bool
    }

    /// The plan with this id if the user may see any part of it; 404 (audited) otherwise.
    func classroomPlan(_ text: String?) async throws -> ClassroomPlanAccess {
        let p = try principal()
        guard let text, let id = UUID(uuidString: text),
              let record = try await ClassroomPlanRecord.find(id, on: db),
              let county = try await Region.find(record.$county.id, on: db)
        else { throw await denial("classroom-plan:\(text ?? "")", "read", status: .notFound) }
        let reader = p.canRead(countyPath: county.path)
        guard reader || (record.published && p.school?.countyID == county.id) else {
            throw await denial("classroom-plan:\(text)", "read", status: .notFound)
        }
        let plan = try JSONDecoder().decode(ClassroomPlan.self, from: record.resultJSON)
        return ClassroomPlanAccess(record: record, county: county, plan: plan, countyReader: reader)
    }

    /// Whether the user may run and publish plans and upload data for the county.
    func mayManageClassrooms(_ county: Region) throws -> Bool {
        let p = try principal()
        return p.role == .admin || p.canUpload(countyPath: county.path)
    }

    /// The school whose sessions the user logs: a principal's school, or a teacher's school for their own sessions.
    func loggingSchool(for session: PlannedSession) throws -> String? {
        let p = try principal()
        guard let school = p.school?.code else { return nil }
        switch p.role {
        case .principal: return session.involves(school: school) ? school : nil
        case .teacher: return p.teacherID == session.teacherID && session.senderSchool == school ? school : nil
        default: return nil
        }
    }
}
