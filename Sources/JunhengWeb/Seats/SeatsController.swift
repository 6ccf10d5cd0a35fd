import Crypto
import Fluent
import Foundation
import JunhengImport
import JunhengReports
import Seats
import Vapor

/// Adds the 学位 pages and API: the county's forecast and warnings, uploads, plans (job queue), comparison, adoption.
func seatsRoutes(pages: any RoutesBuilder, forms: any RoutesBuilder, uploads: any RoutesBuilder, api: any RoutesBuilder) {
    let c = SeatsController()
    pages.get("counties", ":code", "seats", use: c.overview).requires(.readSeats)
    pages.get("counties", ":code", "seats", "upload", use: c.uploadForm).requires(.manageSeats)
    uploads.on(.POST, "counties", ":code", "seats", "upload", body: .collect(maxSize: Limits.uploadBody), use: c.upload).requires(.manageSeats)
    forms.post("counties", ":code", "seats", "plans", use: c.propose).requires(.manageSeats)
    pages.get("counties", ":code", "seats", "compare", use: c.compare).requires(.readSeats)
    pages.get("counties", ":code", "seats", "background", use: c.background).requires(.readSeats)
    uploads.on(.POST, "counties", ":code", "seats", "background", body: .collect(maxSize: Limits.uploadBody), use: c.uploadBackground).requires(.manageSeats)
    pages.get("seats-plans", ":id", use: c.show).requires(.readSeats)
    uploads.on(.POST, "seats-plans", ":id", "steps", body: .collect(maxSize: Limits.uploadBody), use: c.step).requires(.manageSeats)
    pages.get("seats-plans", ":id", "steps", ":step", "file", use: c.stepFile).requires(.readSeats)
    let a = SeatsAPIController()
    api.get("counties", ":code", "seats", "forecast", use: a.forecast).requires(.readSeats)
    api.get("counties", ":code", "seats", "plans", use: a.plans).requires(.readSeats)
    api.post("counties", ":code", "seats", "plans", use: a.propose).requires(.manageSeats)
    api.get("seats-plans", ":id", use: a.plan).requires(.readSeats)
}

/// The planning office's pages (and the read-only view of inspectors and statisticians).
struct SeatsController {
    /// The largest adoption document kept.
    static let maximumDocument = 20 << 20

    func overview(_ req: Request) async throws -> Response {
        let county = try await req.county(.readSeats)
        return Layout.response(SeatsOverviewView.render(try await SeatsOverviewModel.load(req, county: county), PageContext(req)))
    }

    func uploadForm(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageSeats)
        return Layout.response(SeatsUploadView.render(county: county, issues: [], message: nil, PageContext(req)))
    }

    func upload(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageSeats)
        struct Form: Content {
            var units: File?; var children: File?; var housing: File?; var schools: File?
            var adjacency: File?; var travel: File?; var enrolment: File?
        }
        let form = try req.content.decode(Form.self)
        let parts: [(SeatsFile, File?)] = [(.units, form.units), (.children, form.children), (.housing, form.housing), (.schools, form.schools),
                                           (.adjacency, form.adjacency), (.travel, form.travel), (.enrolment, form.enrolment)]
        var files: [SeatsFile: SeatsStore.StoredFile] = [:]
        for (kind, f) in parts {
            guard let f, f.data.readableBytes > 0 else { continue }
            files[kind] = .init(name: String(f.filename.prefix(200)), bytes: Data(f.data.readableBytesView))
        }
        let total = files.values.reduce(0) { $0 + $1.bytes.count }
        if total > req.application.web.jobs.largeImportBytes {
            let payload = SeatsImportPayload(files: Dictionary(uniqueKeysWithValues: files.map { ($0.key.rawValue, $0.value) }))
            let job = try await JobQueue.enqueue(.seatsImport, payload: payload, county: county, message: "排队中 / queued", on: req)
            return req.redirect(to: "/jobs/\(try job.requireID())")
        }
        let ctx = PageContext(req)
        switch try await SeatsStore.store(files, county: county, by: try req.principal().userID, on: req) {
        case .success(let d):
            return req.redirect(to: "/counties/\(county.code)/seats?uploaded=\(d.version)")
        case .failure(.invalid(let issues)):
            await req.audit("seats-upload-rejected", target: "county:\(county.code)/seats", detail: "\(issues.problemTotal) problem(s)")
            let message = ctx.t("上传的文件有 \(issues.problemTotal) 处错误，未保存任何数据。", "The upload has \(issues.problemTotal) problem(s); nothing was stored.")
            return Layout.response(SeatsUploadView.render(county: county, issues: issues, message: message, ctx), status: .unprocessableEntity)
        }
    }

    /// The largest map background kept.
    static let maximumBackground = 5 << 20

    /// The map background image (PNG or JPEG as checked on upload); 204 when the county has none.
    func background(_ req: Request) async throws -> Response {
        let county = try await req.county(.readSeats)
        // No background uploaded: nothing to draw (204, so an allowed reader never sees "not found").
        guard let b = try await SeatsBackground.query(on: req.db).filter(\.$county.$id == county.requireID()).first() else { return Response(status: .noContent) }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: b.contentType == "image/png" ? "image/png" : "image/jpeg")
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(data: b.bytes))
    }

    /// Replaces the county's map background: a PNG or JPEG of at most 5 MB and the degrees of its four edges.
    func uploadBackground(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageSeats)
        struct Form: Content { var image: File?; var west: String?; var south: String?; var east: String?; var north: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let ctx = PageContext(req)
        func refuse(_ zh: String, _ en: String) async throws -> Response {
            await req.audit("seats-background-rejected", target: "county:\(county.code)/seats", detail: en)
            return Layout.response(SeatsUploadView.render(county: county, issues: [], message: ctx.t(zh, en), ctx), status: .unprocessableEntity)
        }
        guard let f = form.image, f.data.readableBytes > 0 else { return try await refuse("image：请选择图片", "image: choose a file") }
        guard f.data.readableBytes <= Self.maximumBackground else { return try await refuse("image：图片超过 5 MB", "image: larger than 5 MB") }
        let bytes = [UInt8](f.data.readableBytesView)
        let type: String
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { type = "image/png" }
        else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { type = "image/jpeg" }
        else { return try await refuse("image：只接受 PNG 或 JPEG", "image: PNG or JPEG only") }
        func degrees(_ s: String?, _ range: ClosedRange<Double>) -> Double? {
            guard let s, s.utf8.count <= 32, let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite, range.contains(v) else { return nil }
            return v
        }
        guard let west = degrees(form.west, -180...180), let east = degrees(form.east, -180...180), west < east else {
            return try await refuse("west/east：经度应在 −180…180 且 west < east", "west/east: longitudes in −180…180 with west < east")
        }
        guard let south = degrees(form.south, -90...90), let north = degrees(form.north, -90...90), south < north else {
            return try await refuse("south/north：纬度应在 −90…90 且 south < north", "south/north: latitudes in −90…90 with south < north")
        }
        let countyID = try county.requireID(), userID = try req.principal().userID, hash = SHA256.hex(bytes)
        try await req.db.transaction { db in
            try await SeatsBackground.query(on: db).filter(\.$county.$id == countyID).delete()
            let b = SeatsBackground()
            b.$county.id = countyID
            b.contentType = type
            b.bytes = Data(bytes)
            (b.west, b.south, b.east, b.north) = (west, south, east, north)
            b.sha256 = hash
            b.$uploadedBy.id = userID
            b.uploadedAt = Date()
            try await b.create(on: db)
        }
        await req.audit("seats-background", target: "county:\(county.code)/seats", detail: "\(type), \(bytes.count) bytes, sha256 \(hash), bounds \(west),\(south),\(east),\(north)")
        return req.redirect(to: "/counties/\(county.code)/seats")
    }

    /// Queues the plans; the job page follows the solve and links the comparison.
    func propose(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageSeats)
        struct Form: Content { var year: Int?; var plans: Int?; var time_limit: Double?; var pins: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let job = try await SeatsPlanInput.enqueue(county: county, year: form.year, plans: form.plans, timeLimit: form.time_limit, pins: form.pins, on: req)
        return req.redirect(to: "/jobs/\(try job.requireID())")
    }

    func compare(_ req: Request) async throws -> Response {
        let county = try await req.county(.readSeats)
        guard let raw = try? req.query.get(String.self, at: "batch"), let batch = UUID(uuidString: raw) else {
            throw Abort(.unprocessableEntity, reason: "batch: 应为方案批次编号 / a plan batch id is required")
        }
        let countyID = try county.requireID()
        let records = try await SeatsPlanRecord.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$batch == batch).sort(\.$number).all()
        guard let first = records.first else { throw Abort(.notFound) }
        let columns = try records.compactMap { r -> SeatsCompareModel.Column? in
            guard let id = r.id else { return nil }
            return .init(id: id, stored: try StoredPlan.decode(r.resultJSON), stage: AdoptionStage(rawValue: r.stage) ?? .draft)
        }
        let schools = (columns.first?.stored.statusQuo.fill.keys).map { Array($0).sorted() } ?? []
        let model = SeatsCompareModel(countyCode: county.code, countyName: county.name, year: first.year, columns: columns,
                                      names: try await SeatsStore.schoolNames(countyID: countyID, on: req.db), schools: schools)
        return Layout.response(SeatsCompareView.render(model, PageContext(req)))
    }

    func show(_ req: Request) async throws -> Response {
        let access = try await req.countyRecord(SeatsPlanRecord.self, .readSeats)
        return Layout.response(SeatsPlanView.render(try await SeatsPlanModel.load(req, access), PageContext(req)))
    }

    /// Records the plan's next adoption step (checked by `CatchmentAdoption`); 生效 makes it the catchments of record.
    func step(_ req: Request) async throws -> Response {
        let access = try await req.countyRecord(SeatsPlanRecord.self, .manageSeats)
        struct Form: Content { var stage: String?; var day: String?; var evidence: String?; var document: File? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let record = access.record
        let planID = try record.requireID()
        let history = try await SeatsPlanStep.query(on: req.db).filter(\.$plan.$id == planID).all()
            .compactMap { s -> AdoptionStep? in
                guard let stage = AdoptionStage(rawValue: s.stage), let day = PlanDay(s.day) else { return nil }
                return AdoptionStep(stage: stage, day: day, evidence: s.evidence)
            }.sorted { $0.stage < $1.stage }
        func refuse(_ text: String) async throws -> Response {
            await req.audit("seats-plan-step-refused", target: access.target, detail: AuditText.short(text, max: 200))
            let model = try await SeatsPlanModel.load(req, access, error: text)
            return Layout.response(SeatsPlanView.render(model, PageContext(req)), status: .unprocessableEntity)
        }
        guard record.supersededAt == nil else { return try await refuse(req.t("该方案已被后来生效的方案替代。", "This plan was superseded by a later one.")) }
        guard let stage = form.stage.flatMap(AdoptionStage.init(rawValue:)) else { return try await refuse(req.t("stage：未知阶段", "stage: unknown stage")) }
        guard let day = form.day.flatMap(PlanDay.init) else { return try await refuse(req.t("day：日期应为 YYYY-MM-DD", "day: the date must be YYYY-MM-DD")) }
        guard let rules = SeatsStore.settings?.adoption, let today = SeatsPlanInput.today() else { throw Abort(.internalServerError) }
        let evidence = (form.evidence ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let step = AdoptionStep(stage: stage, day: day, evidence: evidence)
        if let refusal = CatchmentAdoption.refusal(step, after: history, today: today, rules: rules) {
            return try await refuse(refusal.description)
        }
        var document: (name: String, bytes: Data)?
        if let f = form.document, f.data.readableBytes > 0 {
            guard f.data.readableBytes <= Self.maximumDocument else { return try await refuse(req.t("文件超过 20 MB", "the document exceeds 20 MB")) }
            document = (String(f.filename.prefix(200)), Data(f.data.readableBytesView))
        }
        let userID = try req.principal().userID
        let countyID = try access.county.requireID()
        let stepRecord = SeatsPlanStep()
        stepRecord.$plan.id = planID
        stepRecord.stage = stage.rawValue
        stepRecord.day = day.description
        stepRecord.evidence = evidence
        stepRecord.fileName = document?.name
        stepRecord.fileSHA256 = document.map { SHA256.hex([UInt8]($0.bytes)) }
        stepRecord.fileBytes = document?.bytes
        stepRecord.$recordedBy.id = userID
        stepRecord.recordedAt = Date()
        try await req.db.transaction { db in
            try await stepRecord.create(on: db)
            record.stage = stage.rawValue
            if stage == .effective {
                let now = Date()
                // One plan in effect per county: the earlier one is superseded.
                try await SeatsPlanRecord.query(on: db).filter(\.$county.$id == countyID).filter(\.$stage == AdoptionStage.effective.rawValue)
                    .filter(\.$supersededAt == nil).set(\.$supersededAt, to: now).update()
                record.effectiveAt = now
            }
            try await record.save(on: db)
        }
        await req.audit("seats-plan-step", target: access.target,
                        detail: "county \(access.county.code), \(stage.rawValue) \(day), \(AuditText.short(evidence, max: 120))\(stepRecord.fileSHA256.map { ", document sha256 \($0)" } ?? "")")
        return req.redirect(to: "/seats-plans/\(planID)?recorded=\(stage.rawValue)")
    }

    func stepFile(_ req: Request) async throws -> Response {
        let access = try await req.countyRecord(SeatsPlanRecord.self, .readSeats)
        let planID = try access.record.requireID()
        guard let raw = req.parameters.get("step"), let id = UUID(uuidString: raw),
              let s = try await SeatsPlanStep.query(on: req.db).filter(\.$id == id).filter(\.$plan.$id == planID).first(),
              let bytes = s.fileBytes else { throw Abort(.notFound) }
        let ascii = (s.fileName ?? "document").unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }
        return CountyController().download(bytes, type: "application/octet-stream", name: String(String(String.UnicodeScalarView(ascii)).prefix(100)))
    }
}

/// Checks of the plan request shared by the page and the API.
enum SeatsPlanInput {
    /// Validates the request against the county's newest dataset and queues the job.
    static func enqueue(county: Region, year: Int?, plans: Int?, timeLimit: Double?, pins: String?, on req: Request) async throws -> Job {
        guard let dataset = try await SeatsStore.latest(countyID: county.requireID(), on: req.db) else {
            throw Abort(.unprocessableEntity, reason: "请先上传学位数据 / upload the seats data first")
        }
        let first = dataset.asOfYear
        guard let year, year >= first, year < first + 15 else {
            throw Abort(.unprocessableEntity, reason: "year: 应在 \(first)…\(first + 14) / must be \(first)…\(first + 14)")
        }
        let count = plans ?? 3
        guard (1...5).contains(count) else { throw Abort(.unprocessableEntity, reason: "plans: 应为 1–5 / must be 1–5") }
        let limit = timeLimit ?? 60
        guard limit.isFinite, limit >= 1, limit <= 120 else { throw Abort(.unprocessableEntity, reason: "time_limit: 应为 1–120 秒 / must be 1–120 s") }
        let raw = pins ?? ""
        guard raw.utf8.count <= 4_000 else { throw Abort(.unprocessableEntity, reason: "pins: 最多 4000 字符 / at most 4,000 characters") }
        let codes = raw.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let county0 = try await SeatsStore.cachedCounty(dataset)
        let known = Set(county0.units.map(\.code))
        if let bad = codes.first(where: { !known.contains($0) }) {
            throw Abort(.unprocessableEntity, reason: "pins: 未知单元 \(bad.prefix(40)) / unknown unit")
        }
        let payload = SeatsPlanPayload(datasetID: try dataset.requireID(), year: year, plans: count, timeLimit: limit, pins: Array(Set(codes)).sorted())
        return try await JobQueue.enqueue(.seatsPlan, payload: payload, county: county, message: "排队中 / queued", on: req)
    }

    /// Today in Asia/Shanghai, the bureau's calendar.
    static func today(_ now: Date = Date()) -> PlanDay? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        guard let y = c.year, let m = c.month, let d = c.day else { return nil }
        return PlanDay(year: y, month: m, day: d)
    }
}

/// The seats API: the forecast, the plans, one plan in the `seats plan` contract, and proposing plans (a job).
struct SeatsAPIController {
    /// `GET /api/v1/counties/{code}/seats/forecast` → the `seats forecast` JSON for the catchments of record.
    func forecast(_ req: Request) async throws -> Response {
        let county = try await req.county(.readSeats)
        guard let dataset = try await SeatsStore.latest(countyID: county.requireID(), on: req.db), let settings = SeatsStore.settings else {
            throw Abort(.notFound, reason: "尚未上传学位数据 / no seats data")
        }
        let (seats, _) = try await SeatsStore.ofRecord(dataset, on: req.db)
        let bytes = try await req.application.threadPool.runIfActive { () -> [UInt8] in
            let forecast = SeatsForecaster.forecast(seats, years: SeatsOverviewModel.forecastYears, coefficients: settings.coefficients)
            return SeatsForecastReport(county: seats, forecast: forecast, settings: settings).json()
        }
        return Self.raw(bytes)
    }

    /// `GET /api/v1/counties/{code}/seats/plans` → `{"plans": [{id, batch, number, year, status, gap, moved_pupils, check_passed, stage}]}`.
    func plans(_ req: Request) async throws -> Response {
        let county = try await req.county(.readSeats)
        struct Row: Encodable { var id: String; var batch: String; var number: Int; var year: Int; var status: String; var gap: Double?
                                var moved_pupils: Double?; var check_passed: Bool; var stage: String; var superseded: Bool }
        let rows = try await SeatsPlanRecord.query(on: req.db).filter(\.$county.$id == county.requireID()).sort(\.$createdAt, .descending)
            .sort(\.$number).range(..<500).all().map { r in
                Row(id: r.id?.uuidString ?? "", batch: r.batch.uuidString, number: r.number, year: r.year, status: r.status, gap: r.gap,
                    moved_pupils: r.movedPupils, check_passed: r.checkPassed, stage: r.stage, superseded: r.supersededAt != nil)
            }
        return try APIController().json(["plans": rows])
    }

    /// `POST /api/v1/counties/{code}/seats/plans` with `{"year", "plans"?, "time_limit"?, "pins"?}` → 202 `{"job", "url"}`.
    func propose(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageSeats)
        struct Body: Decodable { var year: Int; var plans: Int?; var time_limit: Double?; var pins: [String]? }
        let body: Body = try SurveyInput.decode(req)
        guard (body.pins?.count ?? 0) <= 2_000 else { throw Abort(.unprocessableEntity, reason: "pins: 最多 2000 个 / at most 2,000") }
        let job = try await SeatsPlanInput.enqueue(county: county, year: body.year, plans: body.plans, timeLimit: body.time_limit,
                                                   pins: body.pins?.joined(separator: ","), on: req)
        let id = try job.requireID()
        return try APIController().json(["job": id.uuidString, "url": "/api/v1/jobs/\(id)"], status: .accepted)
    }

    /// `GET /api/v1/seats-plans/{id}` → the plan in the `seats plan` JSON contract, plus its `stage`.
    func plan(_ req: Request) async throws -> Response {
        let access = try await req.countyRecord(SeatsPlanRecord.self, .readSeats)
        return Self.staged(access.record.resultJSON, stage: access.record.stage)
    }

    /// A stored plan's JSON with its adoption stage in the `X-Junheng-Stage` header.
    static func staged(_ json: Data, stage: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: "X-Junheng-Stage", value: stage)
        return Response(status: .ok, headers: headers, body: .init(data: json))
    }

    static func raw(_ bytes: [UInt8]) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }
}
