import Fluent
import Foundation
import ThreeClassrooms
import Vapor

/// Timetables of a plan per school, teacher and class (days × periods), and the school's or teacher's own entry page.
struct ClassroomTimetableController {
    func school(_ req: Request) async throws -> Response {
        let access = try await req.classroomPlan(req.parameters.get("id"))
        let code = try req.pathParameter("school")
        let p = try req.principal()
        let own = p.role == .principal ? access.timetable(school: code, teacher: nil) : access.timetable(school: nil, teacher: nil)
        try await req.authorize(.readOwnTimetable, own, target: "\(access.target)/school:\(code)")
        let (capacity, names) = try await ClassroomStore.input(of: access.record, on: req.db)
        guard let model = TimetableModel.school(code, access, capacity: capacity, names: names) else { throw Abort(.notFound) }
        return Layout.response(TimetableView.render(model, PageContext(req)))
    }

    func teacher(_ req: Request) async throws -> Response {
        let access = try await req.classroomPlan(req.parameters.get("id"))
        let id = try req.pathParameter("teacher")
        let (capacity, names) = try await ClassroomStore.input(of: access.record, on: req.db)
        let school = capacity.teachers.first { $0.id == id }?.school
        try await req.authorize(.readOwnTimetable, access.timetable(school: school, teacher: id), target: "\(access.target)/teacher:\(id)")
        guard let model = TimetableModel.teacher(id, access, capacity: capacity, names: names) else { throw Abort(.notFound) }
        return Layout.response(TimetableView.render(model, PageContext(req)))
    }

    func classTimetable(_ req: Request) async throws -> Response {
        let access = try await req.classroomPlan(req.parameters.get("id"))
        let school = try req.pathParameter("school")
        guard let grade = req.parameters.get("grade", as: Int.self), let number = req.parameters.get("class", as: Int.self) else {
            throw Abort(.notFound)
        }
        let p = try req.principal()
        let own = p.role == .principal ? access.timetable(school: school, teacher: nil) : access.timetable(school: nil, teacher: nil)
        try await req.authorize(.readOwnTimetable, own, target: "\(access.target)/class:\(school)/\(grade)/\(number)")
        let (capacity, names) = try await ClassroomStore.input(of: access.record, on: req.db)
        let id = ClassID(school: school, grade: grade, number: number)
        guard let model = TimetableModel.classroom(id, access, capacity: capacity, names: names) else { throw Abort(.notFound) }
        return Layout.response(TimetableView.render(model, PageContext(req)))
    }

    /// A principal's or teacher's way in: the county's published plan, at their school's or their own timetable.
    func mine(_ req: Request) async throws -> Response {
        let p = try req.principal()
        let ctx = PageContext(req)
        guard let school = p.school, p.role == .principal || p.role == .teacher else { return req.redirect(to: "/") }
        let plan = try await ClassroomPlanRecord.query(on: req.db).filter(\.$county.$id == school.countyID)
            .filter(\.$published == true).sort(\.$publishedAt, .descending).first()
        guard let plan, let id = plan.id else {
            return Layout.response(Layout.page(ctx, title: ctx.t("专递课堂课表", "Remote-classroom timetable"), .group(
                .h1(.text(ctx.t("专递课堂课表", "Remote-classroom timetable"))),
                .p(.id("no-published-plan"), .text(ctx.t("教育局尚未发布专递课堂课表。", "The bureau has not published a timetable yet."))))))
        }
        if p.role == .teacher {
            guard let t = p.teacherID else { throw Abort(.notFound, reason: "账号未绑定教师编号 / no teacher id on this account") }
            return req.redirect(to: "/classroom-plans/\(id)/teachers/\(t)")
        }
        return req.redirect(to: "/classroom-plans/\(id)/schools/\(school.code)")
    }
}
