import Fluent
import Foundation
import ThreeClassrooms
import Vapor

/// Records of a published plan: one session's page, schools' logs (held/cancelled, attendance) and 网络巡课 observations.
struct ClassroomRecordController {
    func session(_ req: Request) async throws -> Response {
        let access = try await req.classroomPlan(req.parameters.get("id"))
        let key = (try? req.query.get(String.self, at: "key")) ?? ""
        let found = try? SessionLogInput.find(key, in: access.plan).get()
        let logs = try found.map { try req.loggingSchool(for: $0, in: access) } ?? nil
        guard let s = found, access.countyReader || logs != nil else {
            throw await req.denial("\(access.target)/session:\(key)", Ability.logClassroomSession.rawValue, status: .notFound)
        }
        return Layout.response(ClassroomSessionView.render(try await model(req, access, s, errors: []), PageContext(req)))
    }

    func log(_ req: Request) async throws -> Response {
        let access = try await req.classroomPlan(req.parameters.get("id"))
        struct Form: Content { var session: String?; var date: String?; var status: String?; var reason: String? }
        let form = try req.content.decode(Form.self)
        guard case .success(let s) = SessionLogInput.find(form.session ?? "", in: access.plan) else {
            throw Abort(.unprocessableEntity, reason: "没有这节专递课堂 / no such session")
        }
        guard let school = try req.loggingSchool(for: s, in: access) else {
            throw await req.denial("\(access.target)/session:\(s.key)", Ability.logClassroomSession.rawValue, status: .forbidden)
        }
        var attendance: [String: String] = [:]
        for c in s.receivingClasses { if let v = try? req.content.get(String.self, at: "attendance_\(c.description)") { attendance[c.description] = v } }
        let input = SessionLogInput(session: s.key, date: form.date ?? "", status: form.status ?? "", reason: form.reason ?? "", attendance: attendance)
        switch input.record(for: s, school: school) {
        case .failure(let invalid):
            return Layout.response(ClassroomSessionView.render(try await model(req, access, s, errors: invalid.errors), PageContext(req)),
                                   status: .unprocessableEntity)
        case .success(let record):
            try await SessionLogInput.save(record, plan: access.record, on: req)
            return req.redirect(to: "/classroom-plans/\(access.record.id!)/session?key=\(escape(s.key))&logged=1")
        }
    }

    func observe(_ req: Request) async throws -> Response {
        let access = try await req.classroomPlan(req.parameters.get("id"))
        struct Form: Content { var session: String?; var date: String?; var rating: String?; var note: String? }
        let form = try req.content.decode(Form.self)
        let p = try req.principal()
        guard case .success(let s) = SessionLogInput.find(form.session ?? "", in: access.plan) else {
            throw Abort(.unprocessableEntity, reason: "没有这节专递课堂 / no such session")
        }
        try await req.authorize(.observeClassroom, access.resource, target: "\(access.target)/session:\(s.key)")
        var errors: [SessionLogInput.FieldError] = []
        if let e = SessionLogInput.date(form.date ?? "", for: s) { errors.append(e) }
        let rating = Int(form.rating ?? "")
        if rating == nil || !(1...5).contains(rating!) {
            errors.append(.init(field: "rating", value: form.rating ?? "", expected_zh: "1–5 的整数", expected_en: "a whole number 1–5"))
        }
        let note = (form.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 1000 { errors.append(.init(field: "note", value: String(note.prefix(20)) + "…", expected_zh: "不超过 1000 字", expected_en: "at most 1000 characters")) }
        guard errors.isEmpty, let rating else {
            return Layout.response(ClassroomSessionView.render(try await model(req, access, s, errors: errors), PageContext(req)),
                                   status: .unprocessableEntity)
        }
        let planID = try access.record.requireID()
        try await ClassroomObservation(planID: planID, sessionKey: s.key, date: form.date!, observerID: p.userID, rating: rating,
                                       note: note, createdAt: Date()).create(on: req.db)
        await req.audit("classroom-observe", target: "classroom-plan:\(planID)", detail: "\(s.key) \(form.date!) rating \(rating)")
        return req.redirect(to: "/classroom-plans/\(planID)/session?key=\(escape(s.key))&observed=1")
    }

    private func model(_ req: Request, _ access: Request.ClassroomPlanAccess, _ s: PlannedSession,
                       errors: [SessionLogInput.FieldError]) async throws -> ClassroomSessionModel {
        let planID = try access.record.requireID()
        let p = try req.principal()
        let logs = try await SessionLogInput.records(planID: planID, on: req.db).filter { $0.sessionKey == s.key }
            .sorted { ($0.date, $0.school) > ($1.date, $1.school) }
        let observations = try await ClassroomObservation.query(on: req.db).filter(\.$plan.$id == planID)
            .filter(\.$sessionKey == s.key).with(\.$observer).sort(\.$createdAt, .descending).all()
        let school = try req.loggingSchool(for: s, in: access)
        return ClassroomSessionModel(
            planID: planID, published: access.record.published, session: s, logs: logs,
            observations: observations.map { .init(date: $0.date, rating: $0.rating, note: $0.note,
                                                   observer: Masking.seesNames(p.role) ? $0.observer.displayName : Masking.name($0.observer.displayName)) },
            loggingSchool: school, canObserve: req.may(.observeClassroom, access.resource),
            errors: errors)
    }

    private func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }
}
