import Fluent
import Foundation
import JunhengReports
import ThreeClassrooms
import Vapor

/// The 三个课堂 JSON API: the county's published plan, a school's timetable, and session logging.
struct ClassroomAPIController {
    func plan(_ req: Request) async throws -> Response {
        let county = try await req.county(.readCounty)
        let record = try await published(county, on: req)
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: "X-Plan-ID", value: try record.requireID().uuidString)
        let plan = try JSONDecoder().decode(ClassroomPlan.self, from: record.resultJSON)
        return Response(status: .ok, headers: headers, body: .init(data: Data(ClassroomPlanJSON.json(plan))))
    }

    func timetable(_ req: Request) async throws -> Response {
        let code = try req.pathParameter("code"), school = try req.pathParameter("school")
        let p = try req.principal()
        // Readers of the county, or the principal of that very school (their own county, nothing else).
        let county: Region
        if p.role == .principal, p.school?.code == school, let own = try await Region.find(p.school?.countyID, on: req.db), own.code == code {
            county = own
        } else {
            county = try await req.county(code, .readCounty)
        }
        let record = try await published(county, on: req)
        let access = Request.ClassroomPlanAccess(record: record, county: county, plan: try JSONDecoder().decode(ClassroomPlan.self, from: record.resultJSON),
                                                 countyReader: req.may(.readCounty, county.resource))
        try await req.authorize(.readOwnTimetable, access.timetable(school: school, teacher: nil), target: "\(access.target)/school:\(school)")
        let plan = try JSONDecoder().decode(ClassroomPlan.self, from: record.resultJSON)
        let sessions = plan.sessions.filter { $0.involves(school: school) }.map { TimetableEntry($0, school: school) }
        return try APIController().json(SchoolTimetable(plan_id: try record.requireID(), school: school, published_at: record.publishedAt,
                                                        sessions: sessions))
    }

    func log(_ req: Request) async throws -> Response {
        let access = try await req.classroomPlan(req.parameters.get("id"))
        struct Body: Content { var session: String; var date: String; var status: String; var reason: String?; var attendance: [String: Int]? }
        guard let body = try? req.content.decode(Body.self) else {
            throw Abort(.badRequest, reason: "请求体应为 {\"session\", \"date\", \"status\", \"reason\", \"attendance\"} / malformed body")
        }
        let s: PlannedSession
        switch SessionLogInput.find(body.session, in: access.plan) {
        case .failure(let e): return try failure([e])
        case .success(let found): s = found
        }
        guard let school = try req.loggingSchool(for: s, in: access) else {
            throw await req.denial("\(access.target)/session:\(s.key)", Ability.logClassroomSession.rawValue, status: .forbidden)
        }
        let input = SessionLogInput(session: s.key, date: body.date, status: body.status, reason: body.reason ?? "",
                                    attendance: (body.attendance ?? [:]).mapValues(String.init))
        switch input.record(for: s, school: school) {
        case .failure(let invalid): return try failure(invalid.errors)
        case .success(let record):
            try await SessionLogInput.save(record, plan: access.record, on: req)
            return try APIController().json(record, status: .created)
        }
    }

    private func failure(_ errors: [SessionLogInput.FieldError]) throws -> Response {
        struct Body: Codable { var error: Int; var reason: String; var errors: [SessionLogInput.FieldError] }
        return try APIController().json(Body(error: 422, reason: "记录有 \(errors.count) 处错误，未保存 / \(errors.count) problem(s); nothing stored",
                                             errors: errors), status: .unprocessableEntity)
    }

    private func published(_ county: Region, on req: Request) async throws -> ClassroomPlanRecord {
        guard let r = try await ClassroomPlanRecord.query(on: req.db).filter(\.$county.$id == county.requireID())
            .filter(\.$published == true).sort(\.$publishedAt, .descending).first()
        else { throw Abort(.notFound, reason: "\(county.name) 尚未发布专递课堂课表 / no published timetable") }
        return r
    }
}

/// One session in a school's timetable, from that school's side.
struct TimetableEntry: Codable {
    var key: String; var role: String; var teacher_id: String; var sender_school: String; var subject: String; var subject_zh: String
    var grade: Int; var day: Int; var period: Int; var receiving_classes: [String]; var low_bandwidth_classes: [String]
    init(_ s: PlannedSession, school: String) {
        key = s.key; role = s.senderSchool == school ? "sending" : "receiving"; teacher_id = s.teacherID; sender_school = s.senderSchool
        subject = s.subject.rawValue; subject_zh = s.subject.zh; grade = s.grade; day = s.day; period = s.period
        receiving_classes = s.receivingClasses.map(\.description); low_bandwidth_classes = s.lowBandwidthClasses.map(\.description)
    }
}

/// GET /api/v1/counties/{code}/classrooms/timetables/{school}.
struct SchoolTimetable: Codable { var plan_id: UUID; var school: String; var published_at: Date?; var sessions: [TimetableEntry] }
