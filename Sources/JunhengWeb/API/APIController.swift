import EquityKit
import Fluent
import Foundation
import JunhengImport
import Vapor

/// The JSON API under /api/v1: the same operations as the pages, with bearer tokens.
struct APIController {
    static let tokenLifetime: TimeInterval = 12 * 3600

    func login(_ req: Request) async throws -> Response {
        struct Body: Content { var username: String; var password: String; var totp: String? }
        guard let body = try? req.content.decode(Body.self) else {
            throw Abort(.badRequest, reason: "请求体应为 {\"username\", \"password\"} / body must be {\"username\", \"password\"}")
        }
        switch try await Authentication.login(username: body.username, password: body.password, totp: body.totp ?? "", on: req) {
        case .failure(.throttled(let wait)):
            throw Abort(.tooManyRequests, headers: ["Retry-After": String(wait)], reason: "登录失败次数过多 / too many failed logins; retry after \(wait) s")
        case .failure(.badCredentials):
            throw Abort(.unauthorized, reason: "用户名或密码错误 / wrong username or password")
        case .failure(.needsSecondFactor):
            throw Abort(.unauthorized, reason: "需要两步验证码（字段 totp）/ a second-factor code is required (field totp)")
        case .success(let user):
            let token = RandomToken.make()
            let expires = Date().addingTimeInterval(Self.tokenLifetime)
            try await APIToken(userID: user.requireID(), tokenHash: Authentication.tokenHash(token), expiresAt: expires).create(on: req.db)
            return try json(TokenResponse(token: token, expires_at: expires))
        }
    }

    func counties(_ req: Request) async throws -> Response {
        var out: [CountySummary] = []
        for c in try await req.visibleCounties() {
            out.append(CountySummary(code: c.code, name: c.name, years: try await req.latestSnapshots(of: c).keys.sorted()))
        }
        return try json(out)
    }

    func evaluation(_ req: Request) async throws -> Response {
        let (_, evaluated) = try await CountyController().evaluated(req)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: Data(evaluated.json)))
    }

    func snapshots(_ req: Request) async throws -> Response {
        let county = try await req.county(.readCounty)
        return try json(try await SnapshotStore.history(countyID: county.requireID(), on: req.db).map(SnapshotSummary.init))
    }

    func upload(_ req: Request) async throws -> Response {
        let county = try await req.county(.uploadStatistics)
        guard let year = req.parameters.get("year", as: Int.self), SnapshotStore.years.contains(year) else {
            throw Abort(.badRequest, reason: "学年应为 2000–2100 的整数 / year must be an integer 2000–2100")
        }
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "请求体应为 CSV 或 XLSX 文件 / send the CSV or XLSX file as the request body")
        }
        let name = (try? req.query.get(String.self, at: "filename")) ?? "api-upload"
        if body.readableBytes > req.application.web.jobs.largeImportBytes {
            // A large file is validated and stored by the job queue: 202 with the job to poll.
            let job = try await JobQueue.enqueue(.statisticsImport, payload: StatisticsImportPayload(
                bytes: Data(body.readableBytesView), fileName: String(name.prefix(200)), year: year), county: county, message: "排队中 / queued", on: req)
            let id = try job.requireID()
            let response = try json(["job": id.uuidString, "status": "queued"], status: .accepted)
            response.headers.replaceOrAdd(name: .location, value: "/api/v1/jobs/\(id)")
            return response
        }
        switch try await SnapshotStore.store([UInt8](body.readableBytesView), fileName: name, county: county, year: year,
                                             by: try req.principal().userID, on: req) {
        case .success(let info):
            let response = try json(SnapshotSummary(info), status: .created)
            response.headers.replaceOrAdd(name: .location, value: "/api/v1/counties/\(county.code)/years/\(year)/evaluation")
            return response
        case .failure(let rejection):
            let issues: [ImportIssue]
            switch rejection {
            case .invalid(let list): issues = list
            case .unreadable(let reason): issues = [ImportIssue(row: 0, column: "", value: "", expectedZH: reason, expectedEN: reason)]
            }
            return try json(ValidationFailure(error: 422, reason: "文件有 \(issues.problemTotal) 处错误，未导入任何数据 / \(issues.problemTotal) problem(s); nothing was imported",
                                              errors: issues.map(LocatedError.init)), status: .unprocessableEntity)
        }
    }

    func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: try encoder.encode(value)))
    }
}

/// `{"token"}` from POST /api/v1/auth/login.
struct TokenResponse: Codable { var token: String; var expires_at: Date }
/// A county in GET /api/v1/counties.
struct CountySummary: Codable { var code: String; var name: String; var years: [Int] }
/// A stored snapshot.
struct SnapshotSummary: Codable {
    var id: UUID; var school_year: Int; var version: Int; var file_name: String; var sha256: String
    var schools: Int; var rows: Int; var uploaded_at: Date
    init(_ s: SnapshotInfo) {
        id = s.id; school_year = s.schoolYear; version = s.version; file_name = s.fileName; sha256 = s.fileHash
        schools = s.schoolCount; rows = s.rowCount; uploaded_at = s.uploadedAt
    }
}
/// One located import error.
struct LocatedError: Codable {
    var row: Int; var column: String; var value: String; var expected_zh: String; var expected_en: String; var message: String
    init(_ i: ImportIssue) {
        row = i.row; column = i.column; value = i.value; expected_zh = i.expectedZH; expected_en = i.expectedEN; message = i.zh
    }
}
/// The 422 body of a rejected upload.
struct ValidationFailure: Codable { var error: Int; var reason: String; var errors: [LocatedError] }
