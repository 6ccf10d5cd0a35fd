import Crypto
import EquityKit
import Fluent
import Foundation
import JunhengImport
import JunhengReports
import JunhengSheets
import Teachers
import Vapor

/// Adds the teacher pages and API: the register (import, single changes, derived figures and differences), a school's
/// staff, a teacher's own record, and 交流轮岗 (plans in the job queue, approval, execution, history).
func teachersRoutes(pages: any RoutesBuilder, forms: any RoutesBuilder, uploads: any RoutesBuilder, api: any RoutesBuilder) {
    let c = TeachersController()
    pages.get("counties", ":code", "teachers", use: c.register).requires(.readTeachers)
    pages.get("counties", ":code", "teachers", "upload", use: c.uploadForm).requires(.manageTeachers)
    uploads.on(.POST, "counties", ":code", "teachers", "upload", body: .collect(maxSize: Limits.uploadBody), use: c.upload).requires(.manageTeachers)
    forms.post("counties", ":code", "teachers", "hire", use: c.hire).requires(.manageTeachers)
    forms.post("counties", ":code", "teachers", "adopt", use: c.adopt).requires(.uploadStatistics)
    pages.get("counties", ":code", "teachers", "t", ":teacher", use: c.teacher).requires(.readTeachers)
    forms.post("counties", ":code", "teachers", "t", ":teacher", "changes", use: c.change).requires(.manageTeachers)
    pages.get("counties", ":code", "teachers", "schools", ":school", use: c.staff).requires(.readSchoolStaff)
    pages.get("counties", ":code", "teachers", "rotation", use: c.rotation).requires(.readTeachers)
    forms.post("counties", ":code", "teachers", "rotation", use: c.propose).requires(.manageTeachers)
    pages.get("teacher-rotations", ":id", use: c.plan).requires(.readTeachers)
    forms.post("teacher-rotations", ":id", "approve", use: c.approve).requires(.manageTeachers)
    forms.post("teacher-rotations", ":id", "execute", use: c.execute).requires(.manageTeachers)
    forms.post("teacher-rotations", ":id", "resolve", use: c.resolve).requires(.manageTeachers)
    pages.get("my", "teacher", use: c.own).requires(.readOwnTeacherRecord)
    pages.get("counties", ":code", "teachers", "training", use: c.training).requires(.readTeachers)
    forms.post("counties", ":code", "teachers", "training", use: c.recordTraining).requires(.manageTeachers)
    pages.get("counties", ":code", "teachers", "training", "upload", use: c.trainingUploadForm).requires(.manageTeachers)
    uploads.on(.POST, "counties", ":code", "teachers", "training", "upload", body: .collect(maxSize: Limits.uploadBody), use: c.trainingUpload).requires(.manageTeachers)
    let a = TeachersAPIController()
    api.get("counties", ":code", "teachers", use: a.teachers).requires(.readTeachers)
    api.get("counties", ":code", "teachers", "figures", use: a.figures).requires(.readTeachers)
    api.post("counties", ":code", "teachers", "rotation", use: a.propose).requires(.manageTeachers)
    api.get("teacher-rotations", ":id", use: a.plan).requires(.readTeachers)
}

/// The personnel office's pages, and the read-only views of county readers, principals and teachers.
struct TeachersController {
    func register(_ req: Request) async throws -> Response {
        let county = try await req.county(.readTeachers)
        let notice = (try? req.query.get(String.self, at: "done")).map { Self.notice($0, req) } ?? nil
        return Layout.response(TeachersRegisterView.render(try await TeachersRegisterModel.load(req, county: county, notice: notice), PageContext(req)))
    }

    static func notice(_ key: String, _ req: Request) -> String? {
        switch key {
        case "imported": req.t("名册已导入。", "The register was imported.")
        case "hired": req.t("新聘教师已登记。", "The hire was recorded.")
        case "adopted": req.t("已按名册派生数生成新的统计数据版本。", "A new statistics snapshot with the register's figures was stored.")
        default: nil
        }
    }

    func uploadForm(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageTeachers)
        return Layout.response(TeachersUploadView.render(county: county, issues: [], message: nil, PageContext(req)))
    }

    /// Imports the register (and optional coordinates) all or nothing; a valid file replaces the whole register.
    func upload(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageTeachers)
        struct Form: Content { var register: File?; var coordinates: File? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let ctx = PageContext(req)
        func refuse(_ issues: [ImportIssue], _ message: String, detail: String) async -> Response {
            await req.audit("teachers-upload-rejected", target: "county:\(county.code)/teachers", detail: detail)
            return Layout.response(TeachersUploadView.render(county: county, issues: issues, message: message, ctx), status: .unprocessableEntity)
        }
        guard let f = form.register, f.data.readableBytes > 0 else {
            return await refuse([], ctx.t("register：请选择教师名册文件。", "register: choose the register file."), detail: "no file")
        }
        let register = (name: String(f.filename.prefix(200)), bytes: Data(f.data.readableBytesView))
        let points = form.coordinates.flatMap { c in c.data.readableBytes > 0 ? (name: String(c.filename.prefix(200)), bytes: Data(c.data.readableBytesView)) : nil }
        if register.bytes.count + (points?.bytes.count ?? 0) > req.application.web.jobs.largeImportBytes {
            let payload = RegisterImportPayload(register: TeachersUploadedFile(name: register.name, bytes: register.bytes),
                                                coordinates: points.map { TeachersUploadedFile(name: $0.name, bytes: $0.bytes) })
            let job = try await JobQueue.enqueue(.teachersImport, payload: payload, county: county, message: "排队中 / queued", on: req)
            return req.redirect(to: "/jobs/\(try job.requireID())")
        }
        let key = TeachersStore.key(req.application)
        let result = try await req.application.threadPool.runIfActive { TeachersStore.validate(register: register, points: points, key: key) }
        switch result {
        case .failure(.invalid(let issues)):
            return await refuse(issues, ctx.t("上传的文件有 \(issues.problemTotal) 处错误，未保存任何数据。", "The upload has \(issues.problemTotal) problem(s); nothing was stored."),
                                detail: "\(register.name): \(issues.problemTotal) problem(s)")
        case .success(let (parsed, coordinates)):
            let p = try req.principal()
            try await TeachersStore.replace(parsed, points: points == nil ? nil : coordinates, fileName: register.name, countyID: try county.requireID(),
                                            by: p.username, on: req.db)
            await req.audit("teachers-upload", target: "county:\(county.code)/teachers",
                            detail: TeachersStore.uploadDetail(register, parsed: parsed, points: points, coordinates: coordinates))
            return req.redirect(to: "/counties/\(county.code)/teachers?done=imported")
        }
    }

    /// A new hire: the form's fields go through the register importer as a one-row file, so every check is the import's.
    func hire(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageTeachers)
        let countyID = try county.requireID()
        var fields: [String: String] = [:]
        for c in RegisterColumn.allCases {
            let v = ((try? req.content.get(String.self, at: c.rawValue)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            fields[c.rawValue] = String(v.prefix(200))
        }
        if fields[RegisterColumn.role.rawValue, default: ""].isEmpty { fields[RegisterColumn.role.rawValue] = TeacherRole.teacher.rawValue }
        var csv = CSVWriter()
        csv.append(RegisterColumn.allCases.map(\.rawValue))
        csv.append(RegisterColumn.allCases.map { fields[$0.rawValue] ?? "" })
        let ctx = PageContext(req)
        func refuse(_ text: String) async throws -> Response {
            await req.audit("teachers-change-refused", target: "county:\(county.code)/teachers", detail: "hire: \(AuditText.short(text, max: 200))")
            let model = try await TeachersRegisterModel.load(req, county: county, notice: text)
            return Layout.response(TeachersRegisterView.render(model, ctx), status: .unprocessableEntity)
        }
        let parsed: Result<TeacherRegister, ImportError>
        do { parsed = .success(try TeacherRegisterImporter.parse(data: Data(csv.text.utf8), file: "hire", key: TeachersStore.key(req.application))) } catch { parsed = .failure(error) }
        let t: TeacherRecord
        switch parsed {
        case .failure(let error):
            let text = error.issues(file: "hire").prefix(20).map { "\($0.column): \(String($0.value.prefix(40))) — \(ctx.t($0.expectedZH, $0.expectedEN))" }.joined(separator: "；")
            return try await refuse(ctx.t("新聘登记有误：", "The hire has problems: ") + text)
        case .success(let register):
            guard let one = register.teachers.first else { return try await refuse(ctx.t("没有教师", "no teacher")) }
            t = one
        }
        if try await TeacherRow.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$teacherID == t.teacherID).first() != nil {
            return try await refuse(ctx.t("teacher_id：教师编号 \(t.teacherID) 已在名册中", "teacher_id: \(t.teacherID) is already in the register"))
        }
        if try await TeacherRow.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$idHash == t.idNumber.hash).first() != nil {
            return try await refuse(ctx.t("id_number：身份证号 \(t.idNumber.masked) 已在名册中", "id_number: \(t.idNumber.masked) is already in the register"))
        }
        let username = try req.principal().username
        try await req.db.transaction { db in
            try await TeachersStore.row(t, countyID: countyID).create(on: db)
            try await TeachersStore.event(countyID: countyID, teacherID: t.teacherID, kind: .hire, to: t.schoolCode, day: t.schoolSince.description, by: username, on: db)
        }
        await req.audit("teachers-change", target: "county:\(county.code)/teachers/\(t.teacherID)", detail: "hire at \(t.schoolCode) \(t.section.rawValue) from \(t.schoolSince)")
        return req.redirect(to: "/counties/\(county.code)/teachers/t/\(t.teacherID)")
    }

    /// The statistician adopts the register's figures into a new statistics snapshot (the newest year's next version).
    func adopt(_ req: Request) async throws -> Response {
        let county = try await req.county(.uploadStatistics)
        let countyID = try county.requireID()
        let register = try await TeachersStore.register(countyID: countyID, on: req.db)
        guard !register.teachers.isEmpty, let stats = try await TeachersStore.statistics(countyID: countyID, on: req.db) else {
            await req.audit("teachers-adopt-refused", target: "county:\(county.code)/teachers", detail: "no register or no statistics")
            throw Abort(.unprocessableEntity, reason: "需要教师名册和统计数据 / needs a register and a statistics snapshot")
        }
        let bytes = Array(TemplateWriter.csv(TeacherFigures.adopt(register, into: stats.records)).utf8)
        let imported = try StatisticsImporter.importData(bytes)  // the same validation as an upload
        let userID = try req.principal().userID, year = stats.year
        let info = try await VersionAllocation.transaction(on: req.db) { db in
            try await SnapshotStore.insert(bytes, records: imported.records, fileName: "teachers-adopted-\(year).csv", countyID: countyID, year: year, by: userID, on: db)
        }
        req.application.lookups.history.invalidate(countyID)
        await req.audit("teachers-adopt", target: "county:\(county.code)/\(year)", detail: "version \(info.version) from the register (\(register.teachers.count) teachers), sha256 \(info.fileHash)")
        return req.redirect(to: "/counties/\(county.code)/teachers?done=adopted")
    }

    /// The teacher named by `:teacher` in the county, or 404 (audited).
    static func teacherRow(_ req: Request, county: Region, ability: Ability) async throws -> TeacherRow {
        let raw = try req.pathParameter("teacher")
        guard CodeRule.isValid(raw), let row = try await TeacherRow.query(on: req.db).filter(\.$county.$id == county.requireID()).filter(\.$teacherID == raw).first() else {
            throw await req.denial("county:\(county.code)/teachers/\(raw.prefix(40))", ability.rawValue, status: .notFound)
        }
        return row
    }

    static func detail(_ req: Request, county: Region, row: TeacherRow, error: String? = nil) async throws -> TeacherDetailModel {
        let countyID = try county.requireID()
        let school = try await School.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$code == row.schoolCode).first()
        let showNames = school.flatMap { s in s.id.map { req.may(.readTeacherNames, .school(id: $0, code: s.code, countyID: countyID, countyPath: county.path)) } }
            ?? req.may(.readTeacherNames, county.resource)
        let events = try await TeacherEvent.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$teacherID == row.teacherID)
            .sort(\.$recordedAt).range(..<500).all()
        var model = TeacherDetailModel(countyCode: county.code, countyName: county.name, teacher: TeacherLine(row, showName: showNames), events: events,
                                       names: try await TeachersStore.schoolNames(countyID: countyID, on: req.db),
                                       canManage: req.may(.manageTeachers, county.resource), error: error)
        try await model.loadTraining(countyID: countyID, on: req.db)
        return model
    }

    func teacher(_ req: Request) async throws -> Response {
        let county = try await req.county(.readTeachers)
        let row = try await Self.teacherRow(req, county: county, ability: .readTeachers)
        return Layout.response(TeacherDetailView.render(try await Self.detail(req, county: county, row: row), PageContext(req)))
    }

    /// One change of one teacher (transfer, retirement, certificate, title, backbone level, no-move, return), in one
    /// transaction with its event; refusals are audited and shown on the teacher's page.
    func change(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageTeachers)
        let row = try await Self.teacherRow(req, county: county, ability: .manageTeachers)
        let countyID = try county.requireID()
        struct Form: Content { var kind: String?; var to_school: String?; var section: String?; var value: String?; var day: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let target = "county:\(county.code)/teachers/\(row.teacherID)"
        func refuse(_ text: String) async throws -> Response {
            await req.audit("teachers-change-refused", target: target, detail: AuditText.short(text, max: 200))
            return Layout.response(TeacherDetailView.render(try await Self.detail(req, county: county, row: row, error: text), PageContext(req)), status: .unprocessableEntity)
        }
        guard row.active else { return try await refuse(req.t("该教师已退休或离开。", "The teacher has retired or left.")) }
        guard let kind = form.kind.flatMap(TeacherChangeKind.init(rawValue:)), ![TeacherChangeKind.imported, .hire, .rotation].contains(kind) else {
            return try await refuse(req.t("kind：未知变动", "kind: unknown change"))
        }
        let dayText = (form.day ?? "").trimmingCharacters(in: .whitespaces)
        guard let day = dayText.isEmpty ? TeachersText.today() : CalendarDay(text: dayText) else {
            return try await refuse(req.t("day：日期应为 YYYY-MM-DD", "day: the date must be YYYY-MM-DD"))
        }
        let value = (form.value ?? "").trimmingCharacters(in: .whitespaces)
        let username = try req.principal().username
        var field = "", old = "", new = "", from: String?, to: String?
        switch kind {
        case .transfer, .return:
            var dest = (form.to_school ?? "").trimmingCharacters(in: .whitespaces)
            if kind == .return {
                guard let last = try await TeacherEvent.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$teacherID == row.teacherID)
                    .filter(\.$kind == TeacherChangeKind.rotation.rawValue).sort(\.$recordedAt, .descending).first(),
                      last.toSchool == row.schoolCode, let back = last.fromSchool else {
                    return try await refuse(req.t("该教师当前不在交流岗位上。", "The teacher is not on a rotation post."))
                }
                dest = back
            }
            guard CodeRule.isValid(dest) else { return try await refuse(req.t("to_school：\(CodeRule.descriptionZH)", "to_school: \(CodeRule.descriptionEN)")) }
            guard dest != row.schoolCode else { return try await refuse(req.t("to_school：与现任教学校相同", "to_school: the teacher's own school")) }
            let known = try await School.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$code == dest).first() != nil
            let inRegister = try await TeacherRow.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$schoolCode == dest).first() != nil
            guard known || inRegister else { return try await refuse(req.t("to_school：本县没有学校 \(dest)", "to_school: no school \(dest) in the county")) }
            let sectionText = (form.section ?? "").trimmingCharacters(in: .whitespaces)
            guard sectionText.isEmpty || Section(label: sectionText) != nil else { return try await refuse(req.t("section：小学 或 初中", "section: 小学 or 初中")) }
            (from, to) = (row.schoolCode, dest)
            row.schoolCode = dest
            if let s = Section(label: sectionText) { row.section = s.rawValue }
            row.schoolSince = day.description
        case .retire:
            row.active = false
            (field, old, new) = ("active", "是", "否")
        case .certificate:
            guard let c = CertificateStage(label: value) else { return try await refuse(req.t("value：无、小学、初中或高中", "value: 无, 小学, 初中 or 高中")) }
            (field, old, new) = (RegisterColumn.certificate.rawValue, row.certificate, c.label)
            row.certificate = c.label
        case .title:
            guard let t = Title(label: value) else { return try await refuse(req.t("value：未定级、初级、中级、副高级或正高级", "value: 未定级, 初级, 中级, 副高级 or 正高级")) }
            (field, old, new) = (RegisterColumn.title.rawValue, row.title, t.label)
            row.title = t.label
        case .backbone:
            guard let b = BackboneLevel(label: value) else { return try await refuse(req.t("value：无、县级、市级或省级", "value: 无, 县级, 市级 or 省级")) }
            (field, old, new) = (RegisterColumn.backbone.rawValue, row.backbone, b.label)
            row.backbone = b.label
        case .noMove:
            guard ["是", "否"].contains(value) else { return try await refuse(req.t("value：是 或 否", "value: 是 or 否")) }
            (field, old, new) = (RegisterColumn.noMove.rawValue, row.noMove ? "是" : "否", value)
            row.noMove = value == "是"
        case .imported, .hire, .rotation:
            return try await refuse(req.t("kind：未知变动", "kind: unknown change"))
        }
        row.updatedAt = Date()
        let teacherID = row.teacherID
        let (f, o, n, a, b) = (field, old, new, from, to)
        try await req.db.transaction { db in
            try await row.save(on: db)
            try await TeachersStore.event(countyID: countyID, teacherID: teacherID, kind: kind, from: a, to: b, field: f, old: o, new: n,
                                          day: day.description, by: username, on: db)
        }
        await req.audit("teachers-change", target: target,
                        detail: "\(kind.rawValue) \(day)\(from.map { " \($0)" } ?? "")\(to.map { " → \($0)" } ?? "")\(field.isEmpty ? "" : " \(field) \(old) → \(new)")")
        return req.redirect(to: "/counties/\(county.code)/teachers/t/\(teacherID)")
    }

    /// One school's staff, read-only: names in full for its own principal and the office, masked for everyone else.
    func staff(_ req: Request) async throws -> Response {
        let code = try req.pathParameter("code"), schoolCode = try req.pathParameter("school")
        _ = try req.principal()
        guard let county = try await Region.query(on: req.db).filter(\.$code == code).filter(\.$level == .county).first(), let countyID = county.id,
              let school = try await School.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$code == schoolCode).first(), let schoolID = school.id else {
            throw await req.denial("county:\(code.prefix(40))/teachers/schools/\(schoolCode.prefix(40))", Ability.readSchoolStaff.rawValue, status: .notFound)
        }
        let resource = Resource.school(id: schoolID, code: school.code, countyID: countyID, countyPath: county.path)
        try await req.authorize(.readSchoolStaff, resource, target: "school:\(school.code)/staff")
        let showNames = req.may(.readTeacherNames, resource)
        let rows = try await TeacherRow.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$schoolCode == school.code)
            .filter(\.$active == true).sort(\.$teacherID).range(..<5_000).all()
        let model = SchoolStaffModel(countyCode: county.code, schoolCode: school.code, schoolName: school.name,
                                     teachers: rows.map { TeacherLine($0, showName: showNames) }, showNames: showNames,
                                     inOut: try await RotationHistoryModel.load(countyID: countyID, school: school.code, on: req.db).schools)
        return Layout.response(SchoolStaffView.render(model, PageContext(req)))
    }

    /// A teacher's own record (the account's 教师编号 at its school's county).
    func own(_ req: Request) async throws -> Response {
        try await req.authorize(.readOwnTeacherRecord, .none, target: "my/teacher")
        let p = try req.principal()
        guard let school = p.school, let teacherID = p.teacherID, let county = try await Region.find(school.countyID, on: req.db) else { throw Abort(.notFound) }
        let ctx = PageContext(req)
        guard let row = try await TeacherRow.query(on: req.db).filter(\.$county.$id == school.countyID).filter(\.$teacherID == teacherID).first() else {
            return Layout.response(Layout.page(ctx, title: ctx.t("我的教师档案", "My teacher record"),
                .group(.h1(.text(ctx.t("我的教师档案", "My teacher record"))),
                       .p(.id("own-none"), .text(ctx.t("教师名册中没有编号 \(teacherID)。", "The register has no teacher \(teacherID).")))))) 
        }
        let events = try await TeacherEvent.query(on: req.db).filter(\.$county.$id == school.countyID).filter(\.$teacherID == teacherID)
            .sort(\.$recordedAt).range(..<500).all()
        var model = TeacherDetailModel(countyCode: county.code, countyName: county.name, teacher: TeacherLine(row, showName: true), events: events,
                                       names: try await TeachersStore.schoolNames(countyID: school.countyID, on: req.db), canManage: false, error: nil, own: true)
        try await model.loadTraining(countyID: school.countyID, on: req.db)
        return Layout.response(TeacherDetailView.render(model, ctx))
    }

    func training(_ req: Request) async throws -> Response {
        let county = try await req.county(.readTeachers)
        var model = try await TrainingModel.load(req, county: county)
        if (try? req.query.get(String.self, at: "done")) == "imported" {
            let added = (try? req.query.get(Int.self, at: "added")).map { max(0, min($0, 10_000_000)) } ?? 0
            model.notice = req.t("培训记录已导入：新增 \(added) 条。", "Training records imported: \(added) new.")
        }
        return Layout.response(TrainingView.render(model, PageContext(req)))
    }

    /// Records one training of one serving teacher (audited; a refusal shows the page with the reason).
    func recordTraining(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageTeachers)
        let countyID = try county.requireID()
        struct Form: Content { var teacher_id: String?; var course: String?; var level: String?; var hours: String?; var day: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        func refuse(_ text: String) async throws -> Response {
            await req.audit("teachers-training-refused", target: "county:\(county.code)/teachers/training", detail: AuditText.short(text, max: 200))
            return Layout.response(TrainingView.render(try await TrainingModel.load(req, county: county, error: text), PageContext(req)), status: .unprocessableEntity)
        }
        let teacherID = (form.teacher_id ?? "").trimmingCharacters(in: .whitespaces)
        guard CodeRule.isValid(teacherID), let row = try await TeacherRow.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$teacherID == teacherID).first(), row.active else {
            return try await refuse(req.t("teacher_id：名册中没有在职教师 \(teacherID.prefix(32))", "teacher_id: no serving teacher \(teacherID.prefix(32)) in the register"))
        }
        let course = (form.course ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(course.count) else { return try await refuse(req.t("course：1–100 个字符", "course: 1–100 characters")) }
        guard let level = (form.level).flatMap(TrainingLevel.init(label:)) else { return try await refuse(req.t("level：未知级别", "level: unknown level")) }
        let hoursText = (form.hours ?? "").trimmingCharacters(in: .whitespaces)
        guard hoursText.utf8.count <= 8, let hours = Double(hoursText), hours.isFinite, hours > 0, hours <= 1_000 else {
            return try await refuse(req.t("hours：0–1000 的学时", "hours: 0–1,000 hours"))
        }
        guard let day = CalendarDay(text: (form.day ?? "").trimmingCharacters(in: .whitespaces)) else {
            return try await refuse(req.t("day：日期应为 YYYY-MM-DD", "day: the date must be YYYY-MM-DD"))
        }
        let t = TeacherTraining()
        t.$county.id = countyID
        t.teacherID = row.teacherID
        t.course = course
        t.level = level.rawValue
        t.hours = hours
        t.day = day.description
        let username = try req.principal().username
        t.recordedBy = username
        t.recordedAt = Date()
        let record = TrainingRecord(teacherID: row.teacherID, course: course, level: level, hours: hours, day: day)
        if try await TeacherTraining.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$recordKey == record.key).first() != nil {
            return try await refuse(req.t("该培训记录已登记。", "This training record is already recorded."))
        }
        t.recordKey = record.key
        try await t.create(on: req.db)
        let credited = try await TrainingStore.credit([record], countyID: countyID, institution: "\(county.name)教育局人事科", actor: "personnel:\(username)", on: req.db)
        await req.audit("teachers-training", target: "county:\(county.code)/teachers/\(row.teacherID)",
                        detail: "\(level.rawValue) \(Format.value(hours)) h on \(day): \(AuditText.short(course, max: 80))\(credited > 0 ? ", credited" : "")")
        return req.redirect(to: "/counties/\(county.code)/teachers/training")
    }

    func trainingUploadForm(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageTeachers)
        return Layout.response(TrainingUploadView.render(county: county, issues: [], message: nil, PageContext(req)))
    }

    /// Imports a training records file all or nothing (a large one in the job queue): every teacher must be serving in
    /// the register; records already stored are recognised and not counted again; new ones flow into the credit bank.
    func trainingUpload(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageTeachers)
        struct Form: Content { var training: File? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let ctx = PageContext(req)
        func refuse(_ issues: [ImportIssue], _ message: String, detail: String) async -> Response {
            await req.audit("teachers-training-import-rejected", target: "county:\(county.code)/teachers/training", detail: detail)
            return Layout.response(TrainingUploadView.render(county: county, issues: issues, message: message, ctx), status: .unprocessableEntity)
        }
        guard let f = form.training, f.data.readableBytes > 0 else {
            return await refuse([], ctx.t("training：请选择培训记录文件。", "training: choose the training records file."), detail: "no file")
        }
        let file = TeachersUploadedFile(name: String(f.filename.prefix(200)), bytes: Data(f.data.readableBytesView))
        if file.bytes.count > req.application.web.jobs.largeImportBytes {
            let job = try await JobQueue.enqueue(.teachersTrainingImport, payload: TrainingImportPayload(file: file), county: county, message: "排队中 / queued", on: req)
            return req.redirect(to: "/jobs/\(try job.requireID())")
        }
        let serving = try await TrainingStore.serving(countyID: county.requireID(), on: req.db)
        switch try await req.application.threadPool.runIfActive({ TrainingStore.validate(file, serving: serving) }) {
        case .failure(.invalid(let issues)):
            return await refuse(issues, ctx.t("上传的文件有 \(issues.problemTotal) 处错误，未保存任何数据。", "The upload has \(issues.problemTotal) problem(s); nothing was stored."),
                                detail: "\(file.name): \(issues.problemTotal) problem(s)")
        case .success(let records):
            let r = try await TrainingStore.accept(records, file: file, county: county, username: try req.principal().username, app: req.application, on: req.db)
            return req.redirect(to: "/counties/\(county.code)/teachers/training?done=imported&added=\(r.added)")
        }
    }

    func rotation(_ req: Request) async throws -> Response {
        let county = try await req.county(.readTeachers)
        return Layout.response(RotationOverviewView.render(try await RotationOverviewModel.load(req, county: county), PageContext(req)))
    }

    /// Queues a rotation plan; the job page follows the solve and links the plan.
    func propose(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageTeachers)
        // Text fields: a browser sends a blank number field as "", which is "no limit", not a malformed form.
        struct Form: Content { var year: String?; var max_out: String?; var distance: String?; var time_limit: String?; var pins: String?; var forbids: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        func blank(_ s: String?) -> String? { s.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : String($0.prefix(16)) } }
        var maxOut: Int?
        if let m = blank(form.max_out) {
            guard let v = Int(m) else { throw Abort(.unprocessableEntity, reason: "max_out: 应为整数 / must be a whole number") }
            maxOut = v
        }
        var limit: Double?
        if let t = blank(form.time_limit) {
            guard let v = Double(t) else { throw Abort(.unprocessableEntity, reason: "time_limit: 应为秒数 / must be seconds") }
            limit = v
        }
        let job = try await RotationInput.enqueue(county: county, year: blank(form.year).flatMap { Int($0) }, maxOut: maxOut, distance: form.distance,
                                                  timeLimit: limit, pins: form.pins, forbids: form.forbids, on: req)
        return req.redirect(to: "/jobs/\(try job.requireID())")
    }

    func plan(_ req: Request) async throws -> Response {
        let access = try await req.countyRecord(RotationPlanRecord.self, .readTeachers)
        let notice = (try? req.query.get(String.self, at: "done")).flatMap { k -> String? in
            k == "approved" ? req.t("方案已批准。", "The plan was approved.") : k == "executed" ? req.t("方案已执行，名册已更新。", "The plan was executed; the register changed.") : nil
        }
        return Layout.response(RotationPlanView.render(try await RotationPlanModel.load(req, access, notice: notice), PageContext(req)))
    }

    static func refusePlan(_ req: Request, _ access: RotationAccess, _ text: String) async throws -> Response {
        await req.audit("teachers-rotation-refused", target: access.target, detail: AuditText.short(text, max: 200))
        return Layout.response(RotationPlanView.render(try await RotationPlanModel.load(req, access, error: text), PageContext(req)), status: .unprocessableEntity)
    }

    /// Approves a draft whose check passed (one approved plan per county and year) and sets its effective day.
    func approve(_ req: Request) async throws -> Response {
        let access = try await req.countyRecord(RotationPlanRecord.self, .manageTeachers)
        let r = access.record
        struct Form: Content { var effective_day: String?; var term_years: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let termText = (form.term_years ?? "").trimmingCharacters(in: .whitespaces)
        guard termText.isEmpty || (termText.utf8.count <= 2 && Int(termText).map { (1...10).contains($0) } == true) else {
            return try await Self.refusePlan(req, access, req.t("term_years：1–10 年", "term_years: 1–10 years"))
        }
        guard r.stage == RotationStage.draft.rawValue else { return try await Self.refusePlan(req, access, req.t("只有草案可以批准。", "Only a draft can be approved.")) }
        guard r.checkPassed else { return try await Self.refusePlan(req, access, req.t("独立检验未通过的方案不能批准。", "A plan that failed the independent check cannot be approved.")) }
        let dayText = (form.effective_day ?? "").trimmingCharacters(in: .whitespaces)
        guard let day = dayText.isEmpty ? CalendarDay(text: r.effectiveDay) : CalendarDay(text: dayText) else {
            return try await Self.refusePlan(req, access, req.t("effective_day：日期应为 YYYY-MM-DD", "effective_day: the date must be YYYY-MM-DD"))
        }
        let other = try await RotationPlanRecord.query(on: req.db).filter(\.$county.$id == r.$county.id).filter(\.$year == r.year)
            .filter(\.$stage ~~ [RotationStage.approved.rawValue, RotationStage.executed.rawValue]).first()
        if other != nil { return try await Self.refusePlan(req, access, req.t("\(r.year) 年已有批准的方案。", "\(r.year) already has an approved plan.")) }
        r.stage = RotationStage.approved.rawValue
        r.effectiveDay = day.description
        r.termYears = Int(termText) ?? TeacherRules.builtIn.rotation.termYears
        r.approvedBy = try req.principal().username
        r.approvedAt = Date()
        try await r.save(on: req.db)
        await req.audit("teachers-rotation-approve", target: access.target,
                        detail: "county \(access.county.code), year \(r.year), \(r.exchanged) moves, effective \(day), term \(r.termYears ?? 0) years")
        return req.redirect(to: "/teacher-rotations/\(try r.requireID())?done=approved")
    }

    /// Executes an approved plan once its effective day has come: every move changes the register in one transaction
    /// (nothing when any moved teacher is no longer where the plan found them).
    func execute(_ req: Request) async throws -> Response {
        let access = try await req.countyRecord(RotationPlanRecord.self, .manageTeachers)
        let r = access.record
        guard r.stage == RotationStage.approved.rawValue else { return try await Self.refusePlan(req, access, req.t("只有已批准的方案可以执行。", "Only an approved plan can be executed.")) }
        guard let day = CalendarDay(text: r.effectiveDay), let today = TeachersText.today(), day <= today else {
            return try await Self.refusePlan(req, access, req.t("生效日期 \(r.effectiveDay) 未到。", "The effective day \(r.effectiveDay) has not come."))
        }
        let stored = try StoredRotation.decode(r.resultJSON)
        let countyID = try access.county.requireID(), planID = try r.requireID()
        // An empty IN list is a syntax error on PostgreSQL: a plan without moves reads no rows.
        let rows = stored.moves.isEmpty ? [] : try await TeacherRow.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$teacherID ~~ stored.moves.map(\.teacher_id)).all()
        let byID = Dictionary(rows.map { ($0.teacherID, $0) }, uniquingKeysWith: { a, _ in a })
        let stale = stored.moves.filter { m in byID[m.teacher_id].map { !$0.active || $0.schoolCode != m.from || $0.section != m.section } ?? true }
        if !stale.isEmpty {
            return try await Self.refusePlan(req, access, req.t("名册已变，以下教师不在方案所列学校：", "The register changed; these teachers are no longer where the plan found them: ")
                                             + stale.prefix(20).map(\.teacher_id).joined(separator: ", "))
        }
        let username = try req.principal().username
        try await req.db.transaction { db in
            for m in stored.moves {
                guard let row = byID[m.teacher_id] else { continue }
                row.schoolCode = m.to
                row.schoolSince = day.description
                row.updatedAt = Date()
                try await row.save(on: db)
                try await TeachersStore.event(countyID: countyID, teacherID: m.teacher_id, kind: .rotation, from: m.from, to: m.to, day: day.description,
                                              planID: planID, by: username, on: db)
            }
            r.stage = RotationStage.executed.rawValue
            r.executedBy = username
            r.executedAt = Date()
            try await r.save(on: db)
        }
        await req.audit("teachers-rotation-execute", target: access.target, detail: "county \(access.county.code), year \(r.year), \(stored.moves.count) moves on \(day)")
        return req.redirect(to: "/teacher-rotations/\(planID)?done=executed")
    }

    /// Solves a draft's year and limits again with the office's pins and forbids.
    func resolve(_ req: Request) async throws -> Response {
        let access = try await req.countyRecord(RotationPlanRecord.self, .manageTeachers)
        let r = access.record
        struct Form: Content { var pins: String?; var forbids: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let job = try await RotationInput.enqueue(county: access.county, year: r.year, maxOut: r.maxOut, distance: r.maxDistanceKm.map { String($0) },
                                                  timeLimit: nil, pins: form.pins, forbids: form.forbids, on: req)
        return req.redirect(to: "/jobs/\(try job.requireID())")
    }
}

/// The teachers API: the register (names masked as the policy says), the `teachers derive` figures, rotation plans.
struct TeachersAPIController {
    /// `GET /api/v1/counties/{code}/teachers` → `{"teachers": [{teacher_id, name, id_number (masked), school_code, …, active}]}`.
    func teachers(_ req: Request) async throws -> Response {
        let county = try await req.county(.readTeachers)
        let showNames = req.may(.readTeacherNames, county.resource)
        struct Row: Encodable {
            var teacher_id: String; var name: String; var id_number: String; var school_code: String; var section: String; var subjects: [String]
            var degree: String; var title: String; var backbone: String; var certificate: String; var tenured: Bool; var school_since: String
            var training_hours_cycle: Double?; var no_move: Bool; var role: String; var active: Bool
        }
        let rows = try await TeachersStore.rows(countyID: try county.requireID(), on: req.db).map { r in
            Row(teacher_id: r.teacherID, name: showNames ? r.name : TeachersText.maskedName(r.name), id_number: r.idMasked, school_code: r.schoolCode,
                section: r.section, subjects: r.subjects.split(separator: "、").map(String.init), degree: r.degree, title: r.title, backbone: r.backbone,
                certificate: r.certificate, tenured: r.tenured, school_since: r.schoolSince, training_hours_cycle: r.trainingHours, no_move: r.noMove,
                role: r.role, active: r.active)
        }
        return try APIController().json(["teachers": rows])
    }

    /// `GET /api/v1/counties/{code}/teachers/figures` → the `junheng teachers derive` JSON against the newest snapshot.
    func figures(_ req: Request) async throws -> Response {
        let county = try await req.county(.readTeachers)
        let countyID = try county.requireID()
        let register = try await TeachersStore.register(countyID: countyID, on: req.db)
        let records = try await TeachersStore.statistics(countyID: countyID, on: req.db)?.records ?? []
        let training = try await TeachersStore.trainingHours(countyID: countyID, on: req.db)
        let bytes = try await req.application.threadPool.runIfActive {
            TeacherFiguresReport(comparison: TeacherFigures.compare(register, with: records, training: training)).json()
        }
        return SeatsAPIController.raw(bytes)
    }

    /// `POST /api/v1/counties/{code}/teachers/rotation` with `{"year", "max_out"?, "distance"?, "time_limit"?, "pins"?, "forbids"?}` → 202 `{"job", "url"}`.
    func propose(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageTeachers)
        struct Body: Decodable { var year: Int; var max_out: Int?; var distance: Double?; var time_limit: Double?; var pins: [String]?; var forbids: [String]? }
        let body: Body = try SurveyInput.decode(req)
        guard (body.pins?.count ?? 0) <= RotationInput.maximumPins, (body.forbids?.count ?? 0) <= RotationInput.maximumPins else {
            throw Abort(.unprocessableEntity, reason: "pins/forbids: 最多 \(RotationInput.maximumPins) 个 / at most \(RotationInput.maximumPins)")
        }
        let job = try await RotationInput.enqueue(county: county, year: body.year, maxOut: body.max_out, distance: body.distance.map { String($0) },
                                                  timeLimit: body.time_limit, pins: body.pins?.joined(separator: "\n"), forbids: body.forbids?.joined(separator: "\n"), on: req)
        let id = try job.requireID()
        return try APIController().json(["job": id.uuidString, "url": "/api/v1/jobs/\(id)"], status: .accepted)
    }

    /// `GET /api/v1/teacher-rotations/{id}` → the plan in the `junheng teachers rotation` JSON; header X-Junheng-Stage gives its stage.
    func plan(_ req: Request) async throws -> Response {
        let access = try await req.countyRecord(RotationPlanRecord.self, .readTeachers)
        return SeatsAPIController.staged(access.record.resultJSON, stage: access.record.stage)
    }
}
