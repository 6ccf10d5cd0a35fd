import Accreditation
import Crypto
import Fluent
import Foundation
import JunhengImport
import JunhengReports
import Vapor

/// The assessment API: read an application, upload its package, submit, and the reviewers' verdicts, return and pass on.
func assessmentAPIRoutes(_ authed: any RoutesBuilder) {
    let c = AssessmentAPIController()
    let base: [PathComponent] = ["counties", ":code", "years", ":year", "assessment"]
    authed.get(base, use: c.show).requires(.viewAssessment)
    authed.on(.POST, base + ["package"], body: .collect(maxSize: Limits.uploadBody), use: c.upload).requires(.editAssessment)
    authed.post(base + ["submit"], use: c.submit).requires(.submitAssessment)
    authed.post(base + ["verdicts"], use: c.verdict).requires(.reviewAssessment)
    authed.post(base + ["return"], use: c.returnSubmission).requires(.reviewAssessment)
    authed.post(base + ["pass"], use: c.passOn).requires(.reviewAssessment)
    authed.get("reviews", use: c.queue).requires(.reviewAssessment)
}

/// One submitted version in the API.
struct VersionSummary: Codable {
    var number: Int; var submitted_at: Int64; var submitted_by: String; var package_sha256: String?
    var evidence: [EvidenceRef]; var verdicts: [ItemReview]
}

/// An application in the API: stage, versions, history, tasks and the working copy's assessment.
struct AssessmentSummary: Codable {
    var county: String; var year: Int; var stage: String; var package_sha256: String?
    var versions: [VersionSummary]; var history: [ReviewEvent]; var tasks: [RectificationTask]
}

/// One row of the review queue.
struct QueueEntry: Codable { var county: String; var name: String; var year: Int; var stage: String; var versions: Int }

struct AssessmentAPIController {
    func show(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.viewAssessment)
        let countyID = try county.requireID()
        let state = try await AssessmentStore.load(countyID: countyID, year: year, on: req.db)
        let chain = state?.chain ?? AssessmentStore.Chain()
        let summary = AssessmentSummary(
            county: county.code, year: year, stage: chain.stage.rawValue, package_sha256: chain.draft?.package,
            versions: chain.versions.map { VersionSummary(number: $0.number, submitted_at: $0.submittedAt, submitted_by: $0.submittedBy,
                                                          package_sha256: $0.payload.package, evidence: $0.payload.evidence, verdicts: $0.reviews) },
            history: chain.history, tasks: state?.book.tasks ?? [])
        var object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(summary)) as? [String: Any] ?? [:]
        if let sha = chain.draft?.package, let loaded = try await AssessmentStore.loaded(sha, countyID: countyID, year: year, app: req.application, on: req.db) {
            object["assessment"] = try JSONSerialization.jsonObject(with: Data(AssessmentJSON.render(loaded.assessment, language: req.lang == .zh ? .zh : .en)))
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])))
    }

    func upload(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.editAssessment)
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "请求体应为评估数据包 XLSX 工作簿 / send the package workbook (.xlsx) as the request body")
        }
        let file = AssessmentStore.UploadedFile(name: "package.xlsx", bytes: [UInt8](body.readableBytesView))
        try await AssessmentStore.refuseIfFrozen(req, county: county, year: year)
        if file.bytes.count > req.application.web.jobs.largeImportBytes {
            let job = try await JobQueue.enqueue(.assessmentImport, payload: AssessmentImportPayload(year: year, files: [.init(name: file.name, bytes: Data(file.bytes))]),
                                                 county: county, message: "排队中 / queued", on: req)
            let id = try job.requireID()
            let response = try APIController().json(["job": id.uuidString, "status": "queued"], status: .accepted)
            response.headers.replaceOrAdd(name: .location, value: "/api/v1/jobs/\(id)")
            return response
        }
        switch AssessmentStore.importUpload([file]) {
        case .success(let imported):
            let source = "api sha256 \(SHA256.hex(file.bytes))"
            let actor = try req.assessmentActor(reviewing: false)
            let app = req.application, db = req.db
            let sha = try await req.assessmentChangeGuarded("upload", county: county, year: year) {
                try await AssessmentStore.setPackage(imported.input, source: source, county: county, year: year, by: actor, app: app, on: db)
            }
            await req.audit("assessment-upload", target: AssessmentStore.target(county, year), detail: "package sha256 \(sha); \(source)")
            return try APIController().json(["package_sha256": sha, "stage": "draft"], status: .created)
        case .failure(let error):
            let issues = AssessmentStore.issues(error)
            await req.audit("assessment-upload-rejected", target: AssessmentStore.target(county, year), detail: "\(issues.count) problem(s)")
            return try APIController().json(ValidationFailure(error: 422, reason: "数据包有 \(issues.count) 处错误，未保存任何数据 / \(issues.count) problem(s); nothing was stored",
                                                              errors: issues.prefix(500).map(LocatedError.init)), status: .unprocessableEntity)
        }
    }

    struct CommentBody: Content { var comment: String? }

    func submit(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.submitAssessment)
        let comment = String(((try? req.content.decode(CommentBody.self))?.comment ?? "").prefix(Limits.textField))
        let n = try await AssessmentSubmission.submit(county: county, year: year, comment: comment, actor: try req.assessmentActor(reviewing: false), req: req)
        return try APIController().json(["version": String(n), "stage": ReviewStage.submittedToCity.rawValue], status: .created)
    }

    func verdict(_ req: Request) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.reviewAssessment)
        struct Body: Content { var item: String; var school_code: String?; var verdict: String; var comment: String? }
        guard let body = try? req.content.decode(Body.self), AssessmentItems.item(body.item) != nil, body.verdict == "pass" || body.verdict == "fail" else {
            throw Abort(.unprocessableEntity, reason: "请求体应为 {\"item\", \"verdict\": \"pass\"|\"fail\", \"comment\", \"school_code\"} / malformed body")
        }
        let actor = try req.assessmentActor(reviewing: true)
        let school = body.school_code.map { String($0.prefix(40)) }.flatMap { $0.isEmpty ? nil : $0 }
        let comment = body.comment ?? ""
        let n = try await req.assessmentChange("verdict", county: county, year: year) { state in
            try state.chain.review(ItemReview(key: body.item, schoolCode: school, passed: body.verdict == "pass", comment: comment,
                                              level: actor.level, reviewer: actor.username), at: AssessmentStore.now)
            return state.chain.versions.count
        }
        await req.audit("assessment-verdict", target: AssessmentStore.target(county, year),
                        detail: "v\(n) \(actor.level.rawValue) \(body.item)\(school.map { "@" + $0 } ?? ""): \(body.verdict) \(comment.prefix(200))")
        return try APIController().json(["version": String(n)], status: .created)
    }

    func returnSubmission(_ req: Request) async throws -> Response { try await decide(req, "return") }
    func passOn(_ req: Request) async throws -> Response { try await decide(req, "pass_on") }

    private func decide(_ req: Request, _ action: String) async throws -> Response {
        let (county, year) = try await req.assessmentCounty(.reviewAssessment)
        let comment = (try? req.content.decode(CommentBody.self))?.comment ?? ""
        let (n, stage) = try await AssessmentSubmission.decide(action, county: county, year: year, comment: comment,
                                                                actor: try req.assessmentActor(reviewing: true), req: req)
        return try APIController().json(["version": String(n), "stage": stage.rawValue])
    }

    func queue(_ req: Request) async throws -> Response {
        try await req.authorize(.reviewAssessment, .none, target: "reviews")
        let level = Policy.reviewLevel(try req.principal())
        let rows = try await AssessmentOverview.rows(req).filter { $0.stage.actor == level }
        return try APIController().json(rows.map { QueueEntry(county: $0.county.code, name: $0.county.name, year: $0.year, stage: $0.stage.rawValue, versions: $0.versions) })
    }
}
