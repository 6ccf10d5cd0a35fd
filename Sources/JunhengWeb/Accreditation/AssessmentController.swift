import Accreditation
import Crypto
import Fluent
import Foundation
import JunhengImport
import JunhengReports
import Vapor

/// Adds the 督导评估 pages: the county's dashboard, upload, evidence, report, workbook, submission, review chain, 整改 tasks.
func assessmentRoutes(pages: any RoutesBuilder, forms: any RoutesBuilder, uploads: any RoutesBuilder) {
    let c = AssessmentController()
    pages.get("counties", ":code", "assessment", use: c.latest).requires(.viewAssessment)
    let base: [PathComponent] = ["counties", ":code", "years", ":year", "assessment"]
    pages.get(base, use: c.dashboard).requires(.viewAssessment)
    pages.get(base + ["upload"], use: c.uploadForm).requires(.editAssessment)
    uploads.on(.POST, base + ["upload"], body: .collect(maxSize: Limits.uploadBody), use: c.upload).requires(.editAssessment)
    uploads.on(.POST, base + ["evidence"], body: .collect(maxSize: "21mb"), use: c.addEvidence).requires(.editAssessment)
    pages.get(base + ["evidence", ":id"], use: c.evidence).requires(.viewAssessment)
    pages.get(base + ["report"], use: c.report).requires(.viewAssessment)
    forms.post(base + ["report.pdf"], use: c.pdf).requires(.viewAssessment)
    pages.get(base + ["application.xlsx"], use: c.workbook).requires(.viewAssessment)
    pages.get(base + ["package.xlsx"], use: c.package).requires(.viewAssessment)
    forms.post(base + ["submit"], use: c.submit).requires(.submitAssessment)
    pages.get(base + ["versions", ":n"], use: c.version).requires(.viewAssessment)
    forms.post(base + ["verdicts"], use: c.verdict).requires(.reviewAssessment)
    forms.post(base + ["return"], use: c.returnSubmission).requires(.reviewAssessment)
    forms.post(base + ["pass"], use: c.passOn).requires(.reviewAssessment)
    pages.get(base + ["tasks"], use: c.tasks).requires(.viewAssessment)
    forms.post(base + ["tasks", ":task"], use: c.updateTask).requires(.editAssessment)
    pages.get("reviews", use: c.queue).requires(.reviewAssessment)
    pages.get("assessments", use: c.overview).requires(.viewAssessmentOverview)
}

extension Request {
    /// The county and application year of an assessment route, if the policy allows `ability`.
    func assessmentCounty(_ ability: Ability) async throws -> (Region, Int) {
        let county = try await county(ability)
        guard let year = parameters.get("year", as: Int.self), (2000...2100).contains(year) else {
            throw Abort(.badRequest, reason: "申报年份应为 2000–2100 的整数 / the year must be a number 2000–2100")
        }
        return (county, year)
    }

    /// The acting user and their level in the review chain (county for statisticians, city or province for reviewers).
    func assessmentActor(reviewing: Bool) throws -> AssessmentStore.Actor {
        let p = try principal()
        let level: ReviewLevel = reviewing ? (Policy.reviewLevel(p) ?? .county) : .county
        return .init(username: p.username, userID: p.userID, level: level)
    }

    /// Runs an assessment change; an out-of-order or invalid step is audited and answered 409 / 422.
    func assessmentChange<T: Sendable>(_ action: String, county: Region, year: Int,
                                       _ body: @Sendable (inout AssessmentStore.State) async throws -> T) async throws -> T {
        do {
            return try await AssessmentStore.change(county, year: year, app: application, on: db, body)
        } catch let r as AssessmentRefusal {
            await audit("assessment-refused", target: AssessmentStore.target(county, year), detail: "\(action): \(r.description)")
            throw Abort(r.status, reason: r.description)
        }
    }
}

/// The statistician's and reviewers' assessment pages.
struct AssessmentController {
    func latest(_ req: Request) async throws -> Response {
        let county = try await req.county(.viewAssessment)
        let year = try await AssessmentStore.years(countyID: county.requireID(), on: req.db).first ?? DemoSeeder.years.last ?? 2025
        return req.redirect(to: "/counties/\(county.code)/years/\(year)/assessment")
    }

    func dashboard(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.viewAssessment)
        let model = try await AssessmentDashboardModel.load(req, county: county, year: year)
        return Layout.response(AssessmentDashboardView.render(model, PageContext(req)))
    }

    func uploadForm(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.editAssessment)
        return Layout.response(AssessmentUploadView.render(county: county, year: year, issues: [], message: nil, PageContext(req)))
    }

    func upload(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.editAssessment)
        struct Form: Content { var workbook: File?; var files: [File]? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let files = ([form.workbook].compactMap { $0 } + (form.files ?? [])).filter { $0.data.readableBytes > 0 }
            .map { AssessmentStore.UploadedFile(name: $0.filename, bytes: [UInt8]($0.data.readableBytesView)) }
        let ctx = PageContext(req)
        // A submitted version is frozen: refuse before reading the files.
        try await AssessmentStore.refuseIfFrozen(req, county: county, year: year)
        if files.reduce(0, { $0 + $1.bytes.count }) > req.application.web.jobs.largeImportBytes {
            let payload = AssessmentImportPayload(year: year, files: files.map { .init(name: $0.name, bytes: Data($0.bytes)) })
            let job = try await JobQueue.enqueue(.assessmentImport, payload: payload, county: county, message: "排队中 / queued", on: req)
            return req.redirect(to: "/jobs/\(try job.requireID())")
        }
        let result = AssessmentStore.importUpload(files)
        switch result {
        case .success(let imported):
            let source = files.map { "\($0.name) sha256 \(SHA256.hex($0.bytes))" }.joined(separator: ", ")
            let actor = try req.assessmentActor(reviewing: false)
            let app = req.application, db = req.db
            let sha = try await req.assessmentChangeGuarded("upload", county: county, year: year) {
                try await AssessmentStore.setPackage(imported.input, source: source, county: county, year: year, by: actor, app: app, on: db)
            }
            await req.audit("assessment-upload", target: AssessmentStore.target(county, year),
                            detail: "package sha256 \(sha), \(imported.input.schoolRows.count) schools; \(source)")
            return req.redirect(to: "/counties/\(county.code)/years/\(year)/assessment?uploaded=1")
        case .failure(let error):
            let issues = AssessmentStore.issues(error)
            await req.audit("assessment-upload-rejected", target: AssessmentStore.target(county, year), detail: "\(issues.count) problem(s)")
            let message = ctx.t("上传的文件有 \(issues.count) 处错误，未保存任何数据。", "The upload has \(issues.count) problem(s); nothing was stored.")
            return Layout.response(AssessmentUploadView.render(county: county, year: year, issues: issues, message: message, ctx),
                                   status: .unprocessableEntity)
        }
    }

    func addEvidence(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.editAssessment)
        struct Form: Content { var item: String?; var file: File? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let target = AssessmentStore.target(county, year)
        func refuse(_ status: HTTPResponseStatus, _ zh: String, _ en: String) async -> Abort {
            await req.audit("evidence-rejected", target: target, detail: en)
            return Abort(status, reason: "\(zh) / \(en)")
        }
        guard let key = form.item, let item = AssessmentItems.item(key) else {
            throw await refuse(.unprocessableEntity, "请选择佐证材料所属的指标", "choose the item the evidence belongs to")
        }
        guard let file = form.file, file.data.readableBytes > 0 else { throw await refuse(.unprocessableEntity, "请选择文件", "choose a file") }
        let limit = req.application.web.evidenceMaxBytes
        guard file.data.readableBytes <= limit else {
            throw await refuse(.payloadTooLarge, "文件超过 \(limit >> 20) MB", "file larger than \(limit >> 20) MB (\(file.data.readableBytes) bytes)")
        }
        let bytes = [UInt8](file.data.readableBytesView)
        let name = AssessmentStore.safeName(file.filename)
        guard let type = EvidenceType.sniff(bytes, name: name) else {
            throw await refuse(.unsupportedMediaType, "只接受 PDF、PNG、JPEG、DOCX、XLSX、DOC、XLS 文件（按文件内容判断）",
                               "only PDF, PNG, JPEG, DOCX, XLSX, DOC and XLS files are accepted (judged by content): \(name)")
        }
        let sha = SHA256.hex(bytes)
        let actor = try req.assessmentActor(reviewing: false)
        let countyID = try county.requireID(), dir = req.application.evidenceDirectory, db = req.db
        try await req.assessmentChange("evidence", county: county, year: year) { state in
            var payload = state.chain.draft ?? AssessmentPayload()
            // Refused after submission before any file is written.
            guard state.chain.stage.countyMayEdit else { throw ReviewError.notAllowed(action: .edit, level: .county, stage: state.chain.stage) }
            try EvidenceStorage.write(bytes, dir: dir, county: county.code, sha256: sha)
            let row = AssessmentEvidence(countyID: countyID, year: year, itemKey: item.key, fileName: name, fileType: type.rawValue,
                                         size: bytes.count, sha256: sha, by: actor.userID)
            try await row.create(on: db)
            payload.evidence.append(EvidenceRef(id: try row.requireID(), item: item.key, name: name, sha256: sha, bytes: bytes.count, type: type.rawValue))
            try state.chain.edit(payload, level: .county, actor: actor.username, at: AssessmentStore.now)
        }
        await req.audit("evidence-upload", target: target, detail: "\(item.key) \(name), \(type.rawValue), \(bytes.count) bytes, sha256 \(sha)")
        return req.redirect(to: "/counties/\(county.code)/years/\(year)/assessment?evidence=1#evidence")
    }

    func evidence(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.viewAssessment)
        guard let id = req.parameters.get("id", as: UUID.self),
              let row = try await AssessmentEvidence.query(on: req.db).filter(\.$id == id).filter(\.$county.$id == county.requireID())
                .filter(\.$year == year).first() else { throw Abort(.notFound) }
        guard let data = EvidenceStorage.read(dir: req.application.evidenceDirectory, county: county.code, sha256: row.sha256) else {
            throw Abort(.gone, reason: "佐证文件已不在存储目录中或已被改动 / the stored file is missing or altered")
        }
        await req.audit("evidence-download", target: AssessmentStore.target(county, year), detail: "\(row.itemKey) \(row.fileName) sha256 \(row.sha256)")
        let type = EvidenceType(rawValue: row.fileType)?.mime ?? "application/octet-stream"
        return download(data, type: type, name: "\(row.itemKey)-\(row.sha256.prefix(12)).\(EvidenceType(rawValue: row.fileType)?.extensions.first ?? "bin")")
    }

    /// The working copy's assessment, or 404 when no package was uploaded yet.
    private func working(_ req: Request, _ county: Region, _ year: Int) async throws -> AssessmentStore.Loaded {
        guard let state = try await AssessmentStore.load(countyID: county.requireID(), year: year, on: req.db),
              let sha = state.chain.draft?.package,
              let loaded = try await AssessmentStore.loaded(sha, countyID: county.requireID(), year: year, app: req.application, on: req.db) else {
            // 409, not 404: the county exists and may be read; its application just has no data yet.
            throw Abort(.conflict, reason: "\(county.name) \(year) 尚未上传评估数据 / no assessment package uploaded yet")
        }
        return loaded
    }

    func report(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.viewAssessment)
        let loaded = try await working(req, county, year)
        return Layout.response(AssessmentReportView.render(county: county, year: year, loaded, PageContext(req)))
    }

    func pdf(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.viewAssessment)
        guard req.application.web.chromiumPath != nil else {
            throw Abort(.serviceUnavailable, reason: "此服务器未安装 Chromium，无法生成 PDF；请使用打印报告页面 / PDF needs Chromium on the server")
        }
        let loaded = try await working(req, county, year)
        let html = AssessmentReportView.render(county: county, year: year, loaded, PageContext(req, forms: false))
        let job = try await JobQueue.enqueue(.reportPDF, payload: ReportPDFPayload(
            html: html, fileName: "junheng-\(county.code)-\(year)-self-assessment.pdf", target: AssessmentStore.target(county, year),
            detail: "自评报告 pdf"), county: county, message: "排队中 / queued", on: req)
        return req.redirect(to: "/jobs/\(try job.requireID())")
    }

    func workbook(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.viewAssessment)
        let loaded = try await working(req, county, year)
        let data = try ApplicationWorkbook(language: req.lang == .zh ? .zh : .en).data(loaded.assessment, input: loaded.input)
        await req.audit("export", target: AssessmentStore.target(county, year), detail: "申报表 xlsx")
        return download(data, type: EvidenceType.xlsx.mime, name: "junheng-\(county.code)-\(year)-application.xlsx")
    }

    func package(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.viewAssessment)
        let loaded = try await working(req, county, year)
        await req.audit("export", target: AssessmentStore.target(county, year), detail: "assessment package xlsx")
        return download(try AssessmentPackageWriter.xlsx(loaded.input), type: EvidenceType.xlsx.mime, name: "junheng-\(county.code)-\(year)-package.xlsx")
    }

    func submit(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.submitAssessment)
        struct Form: Content { var comment: String? }
        let comment = String(((try? req.content.decode(Form.self))?.comment ?? "").prefix(Limits.textField))
        let actor = try req.assessmentActor(reviewing: false)
        let number = try await AssessmentSubmission.submit(county: county, year: year, comment: comment, actor: actor, req: req)
        return req.redirect(to: "/counties/\(county.code)/years/\(year)/assessment/versions/\(number)?submitted=1")
    }

    func version(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.viewAssessment)
        guard let n = req.parameters.get("n", as: Int.self),
              let state = try await AssessmentStore.load(countyID: county.requireID(), year: year, on: req.db),
              n >= 1, n <= state.chain.versions.count else { throw Abort(.notFound) }
        let model = try await AssessmentVersionModel.load(req, county: county, year: year, state: state, number: n)
        return Layout.response(AssessmentVersionView.render(model, PageContext(req)))
    }

    func verdict(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.reviewAssessment)
        struct Form: Content { var item: String?; var school: String?; var verdict: String?; var comment: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        guard let key = form.item, AssessmentItems.item(key) != nil, let verdict = form.verdict, verdict == "pass" || verdict == "fail" else {
            throw Abort(.unprocessableEntity, reason: "请选择指标和结论 / choose an item and a verdict")
        }
        let school = form.school.map { String($0.prefix(40)) }.flatMap { $0.isEmpty ? nil : $0 }
        let comment = form.comment ?? ""
        let actor = try req.assessmentActor(reviewing: true)
        let number = try await req.assessmentChange("verdict", county: county, year: year) { state in
            try state.chain.review(ItemReview(key: key, schoolCode: school, passed: verdict == "pass", comment: comment,
                                              level: actor.level, reviewer: actor.username), at: AssessmentStore.now)
            return state.chain.versions.count
        }
        await req.audit("assessment-verdict", target: AssessmentStore.target(county, year),
                        detail: "v\(number) \(actor.level.rawValue) \(key)\(school.map { "@" + $0 } ?? ""): \(verdict) \(comment.prefix(200))")
        return req.redirect(to: "/counties/\(county.code)/years/\(year)/assessment/versions/\(number)#verdicts")
    }

    func returnSubmission(_ req: Request) async throws -> Response {
        try await decide(req, "return")
    }

    func passOn(_ req: Request) async throws -> Response {
        try await decide(req, "pass_on")
    }

    private func decide(_ req: Request, _ action: String) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.reviewAssessment)
        struct Form: Content { var comment: String? }
        let comment = (try? req.content.decode(Form.self))?.comment ?? ""
        let actor = try req.assessmentActor(reviewing: true)
        let (number, stage) = try await AssessmentSubmission.decide(action, county: county, year: year, comment: comment, actor: actor, req: req)
        return req.redirect(to: "/counties/\(county.code)/years/\(year)/assessment/versions/\(number)?\(action)=\(stage.rawValue)")
    }

    func tasks(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.viewAssessment)
        let state = try await AssessmentStore.load(countyID: county.requireID(), year: year, on: req.db)
        let plans = try await AssessmentTaskEdit.plans(county: county, on: req.db)
        return Layout.response(AssessmentTasksView.render(county: county, year: year, book: state?.book ?? TaskBook(), plans: plans,
                                                          mayEdit: req.may(.editAssessment, county.resource), PageContext(req)))
    }

    func updateTask(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.editAssessment)
        try await AssessmentTaskEdit.update(req, county: county, year: year)
        return req.redirect(to: "/counties/\(county.code)/years/\(year)/assessment/tasks?saved=1")
    }

    func queue(_ req: Request) async throws -> Response {
        try await req.authorize(.reviewAssessment, .none, target: "reviews")
        let p = try req.principal()
        let rows = try await AssessmentOverview.rows(req).filter { row in
            row.stage.actor == Policy.reviewLevel(p)
        }
        return Layout.response(AssessmentOverviewView.render(rows, queue: true, PageContext(req)))
    }

    func overview(_ req: Request) async throws -> Response {
        try await req.authorize(.viewAssessmentOverview, .none, target: "assessments")
        return Layout.response(AssessmentOverviewView.render(try await AssessmentOverview.rows(req), queue: false, PageContext(req)))
    }

    func download(_ data: Data, type: String, name: String) -> Response { CountyController().download(data, type: type, name: name) }
}

extension Request {
    /// Like `assessmentChange`, for a body that opens its own change (`AssessmentStore.setPackage`).
    func assessmentChangeGuarded<T: Sendable>(_ action: String, county: Region, year: Int, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let r as AssessmentRefusal {
            await audit("assessment-refused", target: AssessmentStore.target(county, year), detail: "\(action): \(r.description)")
            throw Abort(r.status, reason: r.description)
        }
    }
}

/// Submission and the reviewers' decisions, shared by the pages and the API.
enum AssessmentSubmission {
    /// Freezes the working copy as the next version, updates the 整改 tasks from its data, audits; returns the version number.
    static func submit(county: Region, year: Int, comment: String, actor: AssessmentStore.Actor, req: Request) async throws -> Int {
        let countyID = try county.requireID(), app = req.application, db = req.db
        let (number, opened, closed) = try await req.assessmentChange("submit", county: county, year: year) { state -> (Int, Int, Int) in
            guard let sha = state.chain.draft?.package else { throw ReviewError.noDraft }
            try state.chain.submit(level: .county, actor: actor.username, comment: comment, at: AssessmentStore.now)
            let n = state.chain.versions.count
            if let loaded = try await AssessmentStore.loaded(sha, countyID: countyID, year: year, app: app, on: db) {
                let before = state.book.tasks
                AssessmentStore.updateTasks(&state.book, with: loaded.assessment, version: n, actor: actor.username)
                let opened = state.book.tasks.count - before.count
                let closed = state.book.tasks.filter { $0.closedInVersion == n }.count
                return (n, opened, closed)
            }
            return (n, 0, 0)
        }
        let sha = try await AssessmentStore.load(countyID: countyID, year: year, on: db)?.chain.current?.payload.package ?? "-"
        await req.audit("assessment-submit", target: AssessmentStore.target(county, year),
                        detail: "v\(number) package sha256 \(sha) → submitted_to_city; 整改 \(opened) opened, \(closed) closed. \(comment.prefix(200))")
        return number
    }

    /// Returns or passes on the version under review; audits; returns the version and the new stage.
    static func decide(_ action: String, county: Region, year: Int, comment: String, actor: AssessmentStore.Actor,
                       req: Request) async throws -> (Int, ReviewStage) {
        let result = try await req.assessmentChange(action, county: county, year: year) { state -> (Int, ReviewStage) in
            if action == "return" {
                try state.chain.returnSubmission(level: actor.level, actor: actor.username, comment: comment, at: AssessmentStore.now)
            } else {
                try state.chain.passOn(level: actor.level, actor: actor.username, comment: comment, at: AssessmentStore.now)
            }
            return (state.chain.versions.count, state.chain.stage)
        }
        await req.audit(action == "return" ? "assessment-return" : "assessment-pass", target: AssessmentStore.target(county, year),
                        detail: "v\(result.0) \(actor.level.rawValue) → \(result.1.rawValue). \(comment.prefix(500))")
        return result
    }
}
