import Fluent
import Foundation
import JunhengImport
import ThreeClassrooms
import Vapor

/// Adds the 三个课堂 pages: county dashboard, upload, plan runs, a plan and its publication, timetables, session records.
func classroomRoutes(pages: any RoutesBuilder, forms: any RoutesBuilder, uploads: any RoutesBuilder) {
    let c = ClassroomController(), t = ClassroomTimetableController(), r = ClassroomRecordController()
    pages.get("counties", ":code", "classrooms", use: c.dashboard).requires(.readCounty)
    pages.get("counties", ":code", "classrooms", "upload", use: c.uploadForm).requires(.manageClassrooms)
    uploads.on(.POST, "counties", ":code", "classrooms", "upload", body: .collect(maxSize: Limits.uploadBody), use: c.upload).requires(.manageClassrooms)
    forms.post("counties", ":code", "classrooms", "plans", use: c.run).requires(.manageClassrooms)
    pages.get("classroom-plans", ":id", use: c.show).requires(.readWholeClassroomPlan)
    forms.post("classroom-plans", ":id", "publish", use: c.publish).requires(.manageClassrooms)
    pages.get("classroom-plans", ":id", "schools", ":school", use: t.school).requires(.readOwnTimetable)
    pages.get("classroom-plans", ":id", "teachers", ":teacher", use: t.teacher).requires(.readOwnTimetable)
    pages.get("classroom-plans", ":id", "classes", ":school", ":grade", ":class", use: t.classTimetable).requires(.readOwnTimetable)
    pages.get("my", "classrooms", use: t.mine).requires(.signedIn)
    pages.get("classroom-plans", ":id", "session", use: r.session).requires(.readClassroomPlan)
    forms.post("classroom-plans", ":id", "logs", use: r.log).requires(.logClassroomSession)
    forms.post("classroom-plans", ":id", "observations", use: r.observe).requires(.observeClassroom)
    participationRoutes(forms: forms)
}

/// The bureau's 三个课堂 pages: upload the county's input, see its gaps, run and publish the 专递课堂 plan.
struct ClassroomController {
    func dashboard(_ req: Request) async throws -> Response {
        let county = try await req.county(.readCounty)
        let model = try await ClassroomDashboardModel.load(req, county: county)
        return Layout.response(ClassroomDashboardView.render(model, PageContext(req)))
    }

    func uploadForm(_ req: Request) async throws -> Response {
        let county = try await manageableCounty(req)
        return Layout.response(ClassroomUploadView.render(county: county, issues: [], message: nil, PageContext(req)))
    }

    func upload(_ req: Request) async throws -> Response {
        let county = try await manageableCounty(req)
        struct Form: Content { var schools: File?; var classes: File?; var teachers: File?; var lessons: File?; var workbook: File? }
        let form = try req.content.decode(Form.self)
        let ctx = PageContext(req)
        func file(_ f: File?) -> ClassroomStore.UploadedFile? {
            guard let f, f.data.readableBytes > 0 else { return nil }
            return .init(name: f.filename, bytes: [UInt8](f.data.readableBytesView))
        }
        let userID = try req.principal().userID
        let parts = [form.workbook, form.schools, form.classes, form.teachers, form.lessons]
        if parts.reduce(0, { $0 + ($1?.data.readableBytes ?? 0) }) > req.application.web.jobs.largeImportBytes {
            return try await enqueueImport([(ClassroomImportPayload.workbookKey, file(form.workbook)), (ClassroomFile.schools.rawValue, file(form.schools)),
                                            (ClassroomFile.classes.rawValue, file(form.classes)), (ClassroomFile.teachers.rawValue, file(form.teachers)),
                                            (ClassroomFile.lessons.rawValue, file(form.lessons))], county: county, req)
        }
        let result: Result<ClassroomDataset, ClassroomStore.Rejection>
        if let book = file(form.workbook) {
            switch ClassroomStore.split(workbook: book.bytes, name: book.name) {
            case .success(let files): result = try await ClassroomStore.store(files, county: county, by: userID, on: req)
            case .failure(let rejection): result = .failure(rejection)
            }
        } else {
            var files: [ClassroomFile: ClassroomStore.UploadedFile] = [:]
            for (kind, f) in [(ClassroomFile.schools, form.schools), (.classes, form.classes), (.teachers, form.teachers), (.lessons, form.lessons)] {
                files[kind] = file(f)
            }
            result = try await ClassroomStore.store(files, county: county, by: userID, on: req)
        }
        switch result {
        case .success:
            return req.redirect(to: "/counties/\(county.code)/classrooms?uploaded=1")
        case .failure(.invalid(let issues)):
            await req.audit("classroom-upload-rejected", target: "county:\(county.code)/classrooms", detail: "\(issues.problemTotal) problem(s)")
            let message = ctx.t("上传的文件有 \(issues.problemTotal) 处错误，未保存任何数据。", "The upload has \(issues.problemTotal) problem(s); nothing was stored.")
            return Layout.response(ClassroomUploadView.render(county: county, issues: issues, message: message, ctx), status: .unprocessableEntity)
        }
    }

    /// A large upload is split (a workbook), validated and stored by the job queue; the job page shows the outcome.
    private func enqueueImport(_ parts: [(String, ClassroomStore.UploadedFile?)], county: Region, _ req: Request) async throws -> Response {
        var files: [String: ClassroomImportPayload.File] = [:]
        for (key, f) in parts { if let f { files[key] = .init(name: f.name, bytes: Data(f.bytes)) } }
        let job = try await JobQueue.enqueue(.classroomImport, payload: ClassroomImportPayload(files: files), county: county,
                                             message: "排队中 / queued", on: req)
        return req.redirect(to: "/jobs/\(try job.requireID())")
    }

    func run(_ req: Request) async throws -> Response {
        let county = try await manageableCounty(req)
        struct Form: Content { var cap: Int? }
        let cap = (try? req.content.decode(Form.self))?.cap ?? 4
        guard (1...12).contains(cap) else { throw Abort(.unprocessableEntity, reason: "每场接收班级上限应为 1–12 / cap must be 1–12") }
        guard let dataset = try await ClassroomStore.latest(countyID: county.requireID(), on: req.db) else {
            throw Abort(.unprocessableEntity, reason: "请先上传三个课堂数据 / upload the classroom data first")
        }
        // The solve runs in the job queue; the job page follows it and links the plan.
        let job = try await JobQueue.enqueue(.classroomPlan, payload: ClassroomPlanPayload(datasetID: try dataset.requireID(), cap: cap),
                                             county: county, message: "排队中 / queued", on: req)
        return req.redirect(to: "/jobs/\(try job.requireID())")
    }

    func show(_ req: Request) async throws -> Response {
        let access = try await req.classroomPlan(req.parameters.get("id"))
        try await req.authorize(.readWholeClassroomPlan, access.resource, target: access.target)
        let model = try await ClassroomPlanModel.load(req, access)
        return Layout.response(ClassroomPlanView.render(model, PageContext(req)))
    }

    func publish(_ req: Request) async throws -> Response {
        let access = try await req.classroomPlan(req.parameters.get("id"))
        let id = try access.record.requireID()
        try await req.authorize(.manageClassrooms, access.resource, target: access.target)
        let countyID = try access.county.requireID()
        try await req.db.transaction { db in
            // One published plan per county: publishing replaces the previous one.
            try await ClassroomPlanRecord.query(on: db).filter(\.$county.$id == countyID).filter(\.$published == true)
                .set(\.$published, to: false).update()
            access.record.published = true
            access.record.publishedAt = Date()
            try await access.record.save(on: db)
        }
        await req.audit("classroom-publish", target: "classroom-plan:\(id)", detail: "county \(access.county.code)")
        return req.redirect(to: "/classroom-plans/\(id)?published=1")
    }

    /// The county in the path if the policy lets the user manage its 三个课堂 data.
    private func manageableCounty(_ req: Request) async throws -> Region {
        try await req.county(.manageClassrooms)
    }
}
