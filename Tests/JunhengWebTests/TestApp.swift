import EquityKit
import Fluent
import Foundation
import JunhengDemo
import JunhengImport
import Testing
import VaporTesting
@testable import JunhengWeb

/// Every web test suite nests in this one so the suites run one at a time: on PostgreSQL they share one database.
/// Add new suites as `extension WebTests { @Suite struct … }`.
@Suite(.serialized) struct WebTests {}

/// The database the web tests run on: PostgreSQL when JUNHENG_TEST_DATABASE_URL is set (CI), else in-memory SQLite.
enum TestDatabase {
    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["JUNHENG_TEST_DATABASE_URL"]
        return url?.isEmpty == false ? url : nil
    }
    static var store: WebConfiguration.Store { postgresURL.map { .postgres($0) } ?? .sqliteMemory }
}

/// A county outside the demo province, for cross-scope tests.
enum OtherProvince {
    static let provinceCode = "44", cityCode = "4401", countyCode = "440101"
}

/// Job settings for tests: two workers that look for work often and renew their lease quickly.
extension JobSettings {
    static let tests = JobSettings(workers: 2, leaseSeconds: 5, heartbeatSeconds: 0.2, pollSeconds: 0.1)
}

/// Runs `body` with a fresh app on a fresh database: the demo province (small counties) plus a second province.
/// The job workers start with the app's first request (`jobs.startWorkers`).
func withTestApp(schoolsPerCounty: Int = 10, chromiumPath: String? = nil, jobs: JobSettings = .tests,
                 auditKeyPath: String? = nil, _ body: (Application) async throws -> Void) async throws {
    try await withApp(configure: { app in
        try await configure(app, WebConfiguration(store: TestDatabase.store, bcryptCost: 4, demo: true, chromiumPath: chromiumPath,
                                                  jobs: jobs, auditKeyPath: auditKeyPath))
        if TestDatabase.postgresURL != nil {
            // The shared PostgreSQL database keeps the previous test's rows: revert every migration and run them again.
            try await app.autoRevert().get()
            try await app.autoMigrate().get()
        }
        try await DemoSeeder.seed(app, schoolsPerCounty: schoolsPerCounty)
        try await seedOtherProvince(app)
    }, body)
}

/// Province 44 with one county (440101), a snapshot for 2025 and its statistician `gd-stat`.
private func seedOtherProvince(_ app: Application) async throws {
    let province = Region(code: OtherProvince.provinceCode, name: "另一省", level: .province, parent: nil)
    try await province.create(on: app.db)
    let city = Region(code: OtherProvince.cityCode, name: "另一市", level: .city, parent: province)
    try await city.create(on: app.db)
    let county = Region(code: OtherProvince.countyCode, name: "远方县", level: .county, parent: city)
    try await county.create(on: app.db)
    let user = User(username: "gd-stat", displayName: "远方统计", passwordHash: try app.password.hash(DemoSeeder.password),
                    role: .statistician, regionID: county.id, schoolID: nil)
    try await user.create(on: app.db)
    let bytes = Array(TemplateWriter.csv(DemoCounty.records(county: 9, schools: 6, seed: 44)).utf8)
    try await Snapshot(countyID: county.requireID(), schoolYear: 2025, version: 1, uploadedBy: user.requireID(), uploadedAt: Date(),
                       fileName: "other.csv", fileHash: "x", schoolCount: 6, rowCount: 6, content: Data(bytes)).create(on: app.db)
}

/// A browser session against the app: keeps the session cookie and the CSRF token, like a real browser.
struct TestBrowser {
    let app: Application
    var cookie: String?
    var csrf: String?
    /// In memory by default; `.running` sends real HTTP over a socket, so bodies arrive streamed as from a browser.
    var method: Application.Method = .inMemory

    init(_ app: Application, method: Application.Method = .inMemory) {
        self.app = app
        self.method = method
    }

    /// Logs in through the form; returns the login response.
    @discardableResult
    mutating func login(_ username: String, password: String = DemoSeeder.password) async throws -> TestingHTTPResponse {
        _ = try await get("/login")
        return try await post("/login", form: ["username": username, "password": password])
    }

    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        let res = try await app.testing(method: method).sendRequest(.GET, path, headers: headers())
        remember(res)
        return res
    }

    /// Posts a urlencoded form with the CSRF token added (unless `csrf: false`).
    mutating func post(_ path: String, form: [String: String], csrf withToken: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if withToken, let csrf { fields[CSRF.field] = csrf }
        var h = headers()
        h.contentType = .urlEncodedForm
        let body = fields.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
        let res = try await app.testing(method: method).sendRequest(.POST, path, headers: h, body: ByteBuffer(string: body))
        remember(res)
        return res
    }

    /// Posts a multipart form with one file field.
    mutating func upload(_ path: String, fields: [String: String], file: [UInt8], fileName: String) async throws -> TestingHTTPResponse {
        let boundary = "----junheng-test-boundary"
        var body = ByteBuffer()
        var all = fields
        if let csrf { all[CSRF.field] = csrf }
        for (k, v) in all {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        var h = headers()
        h.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let res = try await app.testing(method: method).sendRequest(.POST, path, headers: h, body: body)
        remember(res)
        return res
    }

    /// Posts a prebuilt body (a multipart form with several parts).
    mutating func uploadRaw(_ path: String, body: ByteBuffer, contentType: String) async throws -> TestingHTTPResponse {
        var h = headers()
        h.replaceOrAdd(name: .contentType, value: contentType)
        let res = try await app.testing(method: method).sendRequest(.POST, path, headers: h, body: body)
        remember(res)
        return res
    }

    /// Other cookies the server set (the login page's CSRF cookie), by name.
    var otherCookies: [String: String] = [:]

    private func headers() -> HTTPHeaders {
        var h = HTTPHeaders()
        let all = [cookie].compactMap { $0 } + otherCookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if !all.isEmpty { h.replaceOrAdd(name: .cookie, value: all.joined(separator: "; ")) }
        return h
    }

    private mutating func remember(_ res: TestingHTTPResponse) {
        for value in res.headers[.setCookie] {
            let pair = String(value.split(separator: ";")[0])
            guard let eq = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<eq]), v = String(pair[pair.index(after: eq)...])
            if name == "junheng-session" { cookie = v.isEmpty ? nil : pair } else { otherCookies[name] = v.isEmpty ? nil : v }
        }
        let html = res.body.string
        if let r = html.range(of: "name=\"_csrf\" value=\"") {
            csrf = String(html[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    private func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charset: "-._~"))) ?? s
    }
}

extension CharacterSet {
    init(charset: String) { self.init(charactersIn: charset) }
}

/// API helpers: a bearer token and JSON calls.
enum APIClient {
    static func token(_ app: Application, _ username: String, password: String = DemoSeeder.password) async throws -> String? {
        let res = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: ["Content-Type": "application/json"],
                                                      body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(password)"}"#))
        guard res.status == .ok else { return nil }
        return try (JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])?["token"] as? String
    }

    static func get(_ app: Application, _ path: String, token: String?) async throws -> TestingHTTPResponse {
        var h = HTTPHeaders()
        if let token { h.bearerAuthorization = BearerAuthorization(token: token) }
        return try await app.testing().sendRequest(.GET, path, headers: h)
    }

    static func post(_ app: Application, _ path: String, token: String?, body: [UInt8], contentType: String = "text/csv") async throws -> TestingHTTPResponse {
        var h = HTTPHeaders()
        if let token { h.bearerAuthorization = BearerAuthorization(token: token) }
        h.replaceOrAdd(name: .contentType, value: contentType)
        return try await app.testing().sendRequest(.POST, path, headers: h, body: ByteBuffer(bytes: body))
    }

    static func json(_ res: TestingHTTPResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView))
    }
}

/// The demo counties' codes.
enum Demo {
    static let county1 = DemoCounty.regionCode(county: 1)
    static let county2 = DemoCounty.regionCode(county: 2)
    static let county3 = DemoCounty.regionCode(county: 3)
}

/// Waits (up to `seconds`) until the job is finished; returns it.
func finishedJob(_ app: Application, _ id: UUID, seconds: Double = 180) async throws -> JobInfo {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if let job = try await JobInfo.load(id, on: app.db), job.state.isFinal { return job }
        try await Task.sleep(nanoseconds: 50_000_000)
    }
    throw Abort(.requestTimeout, reason: "job \(id) did not finish within \(seconds) s")
}

/// The job id a redirect to its page names.
func jobID(_ res: TestingHTTPResponse) throws -> UUID {
    let location = try #require(res.headers.first(name: .location))
    #expect(location.hasPrefix("/jobs/"))
    return try #require(UUID(uuidString: String(location.dropFirst("/jobs/".count))))
}

extension TestBrowser {
    /// Follows a job redirect like a browser: the job page until the job is finished, then its result link.
    mutating func followJob(_ res: TestingHTTPResponse) async throws -> (JobInfo, String?) {
        let id = try jobID(res)
        let page = try await get("/jobs/\(id)")
        #expect(page.status == .ok)
        #expect(page.body.string.contains("id=\"job-progress\""))
        let job = try await finishedJob(app, id)
        let done = try await get("/jobs/\(id)").body.string
        guard let r = done.range(of: "id=\"job-result\" href=\"") else { return (job, nil) }
        return (job, String(done[r.upperBound...].prefix { $0 != "\"" }))
    }
}

/// Audit entries with this action, newest last.
func auditEntries(_ app: Application, action: String) async throws -> [AuditRecord] {
    try await AuditLog.records(on: app.db).filter { $0.action == action }
}
