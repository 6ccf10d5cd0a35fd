import Fluent
import Foundation
import ThreeClassrooms
import Vapor

/// Adds the record forms' targets for 名师课堂 activities and 名校网络课堂 lessons (CSRF-protected `forms`).
func participationRoutes(forms: any RoutesBuilder) {
    let p = ParticipationController()
    forms.post("counties", ":code", "classrooms", "master-classes", use: p.masterClass).requires(.manageClassrooms)
    forms.post("counties", ":code", "classrooms", "open-lessons", use: p.openLesson).requires(.manageClassrooms)
}

/// Records 名师课堂 and 名校网络课堂 participation for a county: its statistician or an administrator; invalid input is
/// answered 422 on the dashboard with every error located, and nothing is stored.
struct ParticipationController {
    func masterClass(_ req: Request) async throws -> Response {
        let county = try await recordingCounty(req, "master-class")
        struct Form: Content { var date: String?; var master_school: String?; var teacher_id: String?; var topic: String?; var participants: String? }
        let f = try req.content.decode(Form.self)
        let countyID = try county.requireID()
        let u = try await ParticipationInput.universe(countyID: countyID, on: req.db)
        switch ParticipationInput.masterClass(date: f.date ?? "", masterSchool: f.master_school ?? "", teacherID: f.teacher_id ?? "",
                                              topic: f.topic ?? "", participants: f.participants ?? "", in: u) {
        case .failure(let invalid):
            return try await rejected(req, county, invalid.errors)
        case .success(let a):
            try await ParticipationInput.save(a, countyID: countyID, by: try req.principal().userID, on: req.db)
            await req.audit("classroom-master-class", target: "county:\(county.code)/classrooms",
                            detail: "\(a.date) \(a.masterSchool)/\(a.teacherID): \(a.participants.count) school(s), \(a.participants.values.reduce(0, +)) teacher(s)")
            return req.redirect(to: "/counties/\(county.code)/classrooms?recorded=master-class#participation")
        }
    }

    func openLesson(_ req: Request) async throws -> Response {
        let county = try await recordingCounty(req, "open-lesson")
        struct Form: Content { var date: String?; var source_school: String?; var subject: String?; var grade: String?; var receivers: String? }
        let f = try req.content.decode(Form.self)
        let countyID = try county.requireID()
        let u = try await ParticipationInput.universe(countyID: countyID, on: req.db)
        switch ParticipationInput.openLesson(date: f.date ?? "", sourceSchool: f.source_school ?? "", subject: f.subject ?? "",
                                             grade: f.grade ?? "", receivers: f.receivers ?? "", in: u) {
        case .failure(let invalid):
            return try await rejected(req, county, invalid.errors)
        case .success(let l):
            try await ParticipationInput.save(l, countyID: countyID, by: try req.principal().userID, on: req.db)
            await req.audit("classroom-open-lesson", target: "county:\(county.code)/classrooms",
                            detail: "\(l.date) \(l.sourceSchool) \(l.subject.rawValue) grade \(l.grade) → \(l.receivers.count) school(s)")
            return req.redirect(to: "/counties/\(county.code)/classrooms?recorded=open-lesson#participation")
        }
    }

    /// The county in the path if the user may record for it: unknown counties 404, readers who may not record 403.
    private func recordingCounty(_ req: Request, _ what: String) async throws -> Region {
        try await req.county(.manageClassrooms)
    }

    private func rejected(_ req: Request, _ county: Region, _ errors: [ParticipationInput.FieldError]) async throws -> Response {
        var model = try await ClassroomDashboardModel.load(req, county: county)
        model.participationErrors = errors
        return Layout.response(ClassroomDashboardView.render(model, PageContext(req)), status: .unprocessableEntity)
    }
}
